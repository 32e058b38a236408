// What other features (and the benchmarks) may use of exam-taking on the server.
export {
  finalizeAttempt,
  finalizeOverdue,
  grantExtraTime,
  examLogin,
  loadExam,
  saveAnswer,
  claimWindow,
  attemptOrder,
  recordTheoryCorrection,
} from "./service.server";
export { drainWrites, handleExamApi, handleHealth, startPrimary, startSingleProcess } from "./runtime.server";
export { capacityConfig } from "./store/capacity.server";
