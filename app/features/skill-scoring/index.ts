// What other features may use of skill scoring in any code (client-safe: types and pure rules).
export { taskState, type TaskStatus } from "./rules";
