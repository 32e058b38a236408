// Server functions of online application that other features (and the seed) may call: the only writer of Application.
export { apply, promoteWaiting, publishWindow, review } from "./service.server";
