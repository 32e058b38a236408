// Every time a person reads is in Asia/Shanghai, whatever the server's zone.
export const TIME_ZONE = "Asia/Shanghai";

const dateTimeFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const timeFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });

/** "2026-11-22 17:36:05" */
export function formatDateTime(d: Date): string {
  return dateTimeFmt.format(d).replace(/\//g, "-");
}
/** "2026-11-22" */
export function formatDate(d: Date): string {
  return dateFmt.format(d).replace(/\//g, "-");
}
/** "17:36" */
export function formatTime(d: Date): string {
  return timeFmt.format(d);
}
/** Today's calendar date in Shanghai as "YYYY-MM-DD". */
export function shanghaiToday(now: Date): string {
  return formatDate(now);
}
/** Midnight Shanghai of a "YYYY-MM-DD" date, as an instant. */
export function shanghaiDateToInstant(ymd: string): Date {
  return new Date(`${ymd}T00:00:00+08:00`);
}
