// What other features may call of skill scoring on the server.
export {
  computeSkillResults,
  groupStaffing,
  publishSkillSitting,
  recordReviewRecount,
  skillPaperOf,
  startScoring,
  type SkillSitting,
  type SkillSnapshot,
} from "./service.server";
