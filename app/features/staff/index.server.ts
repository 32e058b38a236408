// Server functions of staff that other features may call (the only writer of Person and its facts).
export { MAX_UPLOAD_BYTES } from "./service.server";
