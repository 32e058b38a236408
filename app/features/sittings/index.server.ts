// What other features (and the benchmarks and seed) may use of sittings on the server.
export { assembleSittingPaper, isRetake, registerCandidates, roomStaffing, settleRoom, sittingOfDay, ticketNumber } from "./service.server";
export { requireSitting } from "./access.server";
