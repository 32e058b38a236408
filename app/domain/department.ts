// Quarterly department assessment (seed 003, REFERENCE §5).

export const DEPARTMENT_ITEMS = [
  { key: "onlineHelp", area: "服务成效", name: "线上帮办", max: 10 },
  { key: "offlineHelp", area: "服务成效", name: "线下帮办", max: 5 },
  { key: "consulting", area: "服务成效", name: "咨询服务", max: 5 },
  { key: "serviceRating", area: "服务成效", name: "服务评价", max: 10 },
  { key: "windowSupport", area: "综窗建设", name: "窗口业务支撑", max: 10 },
  { key: "coordination", area: "综窗建设", name: "办理协同顺畅度", max: 10 },
  { key: "windowNorms", area: "综窗建设", name: "窗口服务规范化", max: 10 },
  { key: "onlineMaturity", area: "一网通办", name: "在线办理成熟度", max: 20 },
  { key: "twoCentralizations", area: "管理规范", name: "两集中两到位", max: 10 },
  { key: "discipline", area: "管理规范", name: "工作纪律", max: 10 },
] as const;

export const DEPARTMENT_BONUS = [
  { key: "innovation", name: "“一网通办”有创新亮点", max: 6 },
  { key: "outstanding", name: "政务服务有突出表现", max: 6 },
  { key: "publicity", name: "信息录用/新闻宣传", max: 4 },
  { key: "other", name: "其他", max: 4 },
] as const;

export const BASE_MAX = 100;
export const BONUS_MAX = 20;

export function departmentTotal(
  scores: Record<string, number>,
  bonus: Record<string, number>,
): { base: number; bonus: number; total: number; error: string | null } {
  for (const i of DEPARTMENT_ITEMS) {
    const v = scores[i.key] ?? 0;
    if (!Number.isFinite(v) || v < 0 || v > i.max) return { base: 0, bonus: 0, total: 0, error: `${i.name}应在 0 至 ${i.max} 分之间` };
  }
  for (const b of DEPARTMENT_BONUS) {
    const v = bonus[b.key] ?? 0;
    if (!Number.isFinite(v) || v < 0 || v > b.max) return { base: 0, bonus: 0, total: 0, error: `${b.name}加分应在 0 至 ${b.max} 分之间` };
  }
  const base = DEPARTMENT_ITEMS.reduce((s, i) => s + (scores[i.key] ?? 0), 0);
  const b = Math.min(
    BONUS_MAX,
    DEPARTMENT_BONUS.reduce((s, x) => s + (bonus[x.key] ?? 0), 0),
  );
  return { base, bonus: b, total: base + b, error: null };
}

export type Ranked<T> = T & { rank: number };

/** Competition ranking (1, 2, 2, 4): equal totals share a rank. */
export function rank<T extends { total: number }>(rows: readonly T[]): Ranked<T>[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  const out: Ranked<T>[] = [];
  for (const [i, r] of sorted.entries()) {
    out.push({ ...r, rank: i > 0 && r.total === sorted[i - 1].total ? out[i - 1].rank : i + 1 });
  }
  return out;
}

/**
 * The top `n` by total, with every row tied at the boundary included; `tiedAtBoundary` says so.
 * 先进集体: n = 3. 服务明星: n = ⌈10 % of the staff⌉ (at least one when there is any staff).
 */
export function topWithTies<T extends { total: number }>(rows: readonly T[], n: number): { winners: Ranked<T>[]; tiedAtBoundary: boolean } {
  const ranked = rank(rows);
  if (n <= 0 || ranked.length === 0) return { winners: [], tiedAtBoundary: false };
  const cut = ranked[Math.min(n, ranked.length) - 1].total;
  const winners = ranked.filter((r) => r.total >= cut);
  return { winners, tiedAtBoundary: winners.length > n };
}

export function starCount(staff: number): number {
  return staff === 0 ? 0 : Math.max(1, Math.ceil(staff * 0.1));
}
