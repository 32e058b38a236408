// 好差评 rates (GB/T 39735-2020 Annex A, REFERENCE §4). A zero denominator is "no data" (null).

export const CHANNELS = ["一次一评", "一事一评", "综合点评", "监督查评"] as const;
export type Channel = (typeof CHANNELS)[number];

export type RatingCounts = {
  activeGood: number; // 主动评价：好评
  activeBad: number; // 主动评价：差评（含经核实的无效差评）
  timeoutUnrated: number; // 超时未评
  invalidBad: number; // 经核实为无效的差评
  repliedBad: number; // 已回复的差评
  rectified: number; // 经回访已整改完成的（有效）差评
  satisfied: number; // 对整改结果满意的
};

export function checkCounts(c: RatingCounts): string | null {
  for (const [k, v] of Object.entries(c)) if (!Number.isInteger(v) || v < 0) return `${k} 应为非负整数`;
  if (c.invalidBad > c.activeBad) return "无效差评数不能大于差评数";
  if (c.repliedBad > c.activeBad) return "已回复差评数不能大于差评数";
  if (c.rectified > c.activeBad - c.invalidBad) return "已整改数不能大于有效差评数";
  if (c.satisfied > c.rectified) return "整改满意数不能大于已整改数";
  return null;
}

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

export type Rates = {
  goodRate: number | null; // 好评率
  activeGoodRate: number | null; // 主动评价好评率
  unratedRate: number | null; // 未评率
  replyRate: number | null; // 差评回复率
  rectificationRate: number | null; // 差评回访整改率
  rectificationSatisfaction: number | null; // 差评回访整改满意率
};

export function rates(c: RatingCounts): Rates {
  const active = c.activeGood + c.activeBad;
  const total = active + c.timeoutUnrated;
  const validBad = c.activeBad - c.invalidBad;
  return {
    goodRate: ratio(total - validBad, total),
    activeGoodRate: ratio(c.activeGood, active - c.invalidBad),
    unratedRate: ratio(c.timeoutUnrated + c.invalidBad, total),
    replyRate: ratio(c.repliedBad, c.activeBad),
    rectificationRate: ratio(c.rectified, validBad),
    rectificationSatisfaction: ratio(c.satisfied, c.rectified),
  };
}

export function sumCounts(list: readonly RatingCounts[]): RatingCounts {
  const zero: RatingCounts = { activeGood: 0, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 };
  return list.reduce(
    (s, c) =>
      Object.fromEntries(Object.keys(zero).map((k) => [k, s[k as keyof RatingCounts] + c[k as keyof RatingCounts]])) as RatingCounts,
    zero,
  );
}

/**
 * 好差评情况 (10 points), project default: 10 × 好评率, less `unrectifiedPenalty` points × the
 * share of valid bad ratings not rectified; never below 0. No ratings → null (missing, not 0).
 */
export function ratingPoints(c: RatingCounts, unrectifiedPenalty = 2): number | null {
  const r = rates(c);
  if (r.goodRate === null) return null;
  const validBad = c.activeBad - c.invalidBad;
  const unrectified = validBad === 0 ? 0 : (validBad - c.rectified) / validBad;
  return Math.max(0, 10 * r.goodRate - unrectifiedPenalty * unrectified);
}

/** "97.5%" or "无数据". */
export function formatRate(r: number | null): string {
  return r === null ? "无数据" : `${(Math.floor(r * 1000 + 1e-9) / 10).toFixed(1)}%`;
}
