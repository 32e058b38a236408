// Seed 004 §1.9.3–1.9.4: staffing ratios and minimum durations.

/** Theory: proctor : candidate ≥ 1 : 15, and at least 2 per room. */
export function requiredProctors(candidates: number): number {
  return Math.max(2, Math.ceil(candidates / 15));
}

/** Skill: examiner : candidate ≥ 1 : 5, at least 3, and an odd number. */
export function requiredExaminers(candidates: number): number {
  let k = Math.max(3, Math.ceil(candidates / 5));
  if (k % 2 === 0) k++;
  return k;
}

export const MIN_DURATION_MINUTES = 60;

/** A room may open from this long before the scheduled start (check-in, reading the rules). */
export const OPEN_EARLY_MINUTES = 30;

export function canOpenRoom(startsAt: Date, now: Date): boolean {
  return now.getTime() >= startsAt.getTime() - OPEN_EARLY_MINUTES * 60_000;
}
