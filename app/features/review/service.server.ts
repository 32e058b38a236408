// 公示 → 复核 → certificate: the only writer of ReviewRequest. A candidate asks for a 复核 of one
// part during the 公示; a reviewer who did not mark it re-checks the arithmetic and settles it
// (维持 / 更正) — a correction goes through the owning feature's recorded correction in the same
// transaction; the center issues the certificates once the 公示 is over (decision 023).
import { gradableItems, paperOf } from "~/domain/paper";
import { LEVEL_LABELS, type Area, type Level } from "~/domain/levels";
import {
  canRequestReview,
  checkOutcome,
  issuingRefusal,
  OUTCOME_LABELS,
  PUBLICITY_LABELS,
  publicityState,
  reviewOverdue,
  workingDayPeriod,
  type ReviewOutcome,
} from "~/domain/publicity";
import { recheckSkill, recheckTheory, reviewerRefusal, type SkillRecheck, type TheoryRecheck } from "~/domain/review";
import { displayScore } from "~/domain/skill";
import { formatDate, formatDateTime } from "~/domain/time";
import { uncoveredYears } from "~/domain/working-days";
import { certificateWaiting, issueCertificates } from "~/features/certificates/index.server";
import { recordTheoryCorrection } from "~/features/exam-taking/index.server";
import { recordReviewRecount, skillPaperOf } from "~/features/skill-scoring/index.server";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import type { ReviewLineData } from "./ui/publicity-notice";

type Reviewer = AuditActor & { personId: string | null; centerId: string | null };

const lastDayOf = (endsAt: Date | null) => (endsAt ? formatDate(new Date(endsAt.getTime() - 1)) : null);
const score = (kind: string, v: number) => (kind === "skill" ? displayScore(v) : String(v));

function statusLabel(r: { status: string; dueAt: Date }, now: Date) {
  if (r.status === "settled") return "已办结";
  return reviewOverdue({ dueAt: r.dueAt, settled: false }, now) ? "已逾期，待办结" : "复核中";
}

// ---- candidate ----

/** The part's stored score, or null when there is none (absent, not submitted). */
function partScore(reg: { attempt: { status: string; score: number | null } | null; skillResult: { score: number } | null }, kind: string) {
  if (kind === "skill") return reg.skillResult?.score ?? null;
  return reg.attempt?.status === "submitted" ? (reg.attempt.score ?? null) : null;
}

/** The 公示 and 复核 line under each published result of the candidate's 我的考试, by registration. */
export async function reviewLines(personId: string, now: Date): Promise<Map<string, ReviewLineData>> {
  const regs = await db.registration.findMany({
    where: { personId, sitting: { status: "published" } },
    include: { sitting: true, attempt: true, skillResult: true, review: true },
  });
  return new Map(
    regs.map((r) => {
      const state = publicityState(r.sitting, now);
      const can = canRequestReview({
        published: true,
        publicityEndsAt: r.sitting.publicityEndsAt,
        hasResult: partScore(r, r.sitting.kind) !== null,
        alreadyRequested: !!r.review,
        now,
      });
      return [
        r.id,
        {
          registrationId: r.id,
          publicity: { state: state === "open" ? "open" : "ended", lastDay: lastDayOf(r.sitting.publicityEndsAt) },
          canRequest: can.ok,
          review: r.review && reviewView(r.review, now),
        },
      ];
    }),
  );
}

function reviewView(
  r: { status: string; requestedAt: Date; dueAt: Date; outcome: string | null; outcomeReason: string | null },
  now: Date,
): NonNullable<ReviewLineData["review"]> {
  return {
    status: r.status === "settled" ? "settled" : "open",
    statusLabel: statusLabel(r, now),
    requestedAt: formatDateTime(r.requestedAt),
    due: lastDayOf(r.dueAt)!,
    outcome: r.outcome ? OUTCOME_LABELS[r.outcome as ReviewOutcome] : null,
    outcomeReason: r.outcomeReason,
  };
}

async function ownRegistration(registrationId: string, personId: string) {
  const reg = await db.registration.findUnique({
    where: { id: registrationId },
    include: { sitting: true, attempt: true, skillResult: true, review: true },
  });
  // Someone else's registration reads as missing: no hint that it exists.
  if (!reg || reg.personId !== personId) httpError(404, "未找到该考试记录。");
  return reg;
}

/** The candidate's page of one part: result, 公示, the request form or the request and its outcome. */
export async function candidateReviewPage(registrationId: string, personId: string, now: Date) {
  const reg = await ownRegistration(registrationId, personId);
  const published = reg.sitting.status === "published";
  const stored = published ? partScore(reg, reg.sitting.kind) : null;
  const can = canRequestReview({
    published,
    publicityEndsAt: reg.sitting.publicityEndsAt,
    hasResult: stored !== null,
    alreadyRequested: !!reg.review,
    now,
  });
  const passed = reg.sitting.kind === "skill" ? reg.skillResult?.passed : reg.attempt?.passed;
  return {
    exam: {
      title: reg.sitting.title,
      level: LEVEL_LABELS[reg.sitting.level as Level],
      kind: reg.sitting.kind === "skill" ? "技能考核" : "理论知识考试",
      ticket: reg.ticketNumber,
      score: stored === null ? null : score(reg.sitting.kind, stored),
      passed: passed ?? null,
      publicity: published ? PUBLICITY_LABELS[publicityState(reg.sitting, now)] : "成绩未发布",
      publicityLastDay: lastDayOf(reg.sitting.publicityEndsAt),
    },
    refusal: can.ok ? null : can.reason,
    review: reg.review && {
      ...reviewView(reg.review, now),
      reason: reg.review.reason,
      oldScore: score(reg.sitting.kind, reg.review.oldScore),
      newScore: reg.review.newScore === null ? null : score(reg.sitting.kind, reg.review.newScore),
    },
  };
}

/** A 复核 request for one part during the 公示; one per part (a second, even at once, is refused). */
export async function requestReview(registrationId: string, personId: string, reason: string, actor: AuditActor, now: Date) {
  const reg = await ownRegistration(registrationId, personId);
  const stored = partScore(reg, reg.sitting.kind);
  const can = canRequestReview({
    published: reg.sitting.status === "published",
    publicityEndsAt: reg.sitting.publicityEndsAt,
    hasResult: stored !== null,
    alreadyRequested: !!reg.review,
    now,
  });
  if (!can.ok) httpError(can.status, can.reason);
  const center = await db.center.findUniqueOrThrow({ where: { id: reg.sitting.centerId }, select: { reviewDays: true } });
  const due = workingDayPeriod(now, center.reviewDays);
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.reviewRequest.create({
          data: {
            registrationId: reg.id,
            sittingId: reg.sittingId,
            personId,
            reason,
            requestedAt: now,
            dueAt: due.endsAt,
            oldScore: stored!,
          },
        });
        await writeAudit(tx, {
          action: "review.request",
          actor,
          ip: actor.ip ?? null,
          centerId: reg.sitting.centerId,
          target: `review:${created.id}`,
          at: now,
          detail: { registrationId: reg.id, sittingId: reg.sittingId, kind: reg.sitting.kind, reason },
        });
      }),
    "本科目已申请过复核，每科只能申请一次。",
  );
  return { dueDay: due.lastDay };
}

// ---- reviewer ----

async function loadRequest(reviewId: string) {
  const r = await db.reviewRequest.findUnique({
    where: { id: reviewId },
    include: {
      registration: {
        include: {
          person: true,
          sitting: { include: { paper: true } },
          attempt: { include: { answers: { select: { itemId: true, value: true } } } },
          skillResult: true,
          scoreSheets: true,
          room: { include: { proctors: true } },
          group: { include: { examiners: { include: { user: true } } } },
        },
      },
    },
  });
  if (!r) httpError(404, "未找到该复核申请。");
  return r;
}

type LoadedRequest = Awaited<ReturnType<typeof loadRequest>>;

function refusalFor(r: LoadedRequest, reviewer: Reviewer): string | null {
  const reg = r.registration;
  return reviewerRefusal({
    kind: reg.sitting.kind as "theory" | "skill",
    reviewerPersonId: reviewer.personId,
    candidatePersonId: reg.personId,
    examinerOfGroup: !!reg.group?.examiners.some((e) => e.userId === reviewer.id),
    proctorOfRoom: !!reg.room?.proctors.some((p) => p.userId === reviewer.id),
  });
}

function requireCenter(r: LoadedRequest, reviewer: Reviewer) {
  if (r.registration.sitting.centerId !== reviewer.centerId) httpError(404, "未找到该复核申请。");
}

/** The re-check of a request's part from what is stored now. */
function recheckOf(r: LoadedRequest): { kind: "theory"; theory: TheoryRecheck } | { kind: "skill"; skill: SkillRecheck } {
  const reg = r.registration;
  const paper = reg.sitting.paper;
  if (!paper) httpError(409, "该场次没有试卷，无法复核。");
  if (reg.sitting.kind === "skill") {
    if (!reg.skillResult) httpError(409, "该考生没有技能成绩，无法复核。");
    const { paper: sp, tasks } = skillPaperOf(paper);
    const list = sp.sections.flatMap((s) =>
      s.items.map((i) => ({
        id: i.id,
        title: i.title,
        points: i.points,
        rubric: tasks.get(i.id)?.rubric ?? i.criteria,
      })),
    );
    const examinerIds = reg.group?.examiners.map((e) => e.userId) ?? [];
    const sheets = reg.scoreSheets.map((s) => ({
      taskId: s.taskId,
      examinerId: s.examinerId,
      status: s.status,
      scores: JSON.parse(s.scores) as (number | null)[],
      total: s.total,
    }));
    return { kind: "skill", skill: recheckSkill(list, examinerIds, sheets, reg.skillResult.score) };
  }
  const a = reg.attempt;
  if (!a || a.status !== "submitted" || a.score === null) httpError(409, "该考生没有已交卷的成绩，无法复核。");
  const items = gradableItems(paperOf(paper).items);
  const areas = a.areaScores ? (JSON.parse(a.areaScores) as { area: Area; points: number }[]) : [];
  return { kind: "theory", theory: recheckTheory(items, a.answers, { score: a.score, areaScores: areas }) };
}

/** The center's 复核 list, open ones first by due date, with whether this reviewer may handle each. */
export async function reviewQueue(reviewer: Reviewer, now: Date) {
  const rows = await db.reviewRequest.findMany({
    where: { registration: { sitting: { centerId: reviewer.centerId ?? "" } } },
    orderBy: [{ status: "asc" }, { dueAt: "asc" }],
    include: {
      registration: {
        include: {
          person: true,
          sitting: true,
          room: { include: { proctors: true } },
          group: { include: { examiners: true } },
        },
      },
    },
    take: 500,
  });
  return rows.map((r) => {
    const reg = r.registration;
    const refusal = reviewerRefusal({
      kind: reg.sitting.kind as "theory" | "skill",
      reviewerPersonId: reviewer.personId,
      candidatePersonId: reg.personId,
      examinerOfGroup: !!reg.group?.examiners.some((e) => e.userId === reviewer.id),
      proctorOfRoom: !!reg.room?.proctors.some((p) => p.userId === reviewer.id),
    });
    return {
      id: r.id,
      sitting: reg.sitting.title,
      kind: reg.sitting.kind === "skill" ? "技能考核" : "理论知识考试",
      ticket: reg.ticketNumber,
      name: reg.person.name,
      requestedAt: formatDateTime(r.requestedAt),
      due: lastDayOf(r.dueAt)!,
      overdue: reviewOverdue({ dueAt: r.dueAt, settled: r.status === "settled" }, now),
      status: statusLabel(r, now),
      outcome: r.outcome ? OUTCOME_LABELS[r.outcome as ReviewOutcome] : null,
      refusal,
    };
  });
}

/** One request for its reviewer: the candidate's reason, the re-check with its arithmetic, the outcome if settled. */
export async function reviewDetail(reviewId: string, reviewer: Reviewer, now: Date) {
  const r = await loadRequest(reviewId);
  requireCenter(r, reviewer);
  const reg = r.registration;
  const recheck = r.status === "open" ? recheckOf(r) : null;
  const examinerNo = new Map(reg.group?.examiners.map((e, i) => [e.userId, `考评员${i + 1}`]) ?? []);
  return {
    review: {
      id: r.id,
      status: r.status,
      statusLabel: statusLabel(r, now),
      sitting: reg.sitting.title,
      level: LEVEL_LABELS[reg.sitting.level as Level],
      kind: reg.sitting.kind === "skill" ? "技能考核" : "理论知识考试",
      ticket: reg.ticketNumber,
      name: reg.person.name,
      reason: r.reason,
      requestedAt: formatDateTime(r.requestedAt),
      due: lastDayOf(r.dueAt)!,
      overdue: reviewOverdue({ dueAt: r.dueAt, settled: r.status === "settled" }, now),
      oldScore: score(reg.sitting.kind, r.oldScore),
      newScore: r.newScore === null ? null : score(reg.sitting.kind, r.newScore),
      outcome: r.outcome ? OUTCOME_LABELS[r.outcome as ReviewOutcome] : null,
      outcomeReason: r.outcomeReason,
      reviewer: r.reviewerName,
      settledAt: r.settledAt ? formatDateTime(r.settledAt) : null,
    },
    refusal: refusalFor(r, reviewer),
    recheck:
      recheck?.kind === "theory"
        ? {
            kind: "theory" as const,
            stored: String(recheck.theory.stored),
            recomputed: String(recheck.theory.recomputed),
            same: recheck.theory.stored === recheck.theory.recomputed,
            complete: recheck.theory.complete,
            findings: recheck.theory.findings,
            summary: `共 ${recheck.theory.items} 题，作答 ${recheck.theory.answered} 题，按答案逐题重判正确 ${recheck.theory.correct} 题。`,
            rows: recheck.theory.byArea.map((a) => ({
              label: a.area,
              max: String(a.max),
              stored: a.stored === null ? "—" : String(a.stored),
              recomputed: String(a.points),
            })),
          }
        : recheck?.kind === "skill"
          ? {
              kind: "skill" as const,
              stored: displayScore(recheck.skill.stored),
              recomputed: displayScore(recheck.skill.recomputed),
              same: Math.abs(recheck.skill.stored - recheck.skill.recomputed) < 1e-9,
              complete: recheck.skill.complete,
              findings: recheck.skill.findings,
              summary: `共 ${recheck.skill.tasks.length} 个任务，逐张评分表重加各评分要素，任务得分为各考评员合计的平均。`,
              rows: recheck.skill.tasks.map((t) => ({
                label: t.title,
                max: String(t.points),
                stored: t.sheets.map((s) => `${examinerNo.get(s.examinerId) ?? "考评员"} ${s.storedTotal}`).join("，") || "—",
                recomputed: `${t.sheets.map((s) => s.readded).join(" + ")} → 平均 ${displayScore(t.mean)}`,
              })),
            }
          : null,
  };
}

/**
 * Settles a request: the re-check is done again inside the transaction, the outcome must follow
 * it, and the request moves open → settled by compare-and-set — of two reviewers at once, the
 * second is refused and nothing of theirs is stored. 更正 records the corrected score through the
 * part's own correction (theory: TheoryCorrection; skill: the score trail and SkillResult).
 */
export async function settleReview(reviewId: string, input: { outcome: ReviewOutcome; reason: string }, reviewer: Reviewer, now: Date) {
  const r = await loadRequest(reviewId);
  requireCenter(r, reviewer);
  if (r.status !== "open") httpError(409, `该复核已由${r.reviewerName ?? "他人"}办结，不能重复办结。`);
  const refusal = refusalFor(r, reviewer);
  if (refusal) httpError(403, refusal);
  const recheck = recheckOf(r);
  const facts = recheck.kind === "theory" ? recheck.theory : recheck.skill;
  const problem = checkOutcome(input.outcome, facts);
  if (problem) httpError(409, problem);
  const reg = r.registration;
  await db.$transaction(async (tx) => {
    const changed = await tx.reviewRequest.updateMany({
      where: { id: r.id, status: "open" },
      data: {
        status: "settled",
        outcome: input.outcome,
        outcomeReason: input.reason,
        newScore: facts.recomputed,
        reviewerId: reviewer.id,
        reviewerName: reviewer.displayName,
        settledAt: now,
      },
    });
    if (changed.count !== 1) httpError(409, "该复核已由其他复核人同时办结，您的结论未保存。请刷新页面查看。");
    if (input.outcome === "corrected") {
      if (recheck.kind === "theory")
        await recordTheoryCorrection(
          tx,
          {
            attemptId: reg.attempt!.id,
            score: recheck.theory.recomputed,
            passed: recheck.theory.passed,
            areaScores: JSON.stringify(recheck.theory.byArea.map(({ area, points, max }) => ({ area, points, max }))),
            reason: `复核更正：${input.reason}`,
            reviewRequestId: r.id,
            centerId: reg.sitting.centerId,
          },
          reviewer,
          now,
        );
      else
        await recordReviewRecount(
          tx,
          { sittingId: reg.sittingId, registrationId: reg.id, reason: `复核更正：${input.reason}` },
          reviewer,
          now,
        );
    }
    await writeAudit(tx, {
      action: "review.settle",
      actor: reviewer,
      ip: reviewer.ip ?? null,
      centerId: reg.sitting.centerId,
      target: `review:${r.id}`,
      at: now,
      detail: { outcome: input.outcome, reason: input.reason, old: r.oldScore, new: facts.recomputed, overdue: now >= r.dueAt },
    });
  });
}

// ---- center: the sitting's 公示 page and the certificates ----

/** Everything the sitting's 公示 page shows: the 公示, its 复核 requests, the certificates and who waits. */
export async function sittingPublicityPage(sittingId: string, now: Date) {
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId } });
  const [requests, waiting, issued] = await Promise.all([
    db.reviewRequest.findMany({
      where: { sittingId },
      orderBy: [{ status: "asc" }, { dueAt: "asc" }],
      include: { registration: { include: { person: true } } },
    }),
    sitting.status === "published" ? certificateWaiting(sittingId, now) : Promise.resolve([]),
    db.registration.count({ where: { sittingId } }),
  ]);
  const state = publicityState(sitting, now);
  const lastDay = lastDayOf(sitting.publicityEndsAt);
  return {
    sitting: {
      id: sitting.id,
      title: sitting.title,
      kind: sitting.kind,
      level: LEVEL_LABELS[sitting.level as Level],
      href: sitting.kind === "skill" ? `/center/skill-sittings/${sitting.id}` : `/center/sittings/${sitting.id}`,
      publishedAt: sitting.publishedAt ? formatDateTime(sitting.publishedAt) : null,
    },
    publicity: {
      state,
      label: PUBLICITY_LABELS[state],
      lastDay,
      warning: sitting.publishedAt && sitting.publicityEndsAt && lastDay ? uncoveredYears(formatDate(sitting.publishedAt), lastDay) : [],
    },
    candidates: issued,
    requests: requests.map((r) => ({
      id: r.id,
      ticket: r.registration.ticketNumber,
      name: r.registration.person.name,
      requestedAt: formatDateTime(r.requestedAt),
      due: lastDayOf(r.dueAt)!,
      overdue: reviewOverdue({ dueAt: r.dueAt, settled: r.status === "settled" }, now),
      status: statusLabel(r, now),
      outcome: r.outcome ? OUTCOME_LABELS[r.outcome as ReviewOutcome] : null,
    })),
    waiting,
  };
}

/**
 * 颁发证书 after the 公示: refused while it runs; then issueCertificates, whose gate skips (and
 * this lists) every candidate with a 复核 still open. Pressing it again later issues to them.
 */
export async function issueAfterPublicity(
  sitting: { id: string; status: string; publishedAt: Date | null; publicityEndsAt: Date | null },
  actor: AuditActor,
  now: Date,
) {
  const refusal = issuingRefusal(sitting, now);
  if (refusal) httpError(409, refusal);
  const issued = await issueCertificates(sitting.id, now, actor);
  const waiting = await certificateWaiting(sitting.id, now);
  return { issued: issued.length, waiting: waiting.length };
}
