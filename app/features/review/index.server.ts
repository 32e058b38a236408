// What other features may call of 公示 and 复核 on the server (the only writer of ReviewRequest).
export { reviewLines } from "./service.server";
