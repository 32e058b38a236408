// 公示 → 复核 → certificate: when a result's public notice ends, until when a 复核 may be asked
// for and must be done, and whether a candidate may get a certificate now. Days are working days
// of app/domain/working-days.ts; a period ends at the end (24:00 Beijing time) of its last day.
import { formatDate, shanghaiDateToInstant } from "./time";
import { addWorkingDays, nextDate, uncoveredYears } from "./working-days";

export const DEFAULT_PUBLICITY_DAYS = 5;
export const DEFAULT_REVIEW_DAYS = 10;

export type Period = {
  /** Length in working days; 0 = no period. */
  days: number;
  /** The last day of the period (Beijing date); the publication day itself for a 0-day period. */
  lastDay: string;
  /** The instant the period is over. */
  endsAt: Date;
  /** Years the holiday data does not cover: counted Monday–Friday, the page warns. */
  uncovered: number[];
};

/**
 * A period of `days` working days starting the day after `from`. Zero days means no period at
 * all: it is over at `from` itself (a center that publishes without a public notice).
 */
export function workingDayPeriod(from: Date, days: number): Period {
  const start = formatDate(from);
  if (days === 0) return { days, lastDay: start, endsAt: from, uncovered: [] };
  const lastDay = addWorkingDays(start, days);
  return { days, lastDay, endsAt: shanghaiDateToInstant(nextDate(lastDay)), uncovered: uncoveredYears(start, lastDay) };
}

export type PublicityState = "none" | "open" | "ended";

/** A published sitting without a stored end was published before 公示 existed: nothing to wait for. */
export function publicityState(s: { publishedAt: Date | null; publicityEndsAt: Date | null }, now: Date): PublicityState {
  if (!s.publishedAt) return "none";
  if (!s.publicityEndsAt) return "ended";
  return now.getTime() < s.publicityEndsAt.getTime() ? "open" : "ended";
}

/** Why a sitting's certificates cannot be issued now, or null: results published and the 公示 over. */
export function issuingRefusal(s: { status: string; publishedAt: Date | null; publicityEndsAt: Date | null }, now: Date): string | null {
  if (s.status !== "published") return "成绩尚未发布，不能颁发证书。";
  if (publicityState(s, now) === "open")
    return `公示期至 ${formatDate(new Date(s.publicityEndsAt!.getTime() - 1))}，公示期满后才能颁发证书。`;
  return null;
}

export const PUBLICITY_LABELS: Record<PublicityState, string> = { none: "未发布", open: "公示中", ended: "公示期已结束" };

type Verdict = { ok: true } | { ok: false; status: 403 | 409; reason: string };

/** May the candidate ask for a 复核 of this part now? One request per part, only during 公示, only with a result. */
export function canRequestReview(f: {
  published: boolean;
  publicityEndsAt: Date | null;
  hasResult: boolean;
  alreadyRequested: boolean;
  now: Date;
}): Verdict {
  if (!f.published) return { ok: false, status: 409, reason: "成绩尚未发布，不能申请复核。" };
  if (!f.hasResult) return { ok: false, status: 409, reason: "本科目没有成绩（缺考或未交卷），不能申请复核。" };
  if (f.alreadyRequested) return { ok: false, status: 409, reason: "本科目已申请过复核，每科只能申请一次。" };
  if (!f.publicityEndsAt || f.now.getTime() >= f.publicityEndsAt.getTime())
    return {
      ok: false,
      status: 409,
      reason: f.publicityEndsAt
        ? `公示期已于 ${formatDate(new Date(f.publicityEndsAt.getTime() - 1))} 结束，不能再申请复核。`
        : "本场成绩无公示期，不能申请复核。",
    };
  return { ok: true };
}

/** Past its due instant and not settled: shown in red with the word 已逾期. */
export function reviewOverdue(r: { dueAt: Date; settled: boolean }, now: Date): boolean {
  return !r.settled && now.getTime() >= r.dueAt.getTime();
}

export type ReviewOutcome = "upheld" | "corrected";
export const OUTCOME_LABELS: Record<ReviewOutcome, string> = { upheld: "维持原成绩", corrected: "更正成绩" };

/**
 * The outcome must follow the re-check: a difference in the arithmetic or a missing entry is
 * corrected, an exact match is upheld — the reviewer writes the reason, not the score.
 */
export function checkOutcome(outcome: ReviewOutcome, recheck: { stored: number; recomputed: number; complete: boolean }): string | null {
  if (!recheck.complete) return "复核发现评分记录不完整，请先由考评组补齐评分后再办结。";
  const same = Math.abs(recheck.stored - recheck.recomputed) < 1e-9;
  if (outcome === "corrected" && same) return "复核重算结果与原成绩一致，应维持原成绩。";
  if (outcome === "upheld" && !same) return "复核重算结果与原成绩不一致，应更正成绩。";
  return null;
}

/**
 * May this candidate get a certificate now? Every part's 公示 is over and no 复核 of either part
 * is still open; otherwise the reason the sitting page lists them as waiting with.
 */
export function certificateGate(
  f: { parts: { label: string; publicityEndsAt: Date | null }[]; openReviews: number },
  now: Date,
): { ok: true } | { ok: false; reason: string } {
  for (const p of f.parts)
    if (p.publicityEndsAt && now.getTime() < p.publicityEndsAt.getTime())
      return { ok: false, reason: `${p.label}成绩公示中（至 ${formatDate(new Date(p.publicityEndsAt.getTime() - 1))}）` };
  if (f.openReviews > 0) return { ok: false, reason: `有 ${f.openReviews} 项复核尚未办结` };
  return { ok: true };
}
