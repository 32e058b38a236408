// Weak areas after a failed part (issue 15): where a candidate lost the most points, by area and by
// the standard's requirement code (seed 004), and which of the center's courses cover them.
import type { Area, Level } from "./levels";
import { REQUIREMENTS } from "./standard";

/** Points one question or one rubric criterion was worth and what the candidate got for it. */
export type MarkedPoint = { area: Area; requirement: string; max: number; earned: number };

export type LostByArea = { area: Area; lost: number; max: number };
export type LostByRequirement = { requirement: string; area: Area; workContent: string; lost: number; max: number };
export type WeakAreas = { lost: number; max: number; areas: LostByArea[]; requirements: LostByRequirement[] };

/** How many requirement codes a candidate is shown: enough to act on, few enough to read. */
export const WEAK_REQUIREMENTS_SHOWN = 5;

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Lost points summed per area and per requirement code, most lost first (ties: the larger share
 * of that code's points lost, then the code). Codes where nothing was lost are left out.
 */
export function weakAreas(points: readonly MarkedPoint[], shown = WEAK_REQUIREMENTS_SHOWN): WeakAreas {
  const areas = new Map<Area, LostByArea>();
  const reqs = new Map<string, LostByRequirement>();
  let lost = 0;
  let max = 0;
  for (const p of points) {
    const l = Math.max(0, p.max - p.earned);
    lost += l;
    max += p.max;
    const a = areas.get(p.area) ?? { area: p.area, lost: 0, max: 0 };
    a.lost += l;
    a.max += p.max;
    areas.set(p.area, a);
    const r = reqs.get(p.requirement) ?? {
      requirement: p.requirement,
      area: p.area,
      workContent: REQUIREMENTS.get(p.requirement)?.workContent ?? "",
      lost: 0,
      max: 0,
    };
    r.lost += l;
    r.max += p.max;
    reqs.set(p.requirement, r);
  }
  const byLost = <T extends { lost: number; max: number }>(a: T, b: T, tie: number) =>
    b.lost - a.lost || b.lost / (b.max || 1) - a.lost / (a.max || 1) || tie;
  return {
    lost: round1(lost),
    max: round1(max),
    areas: [...areas.values()]
      .filter((a) => a.lost > 0)
      .map((a) => ({ ...a, lost: round1(a.lost), max: round1(a.max) }))
      .sort((a, b) => byLost(a, b, a.area.localeCompare(b.area))),
    requirements: [...reqs.values()]
      .filter((r) => r.lost > 0)
      .map((r) => ({ ...r, lost: round1(r.lost), max: round1(r.max) }))
      .sort((a, b) => byLost(a, b, a.requirement.localeCompare(b.requirement)))
      .slice(0, shown),
  };
}

/** What a course says it covers: its topic, its level and the requirement codes a trainer listed. */
export type CourseCoverage = { level: Level; topic: string; covers: readonly string[] };

/**
 * A listed code covers itself and every code under it: "L4/2.2" covers "L4/2.2.1" and
 * "L4/2.2.2"; "basic/2.2.6" covers "basic/2.2.6(1)" … "(9)".
 */
export function codeCovers(prefix: string, requirement: string): boolean {
  if (requirement === prefix) return true;
  if (!requirement.startsWith(prefix)) return false;
  const next = requirement[prefix.length];
  return next === "." || next === "(";
}

/**
 * A course covers a requirement when it lists it (or a code above it), or when the course's topic
 * is the requirement's skill area at the requirement's level (a course on 业务办理 for 四级 covers
 * every 四级 业务办理 code).
 */
export function courseCovers(course: CourseCoverage, requirement: string): boolean {
  if (course.covers.some((p) => codeCovers(p, requirement))) return true;
  const r = REQUIREMENTS.get(requirement);
  return !!r && r.level === course.level && r.area === course.topic;
}

/** The weak requirement codes (of `weak`) that a course covers. */
export function coveredWeakCodes(course: CourseCoverage, weak: readonly Pick<LostByRequirement, "requirement">[]): string[] {
  return weak.filter((w) => courseCovers(course, w.requirement)).map((w) => w.requirement);
}

/**
 * Parses what a trainer typed as a course's coverage: codes separated by commas, 、 or spaces.
 * Every entry must be a requirement code of the standard or a code above one; returns the
 * distinct entries in the order typed, or the Chinese message naming the first unknown one.
 */
export function parseCovers(text: string): { ok: true; covers: string[] } | { ok: false; message: string } {
  const entries = [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
  if (entries.length > 40) return { ok: false, message: "覆盖的技能要求最多填写40项。" };
  const codes = [...REQUIREMENTS.keys()];
  for (const e of entries) {
    if (!codes.some((c) => codeCovers(e, c)))
      return { ok: false, message: `“${e}”不是标准中的技能要求代码（例如 L4/2.2、L4/2.2.1、basic/2.2.6）。` };
  }
  return { ok: true, covers: entries };
}

/**
 * A part's result is final for training advice once published and, where the sitting has a
 * 公示 period, once that period is over (a 复核 may still change the score before).
 */
export function resultsFinal(sitting: { publishedAt: Date | null; publicityEndsAt?: Date | null }, now: Date): boolean {
  if (!sitting.publishedAt || sitting.publishedAt > now) return false;
  return !sitting.publicityEndsAt || sitting.publicityEndsAt <= now;
}
