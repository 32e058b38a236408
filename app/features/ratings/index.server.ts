// What other features may call on the server: a year's 好差评 counts per person.
export { personRatingTrend, ratingCountsForYear, totalRatings } from "./service.server";
