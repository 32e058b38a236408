// What other features may use in the browser: the six rates' columns and the month trend views.
export { RATE_COLUMNS } from "./ui/rates";
export { Sparkline, TrendTable, type MonthRow } from "./ui/trend";
