// What other features may call on the server: a quarter's standings and the departments' history.
export { departmentHistoryOf, quarterStandingsOf } from "./service.server";
