// The page's URLs (client-safe): one quarter's standings, or one department's form with `department`.
import type { YearQuarter } from "~/domain/department-form";

export const PATH = "/center/department-assessment";
export const QUARTER_NAMES = ["一季度", "二季度", "三季度", "四季度"];

export function pageHref(q: YearQuarter, extra: Record<string, string> = {}) {
  return `${PATH}?${new URLSearchParams({ year: String(q.year), quarter: String(q.quarter), ...extra })}`;
}
