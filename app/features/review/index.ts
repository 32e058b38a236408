// What other features may use of 公示 and 复核 in the browser.
export { publishedMessage } from "./ui/messages";
export { PublicityNotice, ReviewLine, type ReviewLineData } from "./ui/publicity-notice";
