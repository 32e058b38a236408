import type { Period } from "~/domain/publicity";

/** A warning when a period runs into a year whose State Council holiday notice is not in the data yet. */
export function uncoveredWarning(uncovered: readonly number[]): string {
  return uncovered.length ? `（注意：${uncovered.join("、")}年的节假日安排尚未收录，暂按周一至周五计算工作日）` : "";
}

/** The message after a publication: when the 公示 ends, and that certificates come after it. */
export function publishedMessage(p: Period): string {
  if (p.days === 0) return "成绩已发布，考生可以查看。本中心未设公示期，可在「公示与发证」页面颁发证书。";
  return `成绩已发布，考生可以查看。公示至 ${p.lastDay}（${p.days} 个工作日）${uncoveredWarning(p.uncovered)}；公示期满且复核办结后，请在「公示与发证」页面颁发证书。`;
}
