// What other features may use in the browser: the five-force radar and its table.
export { ForceProfile, RadarChart } from "./ui/radar";
