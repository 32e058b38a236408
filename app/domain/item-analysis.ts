// Classical item analysis of theory papers for the bank's maintainers (issue 17, "Item
// analysis"): from finished attempts, per item its facility, discrimination and how often each
// option was chosen, with flags; per paper KR-20 and the score distribution; per requirement code
// of the standard the mean facility. Pure: the service loads the attempts and calls these.
//
// Definitions (all figures are classical test theory):
// - item score x = earned / max (0–1). Today's grading is all-or-nothing (多选 scores only on the
//   exact key), so x is 0 or 1; a partial-credit item would simply give fractions.
// - facility = mean x over the attempts that had the item.
// - point-biserial (corrected, "item–rest"): Pearson correlation of x with the rest score
//   (attempt total − the item's own points), so that the item does not correlate with itself.
//   Null when either has no variance (everyone right, or every rest score equal).
// - upper–lower index D = mean x of the top 27 % by attempt total − mean x of the bottom 27 %;
//   group size round(0.27·n); candidates tied at a group's boundary share its remaining places
//   (each with the same fraction), so D never depends on the order of the attempts.
// - KR-20 = k/(k−1) · (1 − Σ p·q / σ²) on dichotomised item scores (1 = full marks, else 0) and
//   the number-correct total X; p, q and σ² are population figures (divided by n). For a
//   partial-credit item "full marks" counts as correct — a conservative choice (Cronbach's α on
//   the points would be the alternative); with today's grading there is no difference.
// - distribution: bins of 10 points (0–9, …, 80–89, 90–100), mean, population sd, min, max,
//   pass rate at PASS_MARK (60, as grading).
// Flags are raised only from MIN_ITEM_RESPONSES responses on; below it the item is shown with its
// n and marked unreliable.
import type { ItemType } from "./bank";
import type { AnswerValue } from "./grading";
import { PASS_MARK } from "./levels";

/** Below this many responses an item's figures are shown but marked unreliable, and no flag is raised. */
export const MIN_ITEM_RESPONSES = 20;
/** Below this many attempts a paper's KR-20 and distribution are marked unreliable. */
export const MIN_PAPER_ATTEMPTS = 30;
/** 过易: facility above this. */
export const TOO_EASY_ABOVE = 0.9;
/** 过难: facility below this. */
export const TOO_HARD_BELOW = 0.2;
/** 负区分: corrected point-biserial below this. */
export const NEGATIVE_DISCRIMINATION_BELOW = 0;
/** 区分度低: corrected point-biserial below this (and not negative). */
export const LOW_DISCRIMINATION_BELOW = 0.2;
/** 无人选择的干扰项: only judged from this many responses on (fewer: nobody may just not have happened to pick it). */
export const UNUSED_DISTRACTOR_MIN_RESPONSES = 20;
/** Share of attempts in each of the upper and lower groups. */
export const UPPER_LOWER_SHARE = 0.27;
/** Width of a score-distribution bin, in points. */
export const SCORE_BIN_WIDTH = 10;

export const ITEM_FLAGS = ["too_easy", "too_hard", "negative_discrimination", "low_discrimination", "unused_distractor"] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];
export const ITEM_FLAG_LABELS: Record<ItemFlag, string> = {
  too_easy: "过易",
  too_hard: "过难",
  negative_discrimination: "负区分",
  low_discrimination: "区分度低",
  unused_distractor: "无人选择的干扰项",
};

/** What the analysis needs of an item (from a paper's snapshot). */
export type AnalysisItem = {
  id: string;
  type: ItemType;
  requirement: string;
  options?: Partial<Record<string, string>> | null;
  key: string | string[];
};

/** One item of one finished attempt: the response as saved and the points it earned. */
export type ItemResponse = { itemId: string; response: AnswerValue; earned: number; max: number };

/** A finished (submitted, graded) attempt; `total` is its score, the sum of `earned` over its items. */
export type AnalysisAttempt = { attemptId: string; paperId: string; total: number; responses: readonly ItemResponse[] };

export type OptionStat = {
  option: string;
  isKey: boolean;
  /** Attempts whose response includes this option (多选: each chosen option counts). */
  count: number;
  share: number;
  /** Mean attempt total of those who chose it (null if nobody did): a distractor chosen by strong candidates is suspect. */
  meanTotal: number | null;
};

export type ItemStats = {
  itemId: string;
  type: ItemType;
  requirement: string;
  n: number;
  /** Papers the responses came from. */
  papers: number;
  facility: number | null;
  pointBiserial: number | null;
  upperLower: number | null;
  /** Size of each of the upper and lower groups. */
  groupSize: number;
  reliable: boolean;
  blank: number;
  /** 单选/多选 only, in option-letter order. */
  options: OptionStat[] | null;
  flags: ItemFlag[];
};

export type ScoreBin = { from: number; to: number; count: number };

export type ScoreSummary = {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  passed: number;
  passRate: number | null;
  bins: ScoreBin[];
};

export type PaperStats = ScoreSummary & {
  paperId: string;
  /** Items on the paper. */
  k: number;
  kr20: number | null;
  reliable: boolean;
};

export type RequirementStats = {
  requirement: string;
  items: number;
  responses: number;
  /** Mean of the items' facilities (each item counts once, whatever its n). */
  meanFacility: number | null;
  /** Mean of the items' corrected point-biserials, where defined. */
  meanPointBiserial: number | null;
  /** Items with at least MIN_ITEM_RESPONSES responses. */
  reliableItems: number;
};

export type ItemAnalysis = {
  attempts: number;
  items: ItemStats[];
  papers: PaperStats[];
  requirements: RequirementStats[];
};

// ---- small statistics ----

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Population variance (divided by n). */
export function variance(xs: readonly number[]): number | null {
  const m = mean(xs);
  return m === null ? null : xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
}

/** Pearson correlation; null when fewer than two pairs or either side has no variance. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 2) return null;
  const mx = mean(xs)!,
    my = mean(ys)!;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - mx,
      dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Below this the variance is rounding noise of equal values.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function isBlank(a: AnswerValue): boolean {
  return a === null || a === undefined || a === "" || (Array.isArray(a) && a.length === 0);
}

function chosenOptions(a: AnswerValue): string[] {
  if (isBlank(a)) return [];
  return Array.isArray(a) ? [...new Set(a)] : [a as string];
}

/** Size of each of the upper and lower groups for n attempts. */
export function upperLowerGroupSize(n: number): number {
  return Math.round(UPPER_LOWER_SHARE * n);
}

type Obs = { attemptId: string; paperId: string; total: number; x: number; earned: number; response: AnswerValue };

/**
 * D = mean item score of the top group by total − that of the bottom group. Candidates tied on
 * the total at a group's boundary share its remaining places: each counts with the same fraction,
 * so D does not depend on the order of the attempts.
 */
export function upperLowerIndex(obs: readonly { total: number; x: number }[]): { d: number | null; groupSize: number } {
  const g = upperLowerGroupSize(obs.length);
  if (g < 1) return { d: null, groupSize: 0 };
  const groupMean = (sorted: readonly { total: number; x: number }[]) => {
    const cutoff = sorted[g - 1].total;
    const inside = sorted.slice(0, g).filter((o) => o.total !== cutoff);
    const tied = sorted.filter((o) => o.total === cutoff);
    const weight = (g - inside.length) / tied.length;
    return (inside.reduce((s, o) => s + o.x, 0) + weight * tied.reduce((s, o) => s + o.x, 0)) / g;
  };
  const desc = [...obs].sort((a, b) => b.total - a.total);
  const asc = [...desc].reverse();
  return { d: groupMean(desc) - groupMean(asc), groupSize: g };
}

function flagsOf(s: Omit<ItemStats, "flags">): ItemFlag[] {
  if (!s.reliable) return [];
  const out: ItemFlag[] = [];
  if (s.facility !== null && s.facility > TOO_EASY_ABOVE) out.push("too_easy");
  if (s.facility !== null && s.facility < TOO_HARD_BELOW) out.push("too_hard");
  if (s.pointBiserial !== null && s.pointBiserial < NEGATIVE_DISCRIMINATION_BELOW) out.push("negative_discrimination");
  else if (s.pointBiserial !== null && s.pointBiserial < LOW_DISCRIMINATION_BELOW) out.push("low_discrimination");
  if (s.n >= UNUSED_DISTRACTOR_MIN_RESPONSES && s.options?.some((o) => !o.isKey && o.count === 0)) out.push("unused_distractor");
  return out;
}

/** The figures of one item from its observations (one per attempt that had it). */
export function itemStats(item: AnalysisItem, observations: readonly Obs[]): ItemStats {
  const n = observations.length;
  const xs = observations.map((o) => o.x);
  const rest = observations.map((o) => o.total - o.earned);
  const { d, groupSize } = upperLowerIndex(observations);
  const keys = new Set(Array.isArray(item.key) ? item.key : [item.key]);
  let options: OptionStat[] | null = null;
  if (item.type !== "判断") {
    const letters = new Set(Object.keys(item.options ?? {}));
    for (const o of observations) for (const c of chosenOptions(o.response)) letters.add(c);
    options = [...letters].sort().map((option) => {
      const who = observations.filter((o) => chosenOptions(o.response).includes(option));
      return {
        option,
        isKey: keys.has(option),
        count: who.length,
        share: n ? who.length / n : 0,
        meanTotal: mean(who.map((o) => o.total)),
      };
    });
  }
  const base = {
    itemId: item.id,
    type: item.type,
    requirement: item.requirement,
    n,
    papers: new Set(observations.map((o) => o.paperId)).size,
    facility: mean(xs),
    pointBiserial: correlation(xs, rest),
    upperLower: d,
    groupSize,
    reliable: n >= MIN_ITEM_RESPONSES,
    blank: observations.filter((o) => isBlank(o.response)).length,
    options,
  };
  return { ...base, flags: flagsOf(base) };
}

/** Distribution of totals in bins of SCORE_BIN_WIDTH up to `maxScore` (the last bin includes it). */
export function scoreSummary(totals: readonly number[], maxScore = 100): ScoreSummary {
  const binCount = Math.max(1, Math.ceil(maxScore / SCORE_BIN_WIDTH));
  const bins: ScoreBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: i * SCORE_BIN_WIDTH,
    to: i === binCount - 1 ? maxScore : (i + 1) * SCORE_BIN_WIDTH - 1,
    count: 0,
  }));
  for (const t of totals) bins[Math.min(binCount - 1, Math.max(0, Math.floor(t / SCORE_BIN_WIDTH)))].count++;
  const v = variance(totals);
  const passed = totals.filter((t) => t >= PASS_MARK).length;
  return {
    n: totals.length,
    mean: mean(totals),
    sd: v === null ? null : Math.sqrt(v),
    min: totals.length ? Math.min(...totals) : null,
    max: totals.length ? Math.max(...totals) : null,
    passed,
    passRate: totals.length ? passed / totals.length : null,
    bins,
  };
}

/**
 * KR-20 of a set of attempts at one paper, on dichotomised item scores (full marks = 1). Null with
 * fewer than two attempts or items, or when every attempt has the same number correct.
 */
export function kr20(attempts: readonly Pick<AnalysisAttempt, "responses">[]): { k: number; kr20: number | null } {
  const ids = [...new Set(attempts.flatMap((a) => a.responses.map((r) => r.itemId)))];
  const k = ids.length;
  if (attempts.length < 2 || k < 2) return { k, kr20: null };
  const full = attempts.map((a) => {
    const m = new Map(a.responses.map((r) => [r.itemId, r.max > 0 && r.earned >= r.max ? 1 : 0]));
    return ids.map((id) => m.get(id) ?? 0);
  });
  let sumPq = 0;
  for (let j = 0; j < k; j++) {
    const p = mean(full.map((row) => row[j]))!;
    sumPq += p * (1 - p);
  }
  const totalVar = variance(full.map((row) => row.reduce((s, x) => s + x, 0)))!;
  if (totalVar < 1e-12) return { k, kr20: null };
  return { k, kr20: (k / (k - 1)) * (1 - sumPq / totalVar) };
}

/** Per paper: KR-20 and the distribution of totals. */
export function paperStats(paperId: string, attempts: readonly AnalysisAttempt[], maxScore = 100): PaperStats {
  const { k, kr20: r } = kr20(attempts);
  return {
    paperId,
    k,
    kr20: r,
    reliable: attempts.length >= MIN_PAPER_ATTEMPTS,
    ...scoreSummary(
      attempts.map((a) => a.total),
      maxScore,
    ),
  };
}

/** Per requirement code: the mean facility (and point-biserial) of its items. */
export function requirementStats(items: readonly ItemStats[]): RequirementStats[] {
  const by = new Map<string, ItemStats[]>();
  for (const i of items) {
    const list = by.get(i.requirement) ?? [];
    list.push(i);
    by.set(i.requirement, list);
  }
  return [...by]
    .map(([requirement, list]) => ({
      requirement,
      items: list.length,
      responses: list.reduce((s, i) => s + i.n, 0),
      meanFacility: mean(list.flatMap((i) => (i.facility === null ? [] : [i.facility]))),
      meanPointBiserial: mean(list.flatMap((i) => (i.pointBiserial === null ? [] : [i.pointBiserial]))),
      reliableItems: list.filter((i) => i.reliable).length,
    }))
    .sort((a, b) => a.requirement.localeCompare(b.requirement));
}

/**
 * The whole analysis. Items are pooled by id across papers (every paper is out of 100, so totals
 * and rest scores compare); `items` describes each id (from the latest snapshot that has it) —
 * a response to an id it does not describe is left out.
 */
export function analyseAttempts(items: ReadonlyMap<string, AnalysisItem>, attempts: readonly AnalysisAttempt[]): ItemAnalysis {
  const obs = new Map<string, Obs[]>();
  const byPaper = new Map<string, AnalysisAttempt[]>();
  for (const a of attempts) {
    const same = byPaper.get(a.paperId) ?? [];
    same.push(a);
    byPaper.set(a.paperId, same);
    for (const r of a.responses) {
      if (!items.has(r.itemId) || r.max <= 0) continue;
      const list = obs.get(r.itemId) ?? [];
      list.push({
        attemptId: a.attemptId,
        paperId: a.paperId,
        total: a.total,
        x: r.earned / r.max,
        earned: r.earned,
        response: r.response,
      });
      obs.set(r.itemId, list);
    }
  }
  const itemList = [...obs]
    .map(([id, o]) => itemStats(items.get(id)!, o))
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const papers = [...byPaper].map(([paperId, list]) => paperStats(paperId, list));
  return { attempts: attempts.length, items: itemList, papers, requirements: requirementStats(itemList) };
}
