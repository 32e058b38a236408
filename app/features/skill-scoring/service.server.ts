import fs from "node:fs";
import path from "node:path";
import { requiredExaminers } from "~/domain/exam-rules";
import type { Area, Level } from "~/domain/levels";
import {
  assembleSkillPaper,
  checkCriterionScores,
  loadSkillBank,
  needsChiefReview,
  partResult,
  skillBankVersion,
  taskScore,
  type SkillPaper,
  type SkillTask,
} from "~/domain/skill";
import type { PrismaClient } from "~/generated/prisma/client";
import { readBankFiles } from "~/features/bank/files.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { isRetake, sittingOfDay, ticketNumber } from "~/features/sittings/service.server";
import type { SessionUser } from "~/platform/session.server";

export const SKILL_DIR = path.resolve(process.env.SKILL_DIR ?? "question-bank/skill");

export function loadSkillBankFromDisk(dir = SKILL_DIR) {
  const { tasks, errors } = loadSkillBank(fs.existsSync(dir) ? readBankFiles(dir) : []);
  return { tasks, errors, version: skillBankVersion(tasks) };
}

/** Idempotent; tasks missing from the files are retired, never deleted. */
export async function importSkillBank(client: PrismaClient, tasks: readonly SkillTask[], version: string) {
  const existing = new Map((await client.skillTask.findMany()).map((t) => [t.id, t]));
  let added = 0,
    changed = 0;
  const ops = [];
  for (const t of tasks) {
    const content = JSON.stringify(t);
    const contentHash = skillBankVersion([t]);
    const prev = existing.get(t.id);
    if (prev && prev.contentHash === contentHash && prev.retired === t.retired) continue;
    if (prev) changed++;
    else added++;
    const data = {
      level: t.level,
      area: t.area,
      points: t.points,
      mandatory: t.mandatory,
      content,
      retired: t.retired,
      contentHash,
      lastVersion: version,
    };
    ops.push(client.skillTask.upsert({ where: { id: t.id }, create: { id: t.id, firstVersion: version, ...data }, update: data }));
  }
  const gone = [...existing.values()].filter((r) => !r.retired && !tasks.some((t) => t.id === r.id)).map((r) => r.id);
  const current = await client.bankVersion.findFirst({ where: { kind: "skill", current: true } });
  if (ops.length === 0 && gone.length === 0 && current?.id === `skill-${version}`)
    return { version, added, changed, retired: 0, alreadyCurrent: true };
  await client.$transaction([
    ...ops,
    client.skillTask.updateMany({ where: { id: { in: gone } }, data: { retired: true } }),
    client.bankVersion.updateMany({ where: { kind: "skill", current: true }, data: { current: false } }),
    client.bankVersion.upsert({
      where: { id: `skill-${version}` },
      create: {
        id: `skill-${version}`,
        kind: "skill",
        itemCount: tasks.length,
        activeCount: tasks.filter((t) => !t.retired).length,
        current: true,
      },
      update: { current: true },
    }),
  ]);
  return { version, added, changed, retired: gone.length, alreadyCurrent: false };
}

async function currentSkillBank() {
  const v = await db.bankVersion.findFirst({ where: { kind: "skill", current: true } });
  if (!v) return null;
  const rows = await db.skillTask.findMany({ orderBy: { id: "asc" } });
  return {
    version: v.id.replace(/^skill-/, ""),
    tasks: rows.map((r) => ({ ...(JSON.parse(r.content) as SkillTask), retired: r.retired })),
  };
}

export type SkillSnapshot = SkillTask;

export function skillPaperOf(p: { content: string; items: string }) {
  const paper = JSON.parse(p.content) as SkillPaper;
  const tasks = new Map((JSON.parse(p.items) as SkillSnapshot[]).map((t) => [t.id, t]));
  return { paper, tasks };
}

export async function assembleSkillSittingPaper(sittingId: string) {
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId } });
  if (sitting.status !== "scheduled") httpError(409, "评分已开始，不能重新组卷。");
  const bank = await currentSkillBank();
  if (!bank) httpError(409, "尚未导入技能题库。");
  const r = assembleSkillPaper(bank.tasks, sitting.level as Level, sitting.seed, bank.version);
  if (!r.ok) httpError(409, r.message);
  const ids = new Set(r.paper.sections.flatMap((s) => s.items.map((i) => i.id)));
  const snapshot = bank.tasks.filter((t) => ids.has(t.id));
  await db.$transaction(async (tx) => {
    const paper = await tx.paper.create({
      data: {
        level: sitting.level,
        kind: "skill",
        seed: sitting.seed,
        bankVersion: bank.version,
        content: JSON.stringify(r.paper),
        items: JSON.stringify(snapshot),
      },
    });
    await tx.sitting.update({ where: { id: sittingId }, data: { paperId: paper.id } });
  });
}

/**
 * Registers people (already checked for center and eligibility) into one examiner group: seats
 * after the group's last, ticket numbers like theory rooms (the group's position is the room
 * number), 新考/补考 and the condition met recorded. One transaction; a concurrent clash is a 409.
 */
export async function registerIntoGroup(
  sitting: { id: string; centerId: string; level: string; startsAt: Date; createdAt: Date },
  groupId: string,
  personIds: string[],
  eligibility: ReadonlyMap<string, string>,
) {
  const [center, groups] = await Promise.all([
    db.center.findUniqueOrThrow({ where: { id: sitting.centerId } }),
    db.examinerGroup.findMany({ where: { sittingId: sitting.id }, orderBy: { name: "asc" }, include: { registrations: true } }),
  ]);
  const gi = groups.findIndex((g) => g.id === groupId);
  if (gi < 0) httpError(404, "未找到该考评组。");
  const dayNo = await sittingOfDay(sitting);
  const retakes = new Map(await Promise.all(personIds.map(async (id) => [id, await isRetake(id, sitting.level, "skill")] as const)));
  let seat = groups[gi].registrations.reduce((m, r) => Math.max(m, r.seat), 0);
  const creates = personIds.map((personId) => {
    seat++;
    return db.registration.create({
      data: {
        sittingId: sitting.id,
        groupId,
        personId,
        seat,
        retake: retakes.get(personId) ?? false,
        eligibility: eligibility.get(personId) ?? null,
        ticketNumber: ticketNumber(center.code, sitting.startsAt, dayNo, gi + 1, seat),
      },
    });
  });
  await orConflict(() => db.$transaction(creates), "报名时准考证号与他人同时操作冲突，请刷新后重试。");
  return creates.length;
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

// ---- scoring ----

export type TaskStatus = "scoring" | "review" | "done";

/** Where one candidate's task stands, from all examiners' sheets of the group. */
export function taskState(
  sheets: { examinerId: string; status: string; total: number }[],
  examinerIds: string[],
  points: number,
  confirmed: boolean,
): TaskStatus {
  const submitted = sheets.filter((s) => s.status === "submitted" && examinerIds.includes(s.examinerId));
  if (submitted.length < examinerIds.length) return "scoring";
  if (
    needsChiefReview(
      submitted.map((s) => s.total),
      points,
    ) &&
    !confirmed
  )
    return "review";
  return "done";
}

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

export async function requireGroupMember(groupId: string, user: SessionUser, asChief = false) {
  const member = await db.groupExaminer.findUnique({ where: { groupId_userId: { groupId, userId: user.id } } });
  if (!member || (asChief && !member.isChief)) return null;
  return member;
}

export async function saveSheet(
  input: { registrationId: string; taskId: string; scores: (number | null)[]; submit: boolean },
  user: SessionUser,
  sittingId: string,
  task: SkillSnapshot,
  now: Date,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const problem = checkCriterionScores(task.rubric, input.scores);
  if (problem) return { ok: false, message: problem };
  if (input.submit && input.scores.some((v) => v === null)) return { ok: false, message: "提交前请为每个评分要素打分。" };
  const total = input.scores.reduce<number>((s, v) => s + (v ?? 0), 0);
  return db.$transaction(async (tx) => {
    const key = { registrationId_taskId_examinerId: { registrationId: input.registrationId, taskId: input.taskId, examinerId: user.id } };
    const prev = await tx.scoreSheet.findUnique({ where: key });
    if (prev?.status === "submitted") return { ok: false as const, message: "该评分已提交。如需修改，须由考评组长退回重评。" };
    const old = prev ? (JSON.parse(prev.scores) as (number | null)[]) : [];
    await tx.scoreSheet.upsert({
      where: key,
      create: {
        registrationId: input.registrationId,
        taskId: input.taskId,
        examinerId: user.id,
        scores: JSON.stringify(input.scores),
        total,
        status: input.submit ? "submitted" : "draft",
        submittedAt: input.submit ? now : null,
      },
      update: {
        scores: JSON.stringify(input.scores),
        total,
        status: input.submit ? "submitted" : "draft",
        submittedAt: input.submit ? now : null,
      },
    });
    const changes = input.scores.map((v, i) => ({ i, oldValue: old[i] ?? null, newValue: v })).filter((c) => c.oldValue !== c.newValue);
    await tx.scoreAudit.createMany({
      data: [
        ...changes.map((c) => ({
          at: now,
          sittingId,
          userId: user.id,
          userName: user.displayName,
          registrationId: input.registrationId,
          taskId: input.taskId,
          examinerId: user.id,
          action: "draft",
          criterion: c.i,
          oldValue: c.oldValue === null ? null : String(c.oldValue),
          newValue: c.newValue === null ? null : String(c.newValue),
        })),
        ...(input.submit
          ? [
              {
                at: now,
                sittingId,
                userId: user.id,
                userName: user.displayName,
                registrationId: input.registrationId,
                taskId: input.taskId,
                examinerId: user.id,
                action: "submit",
                newValue: String(total),
              },
            ]
          : []),
      ],
    });
    return { ok: true as const };
  });
}

/** Sends a task back to every examiner of the group (sheets back to draft), with the reason. */
export async function sendBackForRescore(
  registrationId: string,
  taskId: string,
  reason: string,
  chief: SessionUser,
  sittingId: string,
  now: Date,
) {
  await db.$transaction([
    db.scoreSheet.updateMany({ where: { registrationId, taskId }, data: { status: "draft", submittedAt: null } }),
    db.taskReview.create({ data: { registrationId, taskId, decision: "rescore", reason, chiefId: chief.id, at: now } }),
    db.scoreAudit.create({
      data: { at: now, sittingId, userId: chief.id, userName: chief.displayName, registrationId, taskId, action: "rescore", reason },
    }),
  ]);
}

export async function confirmTask(
  registrationId: string,
  taskId: string,
  reason: string,
  chief: SessionUser,
  sittingId: string,
  now: Date,
) {
  await db.$transaction([
    db.taskReview.create({ data: { registrationId, taskId, decision: "confirmed", reason, chiefId: chief.id, at: now } }),
    db.scoreAudit.create({
      data: { at: now, sittingId, userId: chief.id, userName: chief.displayName, registrationId, taskId, action: "confirm", reason },
    }),
  ]);
}

/** A confirmation counts only if no re-scoring was ordered after it. */
export async function confirmedTasks(registrationIds: string[]) {
  const reviews = await db.taskReview.findMany({ where: { registrationId: { in: registrationIds } }, orderBy: { at: "asc" } });
  const last = new Map<string, string>();
  for (const r of reviews) last.set(`${r.registrationId}|${r.taskId}`, r.decision);
  return new Set([...last].filter(([, d]) => d === "confirmed").map(([k]) => k));
}

/** Computes and stores the part result of every candidate whose tasks are all done. */
export async function computeSkillResults(sittingId: string, now: Date) {
  const sitting = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: { paper: true, groups: { include: { examiners: true, registrations: { include: { scoreSheets: true } } } } },
  });
  const { paper } = skillPaperOf(sitting.paper!);
  const regIds = sitting.groups.flatMap((g) => g.registrations.map((r) => r.id));
  const confirmed = await confirmedTasks(regIds);
  let pending = 0;
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
      await db.skillResult.upsert({
        where: { registrationId: r.id },
        create: { registrationId: r.id, score: result.score, passed: result.passed, areaScores: JSON.stringify(byArea), computedAt: now },
        update: { score: result.score, passed: result.passed, areaScores: JSON.stringify(byArea), computedAt: now },
      });
    }
  }
  return { pending };
}

/**
 * After publication a score changes only through a recorded correction: one criterion of one
 * examiner's sheet, with the reason, then the candidate's result is recomputed.
 */
export async function correctScore(
  input: { registrationId: string; taskId: string; examinerId: string; criterion: number; value: number; reason: string },
  task: SkillSnapshot,
  chief: SessionUser,
  sittingId: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const c = task.rubric[input.criterion];
  if (!c) return { ok: false, message: "评分要素不存在。" };
  if (input.value < 0 || input.value > c.points || !Number.isInteger(input.value * 2))
    return { ok: false, message: `更正后的分数应在 0 至 ${c.points} 分之间（整数或 .5）。` };
  const key = {
    registrationId_taskId_examinerId: { registrationId: input.registrationId, taskId: input.taskId, examinerId: input.examinerId },
  };
  const sheet = await db.scoreSheet.findUnique({ where: key });
  if (!sheet || sheet.status !== "submitted") return { ok: false, message: "该考评员的评分不存在或未提交。" };
  const scores = JSON.parse(sheet.scores) as number[];
  const old = scores[input.criterion];
  scores[input.criterion] = input.value;
  await db.$transaction([
    db.scoreSheet.update({ where: key, data: { scores: JSON.stringify(scores), total: scores.reduce((a, b) => a + b, 0) } }),
    db.scoreAudit.create({
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
    }),
  ]);
  await computeSkillResults(sittingId, now);
  return { ok: true };
}
