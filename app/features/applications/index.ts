// What other features may use of online application in the browser.
export { ApplicationWindowSection, type WindowValues } from "./ui/window-form";
