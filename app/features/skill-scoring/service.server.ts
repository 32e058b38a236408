// Skill scoring: examiner groups, score sheets, the chief's reviews and corrections, part results.
// The only code that writes ExaminerGroup, GroupExaminer, ScoreSheet, TaskReview, ScoreAudit and
// SkillResult; every write and its audit entry share one transaction.
import { requiredExaminers } from "~/domain/exam-rules";
import { LEVEL_LABELS, type Area, type Level } from "~/domain/levels";
import { checkCriterionScores, displayScore, partResult, taskScore, type SkillPaper, type SkillTask } from "~/domain/skill";
import { formatDateTime } from "~/domain/time";
import type { Prisma } from "~/generated/prisma/client";
import { publishSkillResults, startSkillScoring } from "~/features/sittings/index.server";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { taskState } from "~/features/skill-scoring/rules";
import { setupRefusal, sittingState } from "~/domain/sitting-lifecycle";

export type SkillSnapshot = SkillTask;

type Tx = Prisma.TransactionClient;

/** The sitting fields the set-up and publication steps look at. */
export type SkillSitting = {
  id: string;
  centerId: string;
  level: string;
  seed: number;
  status: string;
  paperId: string | null;
  startsAt: Date;
  createdAt: Date;
};

export function skillPaperOf(p: { content: string; items: string }) {
  const paper = JSON.parse(p.content) as SkillPaper;
  const tasks = new Map((JSON.parse(p.items) as SkillSnapshot[]).map((t) => [t.id, t]));
  return { paper, tasks };
}

/** Who did it and from where, for an audit entry (the center is the actor's, as everywhere). */
function auditOf(actor: AuditActor) {
  return { actor, ip: actor.ip ?? null };
}

function requireSetup(sitting: { status: string }) {
  const refusal = setupRefusal(sitting);
  if (refusal) httpError(409, refusal);
}

// ---- reads for the pages ----

/** The groups an examiner belongs to, for the examiner's start page. */
export async function examinerGroupsOf(userId: string) {
  const memberships = await db.groupExaminer.findMany({
    where: { userId },
    include: { group: { include: { sitting: true, _count: { select: { registrations: true } } } } },
  });
  return memberships.map((m) => ({
    id: m.groupId,
    name: m.group.name,
    isChief: m.isChief,
    sitting: m.group.sitting.title,
    level: LEVEL_LABELS[m.group.sitting.level as Level],
    startsAt: formatDateTime(m.group.sitting.startsAt),
    candidates: m.group._count.registrations,
    status: sittingState(m.group.sitting) === "scoring" ? "评分中" : sittingState(m.group.sitting) === "published" ? "已发布" : "未开始",
  }));
}

/** The groups a chief examiner leads. */
export async function chiefGroupsOf(userId: string) {
  const groups = await db.groupExaminer.findMany({
    where: { userId, isChief: true },
    include: { group: { include: { sitting: true } } },
  });
  return groups.map((g) => ({ id: g.groupId, name: g.group.name, sitting: g.group.sitting.title, sittingId: g.group.sittingId }));
}

export async function groupStaffing(groupId: string) {
  const g = await db.examinerGroup.findUniqueOrThrow({
    where: { id: groupId },
    include: { examiners: true, _count: { select: { registrations: true } } },
  });
  const required = requiredExaminers(g._count.registrations);
  const hasChief = g.examiners.some((e) => e.isChief);
  const count = g.examiners.length;
  // Odd, at least `required`: one more examiner can still leave the group short (even count).
  const missing = Math.max(0, required - count) + (count >= required && count % 2 === 0 ? 1 : 0);
  return { candidates: g._count.registrations, examiners: count, required, hasChief, missing, ok: missing === 0 && hasChief };
}

/** Everything the center's skill sitting page shows: paper blueprint, groups with staffing and results, who can be added. */
export async function skillSittingPage(sittingId: string) {
  const full = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: {
      paper: true,
      groups: {
        orderBy: { name: "asc" },
        include: {
          examiners: { include: { user: true } },
          registrations: { orderBy: { seat: "asc" }, include: { person: true, skillResult: true } },
        },
      },
    },
  });
  const [examinerUsers, people, staffing] = await Promise.all([
    db.user.findMany({
      where: { centerId: full.centerId, active: true, roles: { some: { role: { in: ["examiner", "chief_examiner"] } } } },
      include: { roles: true },
      orderBy: { displayName: "asc" },
    }),
    db.person.findMany({
      where: { centerId: full.centerId, active: true, registrations: { none: { sittingId: full.id } } },
      orderBy: { name: "asc" },
    }),
    Promise.all(full.groups.map((g) => groupStaffing(g.id))),
  ]);
  const paper = full.paper ? skillPaperOf(full.paper).paper : null;
  return {
    sitting: {
      id: full.id,
      title: full.title,
      level: LEVEL_LABELS[full.level as Level],
      startsAt: formatDateTime(full.startsAt),
      status: full.status,
      seed: full.seed,
    },
    paper: paper && {
      bankVersion: paper.bankVersion,
      totalPoints: paper.totalPoints,
      minutes: paper.minutes,
      sections: paper.sections.map((s) => ({
        area: s.area,
        weight: s.weight,
        points: s.points,
        tasks: s.items.map((i) => ({ id: i.id, title: i.title, points: i.points, minutes: i.minutes, criteria: i.criteria.length })),
      })),
    },
    groups: full.groups.map((g, gi) => ({
      id: g.id,
      name: g.name,
      staffing: staffing[gi],
      examiners: g.examiners.map((e) => ({ id: e.userId, name: e.user.displayName, isChief: e.isChief })),
      candidates: g.registrations.map((r) => ({
        id: r.id,
        ticket: r.ticketNumber,
        name: r.person.name,
        result: r.skillResult ? { score: displayScore(r.skillResult.score), passed: r.skillResult.passed } : null,
      })),
    })),
    examinerUsers: examinerUsers.map((u) => ({ id: u.id, name: u.displayName, chief: u.roles.some((r) => r.role === "chief_examiner") })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

export type SkillSittingPage = Awaited<ReturnType<typeof skillSittingPage>>;

/** A sitting with its groups' examiners, for deciding who may read its scoring trail; null if there is none. */
export function sittingWithExaminers(sittingId: string) {
  return db.sitting.findUnique({ where: { id: sittingId }, include: { groups: { include: { examiners: true } } } });
}

/** The scoring trail of a sitting, newest first (at most 1000 rows), with each row's ticket number. */
export async function scoreAuditTrail(sittingId: string) {
  const [rows, regs] = await Promise.all([
    db.scoreAudit.findMany({ where: { sittingId }, orderBy: { at: "desc" }, take: 1000 }),
    db.registration.findMany({ where: { sittingId }, select: { id: true, ticketNumber: true } }),
  ]);
  const ticket = new Map(regs.map((r) => [r.id, r.ticketNumber]));
  return rows.map((r) => ({ ...r, ticket: ticket.get(r.registrationId) ?? "" }));
}

// ---- scoring ----

export async function loadGroupForScoring(groupId: string) {
  const group = await db.examinerGroup.findUnique({
    where: { id: groupId },
    include: {
      examiners: { include: { user: true } },
      sitting: { include: { paper: true } },
      registrations: { orderBy: { seat: "asc" }, include: { scoreSheets: true } },
    },
  });
  if (!group) httpError(404, "未找到该考评组。");
  if (!group.sitting.paper) httpError(409, "本场技能考核尚未组卷。");
  return { group, ...skillPaperOf(group.sitting.paper) };
}

export type ScoringGroup = Awaited<ReturnType<typeof loadGroupForScoring>>;

export async function requireGroupMember(groupId: string, user: { id: string }, asChief = false) {
  const member = await db.groupExaminer.findUnique({ where: { groupId_userId: { groupId, userId: user.id } } });
  if (!member || (asChief && !member.isChief)) return null;
  return member;
}

/** The chief's view of a group: every candidate × task with its state, and everyone's scores once all are in. */
export async function reviewBoard({ group, paper }: ScoringGroup) {
  const examiners = group.examiners.map((e) => ({ id: e.userId, name: e.user.displayName }));
  const examinerIds = examiners.map((e) => e.id);
  const confirmed = await confirmedTasks(group.registrations.map((r) => r.id));
  const tasks = paper.sections.flatMap((s) => s.items.map((i) => ({ id: i.id, title: i.title, points: i.points, criteria: i.criteria })));
  return {
    group: { id: group.id, name: group.name, sitting: group.sitting.title, sittingId: group.sittingId, status: group.sitting.status },
    examiners,
    rows: group.registrations.flatMap((r) =>
      tasks.map((t) => {
        const sheets = r.scoreSheets.filter((s) => s.taskId === t.id && examinerIds.includes(s.examinerId));
        const state = taskState(sheets, examinerIds, t.points, confirmed.has(`${r.id}|${t.id}`));
        const submitted = sheets.filter((s) => s.status === "submitted");
        const allIn = submitted.length === examinerIds.length;
        return {
          key: `${r.id}|${t.id}`,
          registrationId: r.id,
          ticket: r.ticketNumber,
          taskId: t.id,
          title: t.title,
          points: t.points,
          state,
          submitted: submitted.length,
          // Everyone's scores side by side, only once all examiners have submitted.
          sheets: allIn
            ? examiners.map((e) => {
                const s = submitted.find((x) => x.examinerId === e.id)!;
                return { examiner: e.name, examinerId: e.id, total: s.total, scores: JSON.parse(s.scores) as number[] };
              })
            : [],
          criteria: t.criteria.map((c) => `${c.criterion}（${c.points}）`),
          spread: allIn ? Math.max(...submitted.map((s) => s.total)) - Math.min(...submitted.map((s) => s.total)) : null,
        };
      }),
    ),
  };
}

export type ReviewRow = Awaited<ReturnType<typeof reviewBoard>>["rows"][number];

/**
 * Saves one examiner's sheet as a draft or submits it. Every changed criterion and the submission
 * go to the scoring trail, with an audit entry, in the sheet's transaction. A refusal is a 400.
 */
export async function saveSheet(
  input: { registrationId: string; taskId: string; scores: (number | null)[]; submit: boolean },
  actor: AuditActor,
  sittingId: string,
  task: SkillSnapshot,
  now: Date,
) {
  const problem = checkCriterionScores(task.rubric, input.scores);
  if (problem) httpError(400, problem);
  if (input.submit && input.scores.some((v) => v === null)) httpError(400, "提交前请为每个评分要素打分。");
  const total = input.scores.reduce<number>((s, v) => s + (v ?? 0), 0);
  await db.$transaction(async (tx) => {
    const key = { registrationId_taskId_examinerId: { registrationId: input.registrationId, taskId: input.taskId, examinerId: actor.id } };
    const prev = await tx.scoreSheet.findUnique({ where: key });
    if (prev?.status === "submitted") httpError(400, "该评分已提交。如需修改，须由考评组长退回重评。");
    const old = prev ? (JSON.parse(prev.scores) as (number | null)[]) : [];
    const sheet = {
      scores: JSON.stringify(input.scores),
      total,
      status: input.submit ? "submitted" : "draft",
      submittedAt: input.submit ? now : null,
    };
    await tx.scoreSheet.upsert({
      where: key,
      create: { registrationId: input.registrationId, taskId: input.taskId, examinerId: actor.id, ...sheet },
      update: sheet,
    });
    const trail = {
      at: now,
      sittingId,
      userId: actor.id,
      userName: actor.displayName,
      registrationId: input.registrationId,
      taskId: input.taskId,
    };
    const changes = input.scores.map((v, i) => ({ i, oldValue: old[i] ?? null, newValue: v })).filter((c) => c.oldValue !== c.newValue);
    await tx.scoreAudit.createMany({
      data: [
        ...changes.map((c) => ({
          ...trail,
          examinerId: actor.id,
          action: "draft",
          criterion: c.i,
          oldValue: c.oldValue === null ? null : String(c.oldValue),
          newValue: c.newValue === null ? null : String(c.newValue),
        })),
        ...(input.submit ? [{ ...trail, examinerId: actor.id, action: "submit", newValue: String(total) }] : []),
      ],
    });
    await writeAudit(tx, {
      ...auditOf(actor),
      action: input.submit ? "scoring.sheet_submit" : "scoring.sheet_save",
      target: `registration:${input.registrationId}`,
      detail: { sittingId, taskId: input.taskId, total, changed: changes.length },
      at: now,
    });
  });
}

function requireInGroup(group: ScoringGroup, registrationId: string, taskId: string) {
  if (!group.group.registrations.some((r) => r.id === registrationId) || !group.tasks.has(taskId))
    httpError(404, "该考生或任务不在本考评组。");
}

/**
 * The chief's decision on a task: "rescore" sends it back to every examiner of the group (sheets
 * back to draft), "confirm" accepts the scores despite the spread. Both with the reason.
 */
export async function decideTask(
  group: ScoringGroup,
  input: { intent: "rescore" | "confirm"; registrationId: string; taskId: string; reason: string },
  chief: AuditActor,
  now: Date,
) {
  if (sittingState(group.group.sitting) !== "scoring") httpError(409, "当前不在评分阶段。");
  requireInGroup(group, input.registrationId, input.taskId);
  const { registrationId, taskId, reason } = input;
  const sittingId = group.group.sittingId;
  const decision = input.intent === "rescore" ? "rescore" : "confirmed";
  await db.$transaction(async (tx) => {
    if (input.intent === "rescore")
      await tx.scoreSheet.updateMany({ where: { registrationId, taskId }, data: { status: "draft", submittedAt: null } });
    await tx.taskReview.create({ data: { registrationId, taskId, decision, reason, chiefId: chief.id, at: now } });
    await tx.scoreAudit.create({
      data: { at: now, sittingId, userId: chief.id, userName: chief.displayName, registrationId, taskId, action: input.intent, reason },
    });
    await writeAudit(tx, {
      ...auditOf(chief),
      action: input.intent === "rescore" ? "scoring.rescore" : "scoring.confirm",
      target: `registration:${registrationId}`,
      detail: { sittingId, taskId, reason },
      at: now,
    });
  });
}

/** A confirmation counts only if no re-scoring was ordered after it. */
export async function confirmedTasks(registrationIds: string[], client: Tx = db) {
  const reviews = await client.taskReview.findMany({ where: { registrationId: { in: registrationIds } }, orderBy: { at: "asc" } });
  const last = new Map<string, string>();
  for (const r of reviews) last.set(`${r.registrationId}|${r.taskId}`, r.decision);
  return new Set([...last].filter(([, d]) => d === "confirmed").map(([k]) => k));
}

/**
 * Computes and stores the part result of every candidate whose tasks are all done; runs inside
 * the caller's transaction (publication or a correction), whose audit entry covers it.
 */
export async function computeSkillResults(tx: Tx, sittingId: string, now: Date) {
  const sitting = await tx.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: { paper: true, groups: { include: { examiners: true, registrations: { include: { scoreSheets: true } } } } },
  });
  const { paper } = skillPaperOf(sitting.paper!);
  const regIds = sitting.groups.flatMap((g) => g.registrations.map((r) => r.id));
  const confirmed = await confirmedTasks(regIds, tx);
  let pending = 0;
  let computed = 0;
  for (const g of sitting.groups) {
    const examinerIds = g.examiners.map((e) => e.userId);
    for (const r of g.registrations) {
      const perTask = paper.sections.flatMap((s) => s.items.map((i) => ({ area: s.area, item: i })));
      const states = perTask.map(({ item }) =>
        taskState(
          r.scoreSheets.filter((x) => x.taskId === item.id),
          examinerIds,
          item.points,
          confirmed.has(`${r.id}|${item.id}`),
        ),
      );
      if (states.some((s) => s !== "done")) {
        pending++;
        continue;
      }
      const sheetsOf = (taskId: string) =>
        r.scoreSheets.filter((x) => x.taskId === taskId && examinerIds.includes(x.examinerId)).map((x) => JSON.parse(x.scores) as number[]);
      const result = partResult(perTask.map(({ item }) => ({ sheets: sheetsOf(item.id) })));
      const byArea = paper.sections.map((s) => ({
        area: s.area as Area,
        max: s.points,
        points: s.items.reduce((a, i) => a + taskScore(sheetsOf(i.id)), 0),
      }));
      const stored = { score: result.score, passed: result.passed, areaScores: JSON.stringify(byArea), computedAt: now };
      await tx.skillResult.upsert({ where: { registrationId: r.id }, create: { registrationId: r.id, ...stored }, update: stored });
      computed++;
    }
  }
  return { pending, computed };
}

/**
 * After publication a score changes only through a recorded correction: one criterion of one
 * examiner's sheet, with the reason, then the candidate's result is recomputed — one transaction.
 */
export async function correctScore(
  group: ScoringGroup,
  input: { registrationId: string; taskId: string; examinerId: string; criterion: number; value: number; reason: string },
  chief: AuditActor,
  now: Date,
) {
  if (sittingState(group.group.sitting) !== "published") httpError(409, "成绩发布前请通过退回重评处理。");
  requireInGroup(group, input.registrationId, input.taskId);
  const task = group.tasks.get(input.taskId)!;
  const c = task.rubric[input.criterion];
  if (!c) httpError(400, "评分要素不存在。");
  if (input.value < 0 || input.value > c.points || !Number.isInteger(input.value * 2))
    httpError(400, `更正后的分数应在 0 至 ${c.points} 分之间（整数或 .5）。`);
  const sittingId = group.group.sittingId;
  const key = {
    registrationId_taskId_examinerId: { registrationId: input.registrationId, taskId: input.taskId, examinerId: input.examinerId },
  };
  await db.$transaction(async (tx) => {
    const sheet = await tx.scoreSheet.findUnique({ where: key });
    if (!sheet || sheet.status !== "submitted") httpError(400, "该考评员的评分不存在或未提交。");
    const scores = JSON.parse(sheet.scores) as number[];
    const old = scores[input.criterion];
    scores[input.criterion] = input.value;
    await tx.scoreSheet.update({ where: key, data: { scores: JSON.stringify(scores), total: scores.reduce((a, b) => a + b, 0) } });
    await tx.scoreAudit.create({
      data: {
        at: now,
        sittingId,
        userId: chief.id,
        userName: chief.displayName,
        registrationId: input.registrationId,
        taskId: input.taskId,
        examinerId: input.examinerId,
        action: "correct",
        criterion: input.criterion,
        oldValue: String(old),
        newValue: String(input.value),
        reason: input.reason,
      },
    });
    await computeSkillResults(tx, sittingId, now);
    await writeAudit(tx, {
      ...auditOf(chief),
      action: "scoring.correct",
      target: `registration:${input.registrationId}`,
      detail: {
        sittingId,
        taskId: input.taskId,
        examinerId: input.examinerId,
        criterion: input.criterion,
        old,
        value: input.value,
        reason: input.reason,
      },
      at: now,
    });
  });
}

// ---- examiner groups ----

export async function addExaminerGroup(sitting: SkillSitting, name: string, actor: AuditActor) {
  requireSetup(sitting);
  await db.$transaction(async (tx) => {
    const group = await tx.examinerGroup.create({ data: { sittingId: sitting.id, name } });
    await writeAudit(tx, { ...auditOf(actor), action: "scoring.group_create", target: sitting.id, detail: { groupId: group.id, name } });
  });
}

/** Puts an examiner of the sitting's center into a group (or changes whether they chair it); one chief per group. */
export async function assignExaminer(sitting: SkillSitting, input: { groupId: string; userId: string; chief: boolean }, actor: AuditActor) {
  requireSetup(sitting);
  const group = await db.examinerGroup.findUnique({ where: { id: input.groupId } });
  if (!group || group.sittingId !== sitting.id) httpError(404, "未找到该考评组。");
  const role = input.chief ? "chief_examiner" : "examiner";
  const examiner = await db.user.findFirst({ where: { id: input.userId, centerId: sitting.centerId, roles: { some: { role } } } });
  if (!examiner) httpError(400, input.chief ? "考评组长须具有考评组长角色。" : "只能指派本中心具有考评员角色的账号。");
  await db.$transaction(async (tx) => {
    if (input.chief && (await tx.groupExaminer.count({ where: { groupId: group.id, isChief: true, NOT: { userId: examiner.id } } })) > 0)
      httpError(400, "每个考评组只能有一名考评组长。");
    await tx.groupExaminer.upsert({
      where: { groupId_userId: { groupId: group.id, userId: examiner.id } },
      create: { groupId: group.id, userId: examiner.id, isChief: input.chief },
      update: { isChief: input.chief },
    });
    await writeAudit(tx, {
      ...auditOf(actor),
      action: "scoring.examiner_assign",
      target: sitting.id,
      detail: { groupId: group.id, group: group.name, userId: examiner.id, examiner: examiner.displayName, chief: input.chief },
    });
  });
  return { name: examiner.displayName };
}

// ---- the sitting's transitions that scoring decides: the sittings lifecycle stores them ----

/** Opens scoring once the paper is assembled and every group has candidates and enough examiners with a chief. */
export async function startScoring(sitting: SkillSitting, actor: AuditActor) {
  requireSetup(sitting);
  if (!sitting.paperId) httpError(409, "尚未组卷，不能开始评分。");
  const groups = await db.examinerGroup.findMany({ where: { sittingId: sitting.id } });
  if (groups.length === 0) httpError(409, "请先添加考评组。");
  for (const g of groups) {
    const s = await groupStaffing(g.id);
    if (s.candidates === 0) httpError(409, `${g.name}没有考生。`);
    if (!s.ok)
      httpError(
        409,
        `${g.name}考评员不足：${s.candidates} 名考生需至少 ${s.required} 名考评员且为单数，还缺 ${s.missing} 名${s.hasChief ? "" : "，且须指定考评组长"}，不能开始评分。`,
      );
  }
  await startSkillScoring(sitting, actor);
}

/**
 * Publishes the results once every candidate's tasks are done (results stored, status, time and
 * the end of the 公示 set, audit — one transaction; refused with nothing stored while any is
 * pending). Certificates wait for the end of the 公示 and of any 复核.
 */
export async function publishSkillSitting(sitting: SkillSitting, actor: AuditActor, now: Date) {
  return publishSkillResults(sitting, actor, now, async (tx) => {
    const { pending, computed } = await computeSkillResults(tx, sitting.id, now);
    return { unsettled: pending, detail: { results: computed } };
  });
}

/**
 * The recorded correction after a 复核 found the stored part result did not add up: the result
 * is computed again from the submitted sheets (the same rule as at publication), and the change
 * goes to the score trail with the reviewer and reason. Runs in the caller's transaction.
 */
export async function recordReviewRecount(
  tx: Tx,
  input: { sittingId: string; registrationId: string; reason: string },
  reviewer: AuditActor,
  now: Date,
) {
  const before = await tx.skillResult.findUnique({ where: { registrationId: input.registrationId } });
  if (!before) httpError(409, "该考生没有技能成绩，不能更正。");
  await computeSkillResults(tx, input.sittingId, now);
  const after = await tx.skillResult.findUniqueOrThrow({ where: { registrationId: input.registrationId } });
  await tx.scoreAudit.create({
    data: {
      at: now,
      sittingId: input.sittingId,
      userId: reviewer.id,
      userName: reviewer.displayName,
      registrationId: input.registrationId,
      taskId: "",
      action: "review_correct",
      oldValue: String(before.score),
      newValue: String(after.score),
      reason: input.reason,
    },
  });
  await writeAudit(tx, {
    ...auditOf(reviewer),
    action: "scoring.review_correct",
    target: `registration:${input.registrationId}`,
    detail: { sittingId: input.sittingId, old: before.score, new: after.score, reason: input.reason },
    at: now,
  });
  return { oldScore: before.score, newScore: after.score, passed: after.passed };
}
