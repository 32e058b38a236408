// Online application (网上报名): the only writer of Application. A staff member applies for a
// sitting the center opened for application; the center reviews; an approval takes a seat (or a
// place on the waiting list) and registers the applicant through the sittings feature. Every
// write is a compare-and-set on the application's status and version, with its audit entry in the
// same transaction. Rules: app/domain/application.ts; choices: docs/decisions/024.
import {
  type Additions,
  type ApplicationStatus,
  type ApplicationWindow,
  additionsCount,
  APPLICATION_STATUS_LABELS,
  canApply,
  canResubmit,
  canReview,
  canWithdraw,
  checkWindow,
  freeSeat,
  NO_ADDITIONS,
  promotions,
  waitingPositions,
  WINDOW_STATE_LABELS,
  windowState,
  withAdditions,
} from "~/domain/application";
import { eligibilitySummary, evaluateEligibility } from "~/domain/eligibility";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDate, formatDateTime } from "~/domain/time";
import type { Prisma } from "~/generated/prisma/client";
import { eligibilityFacts, trainingProgress } from "~/features/certificates/index.server";
import { registerCandidates, setApplicationWindow } from "~/features/sittings/index.server";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, httpErrorOf, orConflict } from "~/platform/http.server";

type SittingRow = NonNullable<Awaited<ReturnType<typeof db.sitting.findUnique>>>;
type Reviewer = AuditActor & { personId: string | null };

function enforce(r: { ok: true } | { ok: false; status: 400 | 403 | 409; reason: string }): void {
  if (!r.ok) httpError(r.status, r.reason);
}

const windowOf = (s: SittingRow): ApplicationWindow => ({
  opensAt: s.applyOpensAt,
  closesAt: s.applyClosesAt,
  seats: s.applySeats,
  startsAt: s.startsAt,
});

const status = (s: string) => s as ApplicationStatus;
/** "2026-12-20 09:00": windows are set to the minute. */
const minute = (d: Date) => formatDateTime(d).slice(0, 16);
const parseAdditions = (json: string): Additions => ({ ...NO_ADDITIONS, ...(JSON.parse(json) as Partial<Additions>) });
const CONCURRENT = "该申请刚被他人处理过，请刷新页面后查看最新状态。";

function sittingSummary(s: SittingRow, now: Date) {
  const w = windowOf(s);
  const state = windowState(w, now);
  return {
    id: s.id,
    title: s.title,
    level: LEVEL_LABELS[s.level as Level],
    kind: s.kind === "skill" ? "技能考核" : "理论知识考试",
    startsAt: minute(s.startsAt),
    opensAt: s.applyOpensAt ? minute(s.applyOpensAt) : "",
    closesAt: s.applyClosesAt ? minute(s.applyClosesAt) : "",
    seats: s.applySeats ?? 0,
    windowState: state,
    windowLabel: WINDOW_STATE_LABELS[state],
  };
}

/** A theory sitting of the user's center that was published for application (404 otherwise). */
async function applicableSitting(sittingId: string, centerId: string) {
  const s = await db.sitting.findUnique({ where: { id: sittingId } });
  if (!s || s.centerId !== centerId || s.kind !== "theory" || !s.applyOpensAt) httpError(404, "未找到可报名的考试场次。");
  return s;
}

/** The eligibility as the server decides it: recorded facts plus the additions, on today's date. */
async function checkEligibility(personId: string, level: Level, additions: Additions, now: Date) {
  return evaluateEligibility(withAdditions(await eligibilityFacts(personId), additions), level, formatDate(now));
}

// ---- the applicant ----

/** Sittings of the center published for application that have not started, with the person's own application if any. */
export async function applicationsOverview(person: { id: string; centerId: string }, now: Date) {
  const [sittings, mine] = await Promise.all([
    db.sitting.findMany({
      where: { centerId: person.centerId, kind: "theory", status: "scheduled", applyOpensAt: { not: null }, startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
    }),
    db.application.findMany({ where: { personId: person.id }, include: { sitting: true }, orderBy: { submittedAt: "desc" } }),
  ]);
  const waiting = await db.application.findMany({
    where: { sittingId: { in: mine.map((a) => a.sittingId) }, status: "waitlisted" },
    select: { id: true, waitSince: true },
  });
  const positions = waitingPositions(waiting.map((w) => ({ id: w.id, waitSince: w.waitSince! })));
  const appliedTo = new Set(mine.map((a) => a.sittingId));
  return {
    open: sittings.filter((s) => !appliedTo.has(s.id)).map((s) => sittingSummary(s, now)),
    mine: mine.map((a) => ({
      id: a.id,
      sitting: sittingSummary(a.sitting, now),
      status: status(a.status),
      statusLabel: APPLICATION_STATUS_LABELS[status(a.status)],
      note: a.reviewNote,
      position: positions.get(a.id) ?? null,
      submittedAt: minute(a.submittedAt),
      reviewedAt: a.reviewedAt ? minute(a.reviewedAt) : null,
    })),
  };
}

/** What the application form needs: the sitting, the facts the center records, the person's application. */
export async function applicationForm(person: { id: string; centerId: string }, sittingId: string, now: Date) {
  const sitting = await applicableSitting(sittingId, person.centerId);
  const [facts, training, existing, registered] = await Promise.all([
    eligibilityFacts(person.id),
    trainingProgress(person.id),
    db.application.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } } }),
    db.registration.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } }, select: { id: true } }),
  ]);
  const w = windowOf(sitting);
  const st = existing ? status(existing.status) : null;
  const mode: "apply" | "resubmit" | "view" =
    !existing || st === "withdrawn"
      ? canApply(w, now).ok && !registered
        ? "apply"
        : "view"
      : canResubmit(st!, w, now).ok
        ? "resubmit"
        : "view";
  const refusal = !existing && !registered ? ((canApply(w, now) as { reason?: string }).reason ?? null) : null;
  return {
    sitting: { ...sittingSummary(sitting, now), levelCode: sitting.level as Level },
    today: formatDate(now),
    facts,
    training: { hours: training[sitting.level as Level].hours, standard: training[sitting.level as Level].standard },
    registered: !!registered,
    mode,
    refusal,
    application: existing && {
      id: existing.id,
      status: st!,
      statusLabel: APPLICATION_STATUS_LABELS[st!],
      note: existing.reviewNote,
      version: existing.version,
      additions: st === "withdrawn" ? NO_ADDITIONS : parseAdditions(existing.additions),
      eligibility: existing.eligibility,
      withdrawable: canWithdraw(st!, w, now).ok,
    },
  };
}

/**
 * A new application (or a withdrawn one sent again), inside the window, eligible on the recorded
 * facts plus the additions. A second application for the same sitting is refused, also when two
 * arrive at once (the unique key on sitting and person).
 */
export async function apply(
  person: { id: string; centerId: string },
  sittingId: string,
  additions: Additions,
  actor: AuditActor,
  now: Date,
) {
  const sitting = await applicableSitting(sittingId, person.centerId);
  enforce(canApply(windowOf(sitting), now));
  const [existing, registered] = await Promise.all([
    db.application.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } } }),
    db.registration.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } }, select: { id: true } }),
  ]);
  if (registered) httpError(409, "您已报名该场次，无需再申请。");
  if (existing && existing.status !== "withdrawn")
    httpError(409, `您已提交过该场次的报名申请（${APPLICATION_STATUS_LABELS[status(existing.status)]}），不能重复申请。`);
  const result = await checkEligibility(person.id, sitting.level as Level, additions, now);
  if (!result.eligible) httpError(400, eligibilitySummary(result));
  const data = {
    status: "submitted",
    additions: JSON.stringify(additions),
    eligibility: result.metBy,
    reviewNote: null,
    seatSlot: null,
    waitSince: null,
    reviewedById: null,
    reviewedAt: null,
    submittedAt: now,
  };
  return orConflict(
    () =>
      db.$transaction(async (tx) => {
        let id: string;
        if (existing) {
          const changed = await tx.application.updateMany({
            where: { id: existing.id, status: "withdrawn", version: existing.version },
            data: { ...data, version: { increment: 1 } },
          });
          if (changed.count !== 1) httpError(409, "您已提交过该场次的报名申请，不能重复申请。");
          id = existing.id;
        } else id = (await tx.application.create({ data: { ...data, sittingId, personId: person.id } })).id;
        await writeAudit(tx, {
          action: "application.submit",
          actor,
          ip: actor.ip,
          centerId: sitting.centerId,
          target: id,
          at: now,
          detail: { sittingId, personId: person.id, eligibility: result.metBy, added: additions },
        });
        return { id, metBy: result.metBy! };
      }),
    "您已提交过该场次的报名申请，不能重复申请。",
  );
}

/** The applicant answers a 需补充 request: the additions replaced, the check run again, back to 待审核. */
export async function resubmit(
  person: { id: string; centerId: string },
  sittingId: string,
  additions: Additions,
  version: number | undefined,
  actor: AuditActor,
  now: Date,
) {
  const sitting = await applicableSitting(sittingId, person.centerId);
  const existing = await db.application.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } } });
  if (!existing) httpError(404, "您尚未申请该场次。");
  enforce(canResubmit(status(existing.status), windowOf(sitting), now));
  if (version !== undefined && version !== existing.version) httpError(409, CONCURRENT);
  const result = await checkEligibility(person.id, sitting.level as Level, additions, now);
  if (!result.eligible) httpError(400, eligibilitySummary(result));
  await db.$transaction(async (tx) => {
    const changed = await tx.application.updateMany({
      where: { id: existing.id, status: "needs_info", version: existing.version },
      data: {
        status: "submitted",
        additions: JSON.stringify(additions),
        eligibility: result.metBy,
        submittedAt: now,
        version: { increment: 1 },
      },
    });
    if (changed.count !== 1) httpError(409, CONCURRENT);
    await writeAudit(tx, {
      action: "application.resubmit",
      actor,
      ip: actor.ip,
      centerId: sitting.centerId,
      target: existing.id,
      at: now,
      detail: { eligibility: result.metBy, added: additions },
    });
  });
  return { metBy: result.metBy! };
}

/** The applicant withdraws an application not yet approved, inside the window. */
export async function withdraw(person: { id: string; centerId: string }, sittingId: string, actor: AuditActor, now: Date) {
  const sitting = await applicableSitting(sittingId, person.centerId);
  const existing = await db.application.findUnique({ where: { sittingId_personId: { sittingId, personId: person.id } } });
  if (!existing) httpError(404, "您尚未申请该场次。");
  enforce(canWithdraw(status(existing.status), windowOf(sitting), now));
  await db.$transaction(async (tx) => {
    const changed = await tx.application.updateMany({
      where: { id: existing.id, status: existing.status, version: existing.version },
      data: { status: "withdrawn", seatSlot: null, waitSince: null, version: { increment: 1 } },
    });
    if (changed.count !== 1) httpError(409, CONCURRENT);
    await writeAudit(tx, { action: "application.withdraw", actor, ip: actor.ip, centerId: sitting.centerId, target: existing.id, at: now });
  });
}

// ---- the center ----

export type ListFilter = { sittingId?: string; status?: ApplicationStatus };

/** The center's applications (newest sittings first), with counts per status for the filter tabs. */
export async function centerApplications(centerId: string, filter: ListFilter, now: Date) {
  const sittings = await db.sitting.findMany({
    where: { centerId, applyOpensAt: { not: null } },
    orderBy: { startsAt: "desc" },
  });
  const inScope = filter.sittingId ? sittings.filter((s) => s.id === filter.sittingId) : sittings;
  const all = await db.application.findMany({
    where: { sittingId: { in: inScope.map((s) => s.id) } },
    include: { person: { include: { department: true } }, sitting: true },
    orderBy: [{ submittedAt: "asc" }],
  });
  const positions = waitingPositions(all.filter((a) => a.status === "waitlisted").map((a) => ({ id: a.id, waitSince: a.waitSince! })));
  const counts = Object.fromEntries(
    (["submitted", "needs_info", "approved", "waitlisted", "rejected", "withdrawn"] as const).map((s) => [
      s,
      all.filter((a) => a.status === s).length,
    ]),
  ) as Record<ApplicationStatus, number>;
  const shown = filter.status ? all.filter((a) => a.status === filter.status) : all.filter((a) => a.status !== "withdrawn");
  return {
    sittings: sittings.map((s) => sittingSummary(s, now)),
    counts,
    total: all.filter((a) => a.status !== "withdrawn").length,
    applications: shown.map((a) => ({
      id: a.id,
      name: a.person.name,
      department: a.person.department?.name ?? "",
      sitting: a.sitting.title,
      level: LEVEL_LABELS[a.sitting.level as Level],
      status: status(a.status),
      statusLabel: APPLICATION_STATUS_LABELS[status(a.status)],
      eligibility: a.eligibility,
      added: additionsCount(parseAdditions(a.additions)),
      position: positions.get(a.id) ?? null,
      submittedAt: minute(a.submittedAt),
    })),
  };
}

/** One application of the center as the reviewer reads it: recorded facts, additions, the check now. */
export async function applicationDetail(centerId: string, applicationId: string, reviewer: { personId: string | null }, now: Date) {
  const a = await db.application.findUnique({
    where: { id: applicationId },
    include: { person: { include: { department: true } }, sitting: true },
  });
  if (!a || a.sitting.centerId !== centerId) httpError(404, "未找到该报名申请。");
  const additions = parseAdditions(a.additions);
  const [facts, training, reviewerUser] = await Promise.all([
    eligibilityFacts(a.personId),
    trainingProgress(a.personId),
    a.reviewedById ? db.user.findUnique({ where: { id: a.reviewedById }, select: { displayName: true } }) : null,
  ]);
  const level = a.sitting.level as Level;
  const result = evaluateEligibility(withAdditions(facts, additions), level, formatDate(now));
  const waiting = await db.application.findMany({
    where: { sittingId: a.sittingId, status: "waitlisted" },
    select: { id: true, waitSince: true },
  });
  const st = status(a.status);
  const review = canReview({
    status: st,
    reviewerPersonId: reviewer.personId,
    applicantPersonId: a.personId,
    startsAt: a.sitting.startsAt,
    now,
  });
  const taken = await db.application.count({ where: { sittingId: a.sittingId, status: "approved" } });
  return {
    id: a.id,
    version: a.version,
    name: a.person.name,
    department: a.person.department?.name ?? "",
    sitting: { ...sittingSummary(a.sitting, now), levelCode: level, taken },
    status: st,
    statusLabel: APPLICATION_STATUS_LABELS[st],
    note: a.reviewNote,
    reviewer: reviewerUser?.displayName ?? null,
    reviewedAt: a.reviewedAt ? minute(a.reviewedAt) : null,
    submittedAt: minute(a.submittedAt),
    position: waitingPositions(waiting.map((w) => ({ id: w.id, waitSince: w.waitSince! }))).get(a.id) ?? null,
    facts,
    training: { hours: training[level].hours, standard: training[level].standard, passed: training[level].passed },
    additions,
    eligibility: result,
    summary: eligibilitySummary(result),
    reviewRefusal: review.ok ? null : review.reason,
  };
}

/**
 * Registers an approved applicant through the sittings feature; when that refuses (no room with a
 * free seat yet, the applicant proctors the sitting, …) the approval is undone and the refusal
 * passed on, so no application is 已通过 without a registration.
 */
async function registerApproved(
  a: { id: string; sittingId: string; personId: string; version: number },
  back: Prisma.ApplicationUpdateManyMutationInput,
  metBy: string | null,
  actor: AuditActor,
  centerId: string,
) {
  try {
    await registerCandidates(a.sittingId, [a.personId], new Map(metBy ? [[a.personId, metBy]] : []), actor);
  } catch (e) {
    await db.$transaction(async (tx) => {
      await tx.application.updateMany({
        where: { id: a.id, status: "approved", version: a.version },
        data: { ...back, version: { increment: 1 } },
      });
      await writeAudit(tx, { action: "application.approve_undone", actor, ip: actor.ip, centerId, target: a.id });
    });
    throw e;
  }
}

/**
 * Approve, reject (with the reason the applicant reads) or ask for more. Never one's own
 * application; two reviewers at once: the first decides, the second is told (compare-and-set on
 * status and version). An approval takes the lowest free seat and registers the applicant, or,
 * when every seat is taken, puts the application on the waiting list.
 */
export async function review(
  centerId: string,
  applicationId: string,
  decision: { decision: "approve" | "reject" | "needs_info"; version: number; note?: string },
  actor: Reviewer,
  now: Date,
) {
  const a = await db.application.findUnique({ where: { id: applicationId }, include: { sitting: true, person: true } });
  if (!a || a.sitting.centerId !== centerId) httpError(404, "未找到该报名申请。");
  enforce(
    canReview({
      status: status(a.status),
      reviewerPersonId: actor.personId,
      applicantPersonId: a.personId,
      startsAt: a.sitting.startsAt,
      now,
    }),
  );
  if (decision.version !== a.version) httpError(409, CONCURRENT);
  const reviewed = { reviewedById: actor.id, reviewedAt: now, version: { increment: 1 } };
  const audit = (tx: Prisma.TransactionClient, action: string, detail?: Record<string, unknown>) =>
    writeAudit(tx, {
      action,
      actor,
      ip: actor.ip,
      centerId,
      target: a.id,
      at: now,
      detail: { personId: a.personId, sittingId: a.sittingId, ...detail },
    });

  if (decision.decision !== "approve") {
    const next = decision.decision === "reject" ? "rejected" : "needs_info";
    await db.$transaction(async (tx) => {
      const changed = await tx.application.updateMany({
        where: { id: a.id, status: "submitted", version: a.version },
        data: { status: next, reviewNote: decision.note ?? null, ...reviewed },
      });
      if (changed.count !== 1) httpError(409, CONCURRENT);
      await audit(tx, decision.decision === "reject" ? "application.reject" : "application.needs_info", { note: decision.note });
    });
    return { status: next as ApplicationStatus, name: a.person.name };
  }

  const result = await checkEligibility(a.personId, a.sitting.level as Level, parseAdditions(a.additions), now);
  if (!result.eligible) httpError(409, `${a.person.name}目前${eligibilitySummary(result)}`);
  const seats = a.sitting.applySeats ?? 0;
  const outcome = await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const taken = await tx.application.findMany({ where: { sittingId: a.sittingId, status: "approved" }, select: { seatSlot: true } });
        const seat = freeSeat(
          seats,
          taken.map((t) => t.seatSlot!),
        );
        const changed = await tx.application.updateMany({
          where: { id: a.id, status: "submitted", version: a.version },
          data: seat
            ? { status: "approved", seatSlot: seat, waitSince: null, reviewNote: null, eligibility: result.metBy, ...reviewed }
            : { status: "waitlisted", seatSlot: null, waitSince: now, reviewNote: null, eligibility: result.metBy, ...reviewed },
        });
        if (changed.count !== 1) httpError(409, CONCURRENT);
        await audit(tx, seat ? "application.approve" : "application.waitlist", { seat, eligibility: result.metBy });
        return seat;
      }),
    "名额刚被同时审核的申请占用，请刷新后重试。",
  );
  if (outcome === null) return { status: "waitlisted" as ApplicationStatus, name: a.person.name };
  await registerApproved(
    { id: a.id, sittingId: a.sittingId, personId: a.personId, version: a.version + 1 },
    { status: "submitted", seatSlot: null, reviewedById: null, reviewedAt: null },
    result.metBy,
    actor,
    centerId,
  );
  return { status: "approved" as ApplicationStatus, name: a.person.name };
}

/**
 * Moves applicants up from the waiting list into free seats, the longest waiting first (decision
 * 024): after the seats were raised. Stops at the first one the sittings feature cannot register
 * (e.g. the rooms are full), who stays on the list; the message says why.
 */
export async function promoteWaiting(
  sittingId: string,
  actor: AuditActor,
  now: Date,
): Promise<{ promoted: string[]; stopped: string | null }> {
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId } });
  const [taken, waiting] = await Promise.all([
    db.application.findMany({ where: { sittingId, status: "approved" }, select: { seatSlot: true } }),
    db.application.findMany({ where: { sittingId, status: "waitlisted" }, include: { person: true } }),
  ]);
  const moves = promotions(
    sitting.applySeats ?? 0,
    taken.map((t) => t.seatSlot!),
    waiting.map((w) => ({ id: w.id, waitSince: w.waitSince! })),
  );
  const promoted: string[] = [];
  for (const m of moves) {
    const w = waiting.find((x) => x.id === m.id)!;
    const moved = await orConflict(
      () =>
        db.$transaction(async (tx) => {
          const changed = await tx.application.updateMany({
            where: { id: w.id, status: "waitlisted", version: w.version },
            data: { status: "approved", seatSlot: m.seat, version: { increment: 1 } },
          });
          if (changed.count !== 1) return false;
          await writeAudit(tx, {
            action: "application.promote",
            actor,
            ip: actor.ip,
            centerId: sitting.centerId,
            target: w.id,
            at: now,
            detail: { seat: m.seat, personId: w.personId },
          });
          return true;
        }),
      "名额刚被同时审核的申请占用，请刷新后重试。",
    );
    if (!moved) continue;
    try {
      await registerApproved(
        { id: w.id, sittingId, personId: w.personId, version: w.version + 1 },
        { status: "waitlisted", seatSlot: null },
        w.eligibility,
        actor,
        sitting.centerId,
      );
    } catch (e) {
      const err = httpErrorOf(e);
      if (!err) throw e;
      return { promoted, stopped: `${w.person.name} 未能递补：${err.message}` };
    }
    promoted.push(w.person.name);
  }
  return { promoted, stopped: null };
}

/** The center publishes (or changes) the window and seats; raised seats move the waiting list up. */
export async function publishWindow(
  sitting: SittingRow,
  input: { opensAt: Date; closesAt: Date; seats: number },
  actor: AuditActor,
  now: Date,
) {
  if (sitting.kind !== "theory") httpError(400, "网上报名目前只用于理论知识考试场次。");
  await setApplicationWindow(sitting, input, actor, now, async (tx) => {
    const approved = await tx.application.count({ where: { sittingId: sitting.id, status: "approved" } });
    enforce(checkWindow({ ...input, startsAt: sitting.startsAt, approved, now }));
  });
  return promoteWaiting(sitting.id, actor, now);
}
