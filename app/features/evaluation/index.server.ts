// What other features may call on the server: the annual evaluation's results.
export { cycleResults, serviceStars, type SubjectResult } from "./service.server";
