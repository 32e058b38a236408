// What other features (and the benchmarks and seed) may use of sittings on the server.
export {
  assembleSittingPaper,
  assembleSkillSittingPaper,
  isRetake,
  publishSkillResults,
  registerCandidates,
  registerIntoGroup,
  roomStaffing,
  setApplicationWindow,
  settleRoom,
  sittingOfDay,
  startSkillScoring,
  ticketNumber,
} from "./service.server";
export { requireSitting } from "./access.server";
