// What other features may call of skill scoring on the server.
export {
  assembleSkillSittingPaper,
  computeSkillResults,
  groupStaffing,
  publishSkillSitting,
  registerIntoGroup,
  skillPaperOf,
  startScoring,
  type SkillSitting,
  type SkillSnapshot,
} from "./service.server";
