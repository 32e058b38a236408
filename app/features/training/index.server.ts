// What other features may call on the server: a person's courses and a center's training plan.
export { ownCourses, trainingPlan } from "./service.server";
