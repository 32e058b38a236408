// 好差评 counts: CSV import (validated row by row, one transaction) and the queries behind the
// ratings page and the annual evaluation. Rules live in app/domain/ratings.ts and ratings-import.ts.
import type { Prisma } from "~/generated/prisma/client";
import { CHANNELS, type Channel, ratingPoints, type RatingCounts, rates, type Rates, sumCounts } from "~/domain/ratings";
import {
  checkRatingsCsv,
  type KnownPerson,
  RATING_CSV_HEADER,
  type RatingImportCheck,
  type RatingRow,
  ratingCsvIdNumbers,
} from "~/domain/ratings-import";
import { maskIdNumber } from "~/domain/id-number";
import { type CsvEncoding, decodeCsv } from "~/domain/staff-import";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { claimImportBatch, createImportBatch, discardImportBatch, findImportBatch } from "~/platform/import-batch.server";
import type { SessionUser } from "~/platform/session.server";

export { MAX_UPLOAD_BYTES } from "~/features/staff/index.server";

// ---- import ----

/** Validates decoded CSV text against the people it names (looked up by ID number, any center). */
export async function checkRatingsText(text: string, centerId: string, now: Date): Promise<RatingImportCheck> {
  const ids = ratingCsvIdNumbers(text);
  const found = ids.length
    ? await db.person.findMany({ where: { idNumber: { in: ids } }, select: { id: true, name: true, centerId: true, idNumber: true } })
    : [];
  const people = new Map<string, KnownPerson>(found.map((p) => [p.idNumber, { id: p.id, name: p.name, centerId: p.centerId }]));
  return checkRatingsCsv(text, { now, centerId, people });
}

type Tx = Prisma.TransactionClient;

/** Upserts each (person, month, channel): re-importing a month replaces what was there. */
async function writeRows(tx: Tx, centerId: string, rows: RatingRow[], source: string, now: Date) {
  for (const r of rows) {
    const values = { centerId, ...r.counts, source, importedAt: now };
    await tx.ratingCount.upsert({
      where: { personId_period_channel: { personId: r.personId, period: r.period, channel: r.channel } },
      create: { personId: r.personId, period: r.period, channel: r.channel, ...values },
      update: values,
    });
  }
}

function importSummary(rows: RatingRow[]) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  return {
    periods: periods.length ? [periods[0], periods.at(-1)!] : [],
    people: new Set(rows.map((r) => r.personId)).size,
    latestYear: periods.length ? Number(periods.at(-1)!.slice(0, 4)) : null,
  };
}

/** Writes the rows of a batch and its audit entry (inside the importing transaction). */
async function importRows(
  tx: Tx,
  b: { centerId: string; batchId: string; filename: string; rows: RatingRow[]; skipped: number; mode: "all" | "good" },
  actor: SessionUser,
  ip: string,
  now: Date,
) {
  const summary = importSummary(b.rows);
  await writeRows(tx, b.centerId, b.rows, b.filename, now);
  await writeAudit(tx, {
    action: "ratings.import",
    actor,
    centerId: b.centerId,
    target: b.batchId,
    ip,
    at: now,
    detail: {
      filename: b.filename,
      imported: b.rows.length,
      skipped: b.skipped,
      mode: b.mode,
      periods: summary.periods,
      people: summary.people,
    },
  });
}

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

export type UploadResult =
  { kind: "fileError"; error: string } | { kind: "imported"; imported: number; year: number | null } | { kind: "review"; batchId: string };

/**
 * An uploaded file: a file without errors is imported at once (one transaction with its audit
 * row); a file with any bad row imports nothing and is kept as a pending ImportBatch so that the
 * admin can look at every error and then, explicitly, import only the good rows.
 */
export async function uploadRatings(
  centerId: string,
  file: File,
  encoding: CsvEncoding,
  actor: SessionUser,
  ip: string,
  now: Date,
): Promise<UploadResult> {
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()), encoding);
  const check = await checkRatingsText(decoded.text, centerId, now);
  if (!check.ok) return { kind: "fileError", error: check.fileError };
  const filename = file.name.slice(0, 200) || "好差评.csv";
  const batchData = { centerId, createdBy: actor.id, filename, encoding: decoded.encoding, content: decoded.text };
  if (check.bad > 0) {
    const batch = await createImportBatch(batchData);
    return { kind: "review", batchId: batch.id };
  }
  const rows = check.rows.map((r) => r.row!);
  const summary = importSummary(rows);
  await db.$transaction(async (tx) => {
    const batch = await createImportBatch(batchData, tx, now);
    await importRows(tx, { centerId, batchId: batch.id, filename, rows, skipped: 0, mode: "all" }, actor, ip, now);
  }, TX_OPTIONS);
  return { kind: "imported", imported: rows.length, year: summary.latestYear };
}

/** A staged batch of this center, re-validated now (people may have been registered since). */
export async function checkRatingsBatch(batchId: string, centerId: string, now: Date) {
  const batch = await findImportBatch(batchId);
  if (!batch || batch.centerId !== centerId) httpError(404, "未找到该导入批次。");
  return { batch, check: await checkRatingsText(batch.content, centerId, now) };
}

/** A staged batch as the review table shows it: ID numbers masked, the seven counts in one cell. */
export async function ratingsBatchReview(batchId: string, centerId: string, now: Date) {
  const { batch, check } = await checkRatingsBatch(batchId, centerId, now);
  return {
    batch: { id: batch.id, filename: batch.filename, encoding: batch.encoding, status: batch.status },
    check: check.ok
      ? {
          ok: true as const,
          good: check.good,
          bad: check.bad,
          rows: check.rows.map((r) => ({
            line: r.line,
            cells: [r.raw["姓名"], maskIdNumber(r.raw["身份证号"] ?? ""), r.raw["月份"], r.raw["渠道"]],
            counts: RATING_CSV_HEADER.slice(4)
              .map((k) => r.raw[k] || "（空）")
              .join(" / "),
            errors: r.errors,
          })),
        }
      : { ok: false as const, fileError: check.fileError },
  };
}

/** "仅导入无误的行": imports the batch's valid rows, skipping the bad ones. One transaction. */
export async function importGoodRatingRows(batchId: string, centerId: string, actor: SessionUser, ip: string, now: Date) {
  const { batch, check } = await checkRatingsBatch(batchId, centerId, now);
  if (batch.status !== "pending") httpError(409, "该批次已处理，请重新上传文件。");
  if (!check.ok) httpError(400, check.fileError);
  const rows = check.rows.flatMap((r) => (r.row ? [r.row] : []));
  if (rows.length === 0) httpError(400, "没有无误的行可以导入。请修正文件后重新上传。");
  const summary = importSummary(rows);
  await db.$transaction(async (tx) => {
    if (!(await claimImportBatch(tx, batch.id, centerId, now))) httpError(409, "该批次已处理，请重新上传文件。");
    await importRows(tx, { centerId, batchId: batch.id, filename: batch.filename, rows, skipped: check.bad, mode: "good" }, actor, ip, now);
  }, TX_OPTIONS);
  return { imported: rows.length, skipped: check.bad, year: summary.latestYear };
}

export async function discardRatingsBatch(batchId: string, centerId: string, actor: AuditActor) {
  await discardImportBatch(batchId, centerId, actor, "ratings");
}

// ---- queries ----

const ZERO: RatingCounts = { activeGood: 0, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 };

type CountRow = {
  activeGood: number;
  activeBad: number;
  timeoutUnrated: number;
  invalidBad: number;
  repliedBad: number;
  rectified: number;
  satisfied: number;
};
const countsOf = (r: CountRow): RatingCounts => ({
  activeGood: r.activeGood,
  activeBad: r.activeBad,
  timeoutUnrated: r.timeoutUnrated,
  invalidBad: r.invalidBad,
  repliedBad: r.repliedBad,
  rectified: r.rectified,
  satisfied: r.satisfied,
});
const COUNT_SELECT = {
  activeGood: true,
  activeBad: true,
  timeoutUnrated: true,
  invalidBad: true,
  repliedBad: true,
  rectified: true,
  satisfied: true,
} as const;

const yearPeriods = (year: number) => ({ gte: `${year}-01`, lte: `${year}-12` });
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const periodOf = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** Total ratings = active (good + bad) + timed-out unrated. */
export function totalRatings(c: RatingCounts): number {
  return c.activeGood + c.activeBad + c.timeoutUnrated;
}

/** Each person's counts for the year: the 12 months and all channels summed. People without rows are absent. */
export async function ratingCountsForYear(centerId: string, year: number): Promise<Map<string /*personId*/, RatingCounts>> {
  const rows = await db.ratingCount.findMany({
    where: { centerId, period: yearPeriods(year) },
    select: { personId: true, ...COUNT_SELECT },
  });
  const out = new Map<string, RatingCounts>();
  for (const r of rows) out.set(r.personId, sumCounts([out.get(r.personId) ?? ZERO, countsOf(r)]));
  return out;
}

export type MonthTrend = { month: number; period: string; counts: RatingCounts; total: number; rates: Rates };

function monthlyTrend(year: number, rows: (CountRow & { period: string })[]): MonthTrend[] {
  return MONTHS.map((month) => {
    const period = periodOf(year, month);
    const counts = sumCounts(rows.filter((r) => r.period === period).map(countsOf));
    return { month, period, counts, total: totalRatings(counts), rates: rates(counts) };
  });
}

/** One person's year month by month (all channels summed); months without data have zero counts and null rates. */
export async function personRatingTrend(personId: string, year: number) {
  const rows = await db.ratingCount.findMany({ where: { personId, period: yearPeriods(year) }, select: { period: true, ...COUNT_SELECT } });
  return monthlyTrend(year, rows);
}

export type RatingSummary = { counts: RatingCounts; total: number; rates: Rates };
const summary = (counts: RatingCounts): RatingSummary => ({ counts, total: totalRatings(counts), rates: rates(counts) });

/** Everything the ratings page shows for one center and year. */
export async function centerRatingsYear(centerId: string, year: number) {
  const [rows, people] = await Promise.all([
    db.ratingCount.findMany({
      where: { centerId, period: yearPeriods(year) },
      select: { personId: true, period: true, channel: true, ...COUNT_SELECT },
    }),
    db.person.findMany({
      where: { centerId },
      select: { id: true, name: true, active: true, staffRole: true, department: { select: { name: true } } },
    }),
  ]);
  const byChannel = CHANNELS.map((channel: Channel) => ({
    channel,
    ...summary(sumCounts(rows.filter((r) => r.channel === channel).map(countsOf))),
  }));
  const byPerson = new Map<string, RatingCounts>();
  for (const r of rows) byPerson.set(r.personId, sumCounts([byPerson.get(r.personId) ?? ZERO, countsOf(r)]));
  const collator = new Intl.Collator("zh-CN");
  const staff = people
    .filter((p) => p.active || byPerson.has(p.id))
    .map((p) => {
      const counts = byPerson.get(p.id) ?? ZERO;
      return {
        personId: p.id,
        name: p.name,
        staffRole: p.staffRole,
        department: p.department?.name ?? null,
        ...summary(counts),
        points: ratingPoints(counts, 2),
      };
    })
    .sort((a, b) => Number(b.total > 0) - Number(a.total > 0) || collator.compare(a.name, b.name));
  return { year, total: summary(sumCounts(rows.map(countsOf))), byChannel, months: monthlyTrend(year, rows), staff, rowCount: rows.length };
}

/** Years that have data for the center, newest first. */
export async function ratingYears(centerId: string): Promise<number[]> {
  const periods = await db.ratingCount.findMany({ where: { centerId }, select: { period: true }, distinct: ["period"] });
  return [...new Set(periods.map((p) => Number(p.period.slice(0, 4))))].sort((a, b) => b - a);
}

/** The person if they belong to the center, else null. */
export async function centerPerson(personId: string, centerId: string) {
  const p = await db.person.findUnique({ where: { id: personId }, select: { id: true, name: true, centerId: true, staffRole: true } });
  return p && p.centerId === centerId ? p : null;
}
