// Working days of mainland China: the State Council's public holidays (放假) and the weekend days
// made into working days (调休上班), from the `chinese-days` package's data file — maintained
// upstream from each year's State Council notice, never typed in here. All dates are calendar
// dates in Asia/Shanghai as "YYYY-MM-DD".
//
// A year the data does not cover yet (the notice for year N comes out around November of N-1)
// falls back to Monday–Friday; `calendarCovers` tells the caller so that it can warn.
import data from "chinese-days/dist/chinese-days.json";

const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(data.holidays));
const MAKEUP_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(data.workdays));
const COVERED_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS, ...MAKEUP_WORKDAYS].map((d) => Number(d.slice(0, 4))));

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(ymd: string): [number, number, number] {
  const m = YMD.exec(ymd);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Day of week of a calendar date, 0 = Sunday (computed on the date itself, not in any zone). */
function weekday(ymd: string): number {
  const [y, m, d] = parts(ymd);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The next calendar date. */
export function nextDate(ymd: string): string {
  const [y, m, d] = parts(ymd);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Whether the package's data holds the State Council's arrangement for this year. */
export function calendarCovers(year: number): boolean {
  return COVERED_YEARS.has(year);
}

/** The years between two dates (inclusive) the data does not cover, for a warning on screen. */
export function uncoveredYears(fromYmd: string, toYmd: string): number[] {
  const out: number[] = [];
  for (let y = parts(fromYmd)[0]; y <= parts(toYmd)[0]; y++) if (!calendarCovers(y)) out.push(y);
  return out;
}

/** A working day: a makeup working day, or a Monday–Friday that is not a public holiday. */
export function isWorkingDay(ymd: string): boolean {
  if (MAKEUP_WORKDAYS.has(ymd)) return true;
  if (HOLIDAYS.has(ymd)) return false;
  const w = weekday(ymd);
  return w !== 0 && w !== 6;
}

/**
 * The n-th working day after `start` (the start date itself is not counted, as a notice "自发布之日起
 * 5个工作日" counts from the next day). n = 0 returns the start date unchanged.
 */
export function addWorkingDays(startYmd: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0: ${n}`);
  let d = startYmd;
  for (let left = n; left > 0;) {
    d = nextDate(d);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
