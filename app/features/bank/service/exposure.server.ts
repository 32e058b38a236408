// Item exposure (issue 17, docs/decisions/016-item-exposure.md): how often each theory item has
// been used, read from the stored papers. Read-only: nothing here writes.
//
// Which papers count: theory papers of the level that a sitting holds (a paper replaced by
// re-assembly was never sat and is left out), of sittings starting at or after `now` minus
// EXPOSURE_WINDOW_MONTHS (later sittings, already assembled, count too). The sitting being
// assembled again is left out with `excludeSittingId`, so that re-assembly does not avoid its own
// old paper.
//
// Reproducibility: assembleTheoryPaper records the ids of the papers it was given on the new
// paper (Paper.content → exposure.papers). Stored papers never change, so those ids together with
// (bank version, level, seed) reproduce the paper exactly, whatever the window or later sittings.
import { exposureOf, paperItemIds, type PriorPaper, type TheoryPaper } from "~/domain/assembly";
import type { Level } from "~/domain/levels";
import { db } from "~/platform/db.server";

/** Only papers of sittings that started at most this many months ago count as exposure. */
export const EXPOSURE_WINDOW_MONTHS = 24;

export type ItemExposure = {
  /** Item id → number of counted papers holding it (items never used are absent). */
  counts: Map<string, number>;
  /** The counted papers, by sitting start then id: pass them to assembleTheoryPaper as `previous`. */
  papers: PriorPaper[];
  /** The start of the window (null: no window). */
  since: Date | null;
};

export type ItemExposureOptions = {
  /** The reference time of the window. */
  now: Date;
  /** The window in months; null counts every paper. Default EXPOSURE_WINDOW_MONTHS. */
  months?: number | null;
  /** A sitting whose paper does not count (the one being re-assembled). */
  excludeSittingId?: string;
};

/** `now` minus `months` calendar months (UTC; the day clamps to the month's end). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The exposure record of a level's theory items: per item, how many counted papers hold it. */
export async function itemExposure(level: Level, opts: ItemExposureOptions): Promise<ItemExposure> {
  const months = opts.months === undefined ? EXPOSURE_WINDOW_MONTHS : opts.months;
  const since = months === null ? null : monthsBefore(opts.now, months);
  const rows = await db.paper.findMany({
    where: {
      kind: "theory",
      level,
      sitting: {
        is: {
          kind: "theory",
          ...(since ? { startsAt: { gte: since } } : {}),
          ...(opts.excludeSittingId ? { id: { not: opts.excludeSittingId } } : {}),
        },
      },
    },
    select: { id: true, content: true, sitting: { select: { startsAt: true } } },
  });
  rows.sort((a, b) => a.sitting!.startsAt.getTime() - b.sitting!.startsAt.getTime() || a.id.localeCompare(b.id));
  const papers = rows.map((r) => ({ id: r.id, items: paperItemIds(JSON.parse(r.content) as TheoryPaper) }));
  return { counts: exposureOf(papers), papers, since };
}
