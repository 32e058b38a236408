// Annual staff evaluation: cycles, who scores whom, entered objective figures and adjustments.
// Loading and saving live here (the only writer of the evaluation tables); every rule is in
// app/domain (evaluation, ratings, five-forces); the forms' schemas are in ./schemas.
import ExcelJS from "exceljs";
import { z } from "zod";
import {
  AWARD_POINTS,
  SUBJECTIVE_INDICATORS,
  type VETO_GROUNDS,
  completionPoints,
  consecutiveFails,
  defaultPeers,
  evaluate,
  formatPoints,
  summaryTable,
  verdict,
  type Award,
  type EvaluationResult,
  type Relation,
  type SubjectiveInputs,
  type SubjectiveKey,
} from "~/domain/evaluation";
import { fiveForces, type ForceInputs, type ForceScore, FORCES } from "~/domain/five-forces";
import { ratingPoints, type RatingCounts } from "~/domain/ratings";
import { starCount, topWithTies } from "~/domain/department";
import { LEVELS, STANDARD_TRAINING_HOURS, type Level } from "~/domain/levels";
import { formatDateTime } from "~/domain/time";
import { writeAudit, type AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { checkCompletionCsv } from "~/domain/completion-import";
import { CSV_ENCODINGS, decodeCsv } from "~/domain/staff-import";
import { MAX_UPLOAD_BYTES } from "~/features/staff/index.server";
import { ratingCountsForYear } from "~/features/ratings/index.server";
import { trainingProgressOf } from "~/features/certificates/index.server";
import {
  type AdjustmentSchema,
  type AssignmentsSchema,
  type CycleSettingsSchema,
  type ObjectiveSchema,
  type OpenCycleSchema,
  type VetoSchema,
} from "./schemas";

export async function listCycles(centerId: string) {
  const cycles = await db.evaluationCycle.findMany({
    where: { centerId },
    orderBy: { year: "desc" },
    include: { _count: { select: { subjects: true } } },
  });
  return cycles.map((c) => ({ id: c.id, year: c.year, passMark: c.passMark, status: c.status, subjects: c._count.subjects }));
}

/** Active staff of a center, in a stable order (department, then name). */
async function centerStaff(centerId: string) {
  return db.person.findMany({
    where: { centerId, active: true },
    orderBy: [{ departmentId: "asc" }, { name: "asc" }],
    select: { id: true, name: true, departmentId: true, staffRole: true },
  });
}

/**
 * Opens a year's cycle: every active staff member is a subject with a self assignment, the chosen
 * manager scores everyone else, and `peersPerPerson` colleagues (same department first) score each.
 */
export async function openCycle(centerId: string, input: z.infer<typeof OpenCycleSchema>, actor: AuditActor) {
  const staff = await centerStaff(centerId);
  if (!staff.some((s) => s.id === input.managerPersonId)) httpError(400, "评分负责人应为本中心在岗人员");
  if (staff.length < 2) httpError(400, "本中心在岗人员不足 2 人，无法开展互评");
  const peers = defaultPeers(staff, input.peersPerPerson, new Set([input.managerPersonId]));
  return db.$transaction(async (tx) => {
    const cycle = await tx.evaluationCycle.create({
      data: { centerId, year: input.year, passMark: input.passMark, ratingPenalty: input.ratingPenalty },
    });
    for (const s of staff) {
      const subject = await tx.evaluationSubject.create({ data: { cycleId: cycle.id, personId: s.id } });
      const rows: { subjectId: string; evaluatorPersonId: string; relation: Relation }[] = [
        { subjectId: subject.id, evaluatorPersonId: s.id, relation: "self" },
      ];
      if (s.id !== input.managerPersonId)
        rows.push({ subjectId: subject.id, evaluatorPersonId: input.managerPersonId, relation: "manager" });
      for (const p of peers.get(s.id)!) rows.push({ subjectId: subject.id, evaluatorPersonId: p, relation: "peer" });
      await tx.evaluationAssignment.createMany({ data: rows });
    }
    await writeAudit(tx, {
      ip: actor.ip,
      action: "evaluation.open",
      actor,
      target: cycle.id,
      detail: { year: input.year, passMark: input.passMark, staff: staff.length },
    });
    return cycle;
  });
}

export async function requireCycle(cycleId: string, centerId: string) {
  const cycle = await db.evaluationCycle.findUnique({ where: { id: cycleId } });
  if (!cycle || cycle.centerId !== centerId) httpError(404, "未找到该评价周期");
  return cycle;
}

/** The subject of a person in a cycle (the center's person page acts on it). */
export async function requireSubject(cycleId: string, personId: string) {
  const subject = await db.evaluationSubject.findUnique({ where: { cycleId_personId: { cycleId, personId } } });
  if (!subject) httpError(404, "该人员不在本评价周期内");
  return subject;
}

/** The center's name, for the printed report and the xlsx file. */
export async function centerNameOf(centerId: string): Promise<string> {
  return (await db.center.findUniqueOrThrow({ where: { id: centerId }, select: { name: true } })).name;
}

/** Who may be chosen as the default manager scorer: active staff, holders of the 科室负责人 role first. */
export async function managerChoices(centerId: string) {
  const staff = await db.person.findMany({
    where: { centerId, active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, staffRole: true, user: { select: { roles: { select: { role: true } } } } },
  });
  return staff
    .map((s) => ({ id: s.id, name: s.name, staffRole: s.staffRole, isManager: s.user?.roles.some((r) => r.role === "manager") ?? false }))
    .sort((a, b) => Number(b.isManager) - Number(a.isManager));
}

/** The active colleagues of a person who may score them (everyone of the center but themselves). */
export async function colleaguesOf(centerId: string, personId: string) {
  return db.person.findMany({
    where: { centerId, active: true, id: { not: personId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** A person's own cycles, newest first: the one still open, if any, and the closed ones. */
export async function ownCycles(personId: string) {
  const subjects = await db.evaluationSubject.findMany({
    where: { personId },
    include: { cycle: true },
    orderBy: { cycle: { year: "desc" } },
  });
  return {
    open: subjects.find((s) => s.cycle.status === "open")?.cycle ?? null,
    closed: subjects.filter((s) => s.cycle.status === "closed").map((s) => s.cycle),
  };
}

const subjectInclude = {
  person: { select: { id: true, name: true, staffRole: true, department: { select: { name: true } } } },
  assignments: { include: { scores: true, evaluator: { select: { id: true, name: true } } } },
  adjustments: { orderBy: { createdAt: "asc" } },
} as const;

type SubjectRow = Awaited<ReturnType<typeof loadSubjects>>[number];

async function loadSubjects(cycleId: string, personId?: string) {
  return db.evaluationSubject.findMany({
    where: { cycleId, ...(personId ? { personId } : {}) },
    include: subjectInclude,
    orderBy: { person: { name: "asc" } },
  });
}

function subjectiveInputs(s: SubjectRow): Partial<Record<SubjectiveKey, SubjectiveInputs>> {
  const submitted = s.assignments.filter((a) => a.submittedAt);
  const valueOf = (a: (typeof submitted)[number], key: string) => a.scores.find((x) => x.indicator === key)?.value ?? null;
  return Object.fromEntries(
    SUBJECTIVE_INDICATORS.map((d) => {
      const self = submitted.find((a) => a.relation === "self");
      const manager = submitted.find((a) => a.relation === "manager");
      const peers = submitted
        .filter((a) => a.relation === "peer")
        .map((a) => valueOf(a, d.key))
        .filter((v): v is number => v !== null);
      return [d.key, { self: self ? valueOf(self, d.key) : null, peers, manager: manager ? valueOf(manager, d.key) : null }];
    }),
  );
}

function adjustmentAwards(s: SubjectRow): { awards: Award[]; deductions: number[] } {
  return {
    awards: s.adjustments
      .filter((a) => a.kind !== "deduction")
      .map((a) => (a.kind === "award" ? { level: a.awardLevel as keyof typeof AWARD_POINTS } : { majorEvent: a.points })),
    deductions: s.adjustments.filter((a) => a.kind === "deduction").map((a) => a.points),
  };
}

export type SubjectResult = {
  subjectId: string;
  personId: string;
  name: string;
  staffRole: string | null;
  department: string | null;
  result: EvaluationResult;
  ratings: RatingCounts | null;
  completion: { done: number | null; target: number | null; source: string | null };
  progress: Record<Relation, { submitted: number; total: number }>;
  failedTwoYears: boolean;
};

/** Every subject's result in a cycle, with the previous year's verdict for the two-year flag. */
export async function cycleResults(
  cycle: { id: string; centerId: string; year: number; passMark: number; ratingPenalty: number },
  personId?: string,
): Promise<SubjectResult[]> {
  const [subjects, ratings, previous] = await Promise.all([
    loadSubjects(cycle.id, personId),
    ratingCountsForYear(cycle.centerId, cycle.year),
    db.evaluationCycle.findUnique({ where: { centerId_year: { centerId: cycle.centerId, year: cycle.year - 1 } } }),
  ]);
  const prevResults = previous
    ? await cycleResults(previous, personId).then((r) => new Map(r.map((x) => [x.personId, x.result.passed])))
    : new Map<string, boolean | null>();
  return subjects.map((s) => {
    const counts = ratings.get(s.personId) ?? null;
    const { awards, deductions } = adjustmentAwards(s);
    const result = evaluate({
      subjective: subjectiveInputs(s),
      objective: {
        completion:
          s.completionDone !== null && s.completionTarget !== null ? completionPoints(s.completionDone, s.completionTarget) : null,
        ratings: counts ? ratingPoints(counts, cycle.ratingPenalty) : null,
        complaints: s.complaintsPoints,
        praise: s.praisePoints,
      },
      awards,
      deductions,
      veto: (s.veto as (typeof VETO_GROUNDS)[number] | null) ?? null,
      passMark: cycle.passMark,
    });
    const progress = Object.fromEntries(
      (["self", "peer", "manager"] as const).map((r) => {
        const mine = s.assignments.filter((a) => a.relation === r);
        return [r, { submitted: mine.filter((a) => a.submittedAt).length, total: mine.length }];
      }),
    ) as SubjectResult["progress"];
    const history = [
      { year: cycle.year, passed: result.passed },
      ...(prevResults.has(s.personId) ? [{ year: cycle.year - 1, passed: prevResults.get(s.personId)! }] : []),
    ];
    return {
      subjectId: s.id,
      personId: s.personId,
      name: s.person.name,
      staffRole: s.person.staffRole,
      department: s.person.department?.name ?? null,
      result,
      ratings: counts,
      completion: { done: s.completionDone, target: s.completionTarget, source: s.completionSource },
      progress,
      failedTwoYears: consecutiveFails(history).includes(cycle.year),
    };
  });
}

/** 服务明星 (seed 003): the top 10 % of the center's staff by this year's evaluation total, ties included. */
export async function serviceStars(centerId: string, year: number) {
  const cycle = await db.evaluationCycle.findUnique({ where: { centerId_year: { centerId, year } } });
  if (!cycle) return null;
  const results = await cycleResults(cycle);
  const scored = results
    .filter((r) => r.result.total !== null)
    .map((r) => ({ personId: r.personId, name: r.name, total: r.result.total as number }));
  const count = starCount(results.length);
  const { winners, tiedAtBoundary } = topWithTies(scored, count);
  return { staffCount: results.length, count, winners, tiedAtBoundary, unscored: results.length - scored.length };
}

/** The subject's full detail for the center's person page: every entered score by evaluator. */
export async function subjectDetail(cycleId: string, personId: string) {
  const [s] = await loadSubjects(cycleId, personId);
  if (!s) httpError(404, "该人员不在本评价周期内");
  return {
    subjectId: s.id,
    veto: s.veto,
    vetoEvidence: s.vetoEvidence,
    complaintsPoints: s.complaintsPoints,
    complaintsEvidence: s.complaintsEvidence,
    praisePoints: s.praisePoints,
    praiseEvidence: s.praiseEvidence,
    completionDone: s.completionDone,
    completionTarget: s.completionTarget,
    completionSource: s.completionSource,
    assignments: s.assignments
      .map((a) => ({
        id: a.id,
        relation: a.relation as Relation,
        evaluator: a.evaluator.name,
        evaluatorId: a.evaluator.id,
        submittedAt: a.submittedAt?.toISOString() ?? null,
        scores: Object.fromEntries(a.scores.map((x) => [x.indicator, x.value])) as Record<string, number>,
      }))
      .sort((a, b) => ["self", "peer", "manager"].indexOf(a.relation) - ["self", "peer", "manager"].indexOf(b.relation)),
    adjustments: s.adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      awardLevel: a.awardLevel,
      points: a.points,
      reason: a.reason,
      evidence: a.evidence,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

// ---- Entering scores (self, peer, manager) ----

export async function assignmentsOf(evaluatorPersonId: string) {
  const rows = await db.evaluationAssignment.findMany({
    where: { evaluatorPersonId, subject: { cycle: { status: "open" } } },
    include: {
      subject: { include: { cycle: true, person: { select: { name: true, staffRole: true, department: { select: { name: true } } } } } },
    },
  });
  return rows
    .map((a) => ({
      id: a.id,
      year: a.subject.cycle.year,
      relation: a.relation as Relation,
      subject: a.subject.person.name,
      staffRole: a.subject.person.staffRole,
      department: a.subject.person.department?.name ?? null,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    }))
    .sort(
      (a, b) =>
        ["self", "manager", "peer"].indexOf(a.relation) - ["self", "manager", "peer"].indexOf(b.relation) ||
        a.subject.localeCompare(b.subject, "zh-CN"),
    );
}

/** The assignment if it is the evaluator's own; anything else is "not found" (no probing of others' ids). */
export async function requireOwnAssignment(assignmentId: string, evaluatorPersonId: string | null) {
  const a = await db.evaluationAssignment.findUnique({
    where: { id: assignmentId },
    include: {
      scores: true,
      subject: { include: { cycle: true, person: { select: { name: true, staffRole: true, department: { select: { name: true } } } } } },
    },
  });
  if (!a || !evaluatorPersonId || a.evaluatorPersonId !== evaluatorPersonId) httpError(404, "未找到该评价任务");
  return a;
}

/** Saves a draft or submits. Submitting needs every indicator; a submitted assignment is final. */
export async function saveScores(
  assignmentId: string,
  evaluatorPersonId: string,
  scores: Record<SubjectiveKey, number | null>,
  submit: boolean,
  actor: AuditActor,
  now: Date,
) {
  return db.$transaction(async (tx) => {
    const a = await tx.evaluationAssignment.findUnique({ where: { id: assignmentId }, include: { subject: { include: { cycle: true } } } });
    if (!a || a.evaluatorPersonId !== evaluatorPersonId) httpError(404, "未找到该评价任务");
    if (a.subject.cycle.status !== "open") httpError(409, "该评价周期已结束，不能再评分");
    if (a.submittedAt) httpError(409, "该评价已提交，不能修改");
    const missing = SUBJECTIVE_INDICATORS.filter((d) => scores[d.key] === null).map((d) => d.name);
    if (submit && missing.length) httpError(400, `提交前请为全部指标评分，尚缺：${missing.join("、")}`);
    await tx.evaluationScore.deleteMany({ where: { assignmentId } });
    const rows = SUBJECTIVE_INDICATORS.filter((d) => scores[d.key] !== null).map((d) => ({
      assignmentId,
      indicator: d.key,
      value: scores[d.key] as number,
    }));
    if (rows.length) await tx.evaluationScore.createMany({ data: rows });
    if (submit) {
      // Guarded update: of two concurrent submits only one changes the row.
      const done = await tx.evaluationAssignment.updateMany({ where: { id: assignmentId, submittedAt: null }, data: { submittedAt: now } });
      if (done.count === 0) httpError(409, "该评价已提交，不能修改");
      await writeAudit(tx, {
        ip: actor.ip,
        action: "evaluation.submit",
        actor,
        target: assignmentId,
        detail: { relation: a.relation, subjectId: a.subjectId, scores },
      });
    }
    return { submitted: submit };
  });
}

// ---- What the center enters ----

/** Replaces the manager and peers of one subject; submitted scores are kept (and their evaluator stays). */
export async function setEvaluators(
  cycle: { id: string; centerId: string },
  personId: string,
  input: z.infer<typeof AssignmentsSchema>,
  actor: AuditActor,
) {
  const staff = new Set((await centerStaff(cycle.centerId)).map((s) => s.id));
  if (input.managerPersonId && !staff.has(input.managerPersonId)) httpError(400, "评分负责人应为本中心在岗人员");
  if (input.peerIds.some((p) => !staff.has(p))) httpError(400, "互评人应为本中心在岗人员");
  if (input.peerIds.includes(personId) || input.managerPersonId === personId)
    httpError(400, "本人只参加自评，不能作为自己的互评人或负责人");
  if (input.managerPersonId && input.peerIds.includes(input.managerPersonId)) httpError(400, "同一人不能既是负责人又是互评人");
  await db.$transaction(async (tx) => {
    const subject = await tx.evaluationSubject.findUnique({
      where: { cycleId_personId: { cycleId: cycle.id, personId } },
      include: { assignments: true },
    });
    if (!subject) httpError(404, "该人员不在本评价周期内");
    const wanted = new Map<string, Relation>([
      ...input.peerIds.map((p) => [p, "peer"] as const),
      ...(input.managerPersonId ? [[input.managerPersonId, "manager"] as const] : []),
    ]);
    for (const a of subject.assignments) {
      if (a.relation === "self") continue;
      if (wanted.get(a.evaluatorPersonId) === a.relation) {
        wanted.delete(a.evaluatorPersonId);
        continue;
      }
      if (a.submittedAt) httpError(409, "已提交评分的评价人不能移除或更换角色");
      await tx.evaluationScore.deleteMany({ where: { assignmentId: a.id } });
      await tx.evaluationAssignment.delete({ where: { id: a.id } });
    }
    for (const [p, relation] of wanted)
      await tx.evaluationAssignment.create({ data: { subjectId: subject.id, evaluatorPersonId: p, relation } });
    await writeAudit(tx, { ip: actor.ip, action: "evaluation.evaluators", actor, target: subject.id, detail: input });
  });
}

export async function saveObjective(subjectId: string, input: z.infer<typeof ObjectiveSchema>, actor: AuditActor) {
  await db.$transaction(async (tx) => {
    await tx.evaluationSubject.update({
      where: { id: subjectId },
      data: {
        ...input,
        completionSource: input.completionDone === null ? null : "手工录入",
        complaintsEvidence: input.complaintsEvidence || null,
        praiseEvidence: input.praiseEvidence || null,
      },
    });
    await writeAudit(tx, { ip: actor.ip, action: "evaluation.objective", actor, target: subjectId, detail: input });
  });
}

export async function addAdjustment(subjectId: string, input: z.infer<typeof AdjustmentSchema>, actor: AuditActor) {
  const points = input.kind === "award" ? AWARD_POINTS[input.awardLevel] : input.points;
  await db.$transaction(async (tx) => {
    const a = await tx.evaluationAdjustment.create({
      data: {
        subjectId,
        kind: input.kind,
        awardLevel: input.kind === "award" ? input.awardLevel : null,
        points,
        reason: input.reason,
        evidence: input.evidence,
        createdBy: actor.displayName,
      },
    });
    await writeAudit(tx, {
      ip: actor.ip,
      action: "evaluation.adjustment",
      actor,
      target: subjectId,
      detail: { id: a.id, ...input, points },
    });
  });
}

export async function removeAdjustment(subjectId: string, adjustmentId: string, actor: AuditActor) {
  await db.$transaction(async (tx) => {
    const a = await tx.evaluationAdjustment.findUnique({ where: { id: adjustmentId } });
    if (!a || a.subjectId !== subjectId) httpError(404, "未找到该加减分记录");
    await tx.evaluationAdjustment.delete({ where: { id: adjustmentId } });
    await writeAudit(tx, {
      ip: actor.ip,
      action: "evaluation.adjustment_remove",
      actor,
      target: subjectId,
      detail: { id: a.id, kind: a.kind, points: a.points, reason: a.reason },
    });
  });
}

export async function saveVeto(subjectId: string, input: z.infer<typeof VetoSchema>, actor: AuditActor) {
  await db.$transaction(async (tx) => {
    await tx.evaluationSubject.update({
      where: { id: subjectId },
      data: { veto: input.veto, vetoEvidence: input.veto ? input.vetoEvidence : null },
    });
    await writeAudit(tx, { ip: actor.ip, action: "evaluation.veto", actor, target: subjectId, detail: input });
  });
}

export async function updateCycleSettings(
  cycle: { id: string; status: string },
  input: z.infer<typeof CycleSettingsSchema>,
  actor: AuditActor,
) {
  if (cycle.status !== "open") httpError(409, "该年度评价已结束，请先重新开放评分再修改设置。");
  await db.$transaction(async (tx) => {
    await tx.evaluationCycle.update({ where: { id: cycle.id }, data: input });
    await writeAudit(tx, { ip: actor.ip, action: "evaluation.settings", actor, target: cycle.id, detail: input });
  });
}

export async function setCycleStatus(cycle: { id: string }, status: "open" | "closed", actor: AuditActor) {
  await db.$transaction(async (tx) => {
    await tx.evaluationCycle.update({ where: { id: cycle.id }, data: { status } });
    await writeAudit(tx, { ip: actor.ip, action: status === "closed" ? "evaluation.close" : "evaluation.reopen", actor, target: cycle.id });
  });
}

// ---- Completion figures imported as CSV from the business system ----

export type CompletionRow = { line: number; idNumber: string; name: string; done: number; target: number };

/** Applies parsed completion rows to the cycle's subjects in one transaction; unknown people are errors. */
export async function importCompletion(
  cycle: { id: string; centerId: string },
  rows: CompletionRow[],
  filename: string,
  actor: AuditActor,
) {
  const subjects = await db.evaluationSubject.findMany({
    where: { cycleId: cycle.id },
    include: { person: { select: { idNumber: true, name: true } } },
  });
  const byId = new Map(subjects.map((s) => [s.person.idNumber, s]));
  const errors: string[] = [];
  for (const r of rows) {
    const s = byId.get(r.idNumber);
    if (!s) errors.push(`第 ${r.line} 行：身份证号不属于本评价周期的人员`);
    else if (s.person.name !== r.name) errors.push(`第 ${r.line} 行：姓名“${r.name}”与身份证号对应的“${s.person.name}”不一致`);
  }
  if (errors.length) return { imported: 0, errors };
  await db.$transaction(async (tx) => {
    for (const r of rows)
      await tx.evaluationSubject.update({
        where: { id: byId.get(r.idNumber)!.id },
        data: { completionDone: r.done, completionTarget: r.target, completionSource: filename },
      });
    await writeAudit(tx, {
      ip: actor.ip,
      action: "evaluation.completion_import",
      actor,
      target: cycle.id,
      detail: { filename, rows: rows.length },
    });
  });
  return { imported: rows.length, errors };
}

const CompletionUploadSchema = z.object({ encoding: z.enum(CSV_ENCODINGS, { message: "请选择文件编码" }) });

export type CompletionUpload = { imported: number; errors: [] } | { imported: 0; message: string; errors: string[] };

/**
 * The uploaded 工作完成度 CSV of the cycle summary page: the cycle must be open and the file at most
 * MAX_UPLOAD_BYTES; any bad line imports nothing and lists every error.
 */
export async function importCompletionUpload(
  cycle: { id: string; centerId: string; status: string },
  file: FormDataEntryValue | null,
  encoding: FormDataEntryValue | null,
  actor: AuditActor,
): Promise<CompletionUpload> {
  if (cycle.status !== "open") httpError(409, "该年度评价已结束，请先重新开放评分再导入。");
  const enc = CompletionUploadSchema.safeParse({ encoding: encoding ?? "auto" });
  if (!(file instanceof File) || file.size === 0) httpError(400, "请选择要导入的 CSV 文件");
  if (file.size > MAX_UPLOAD_BYTES) httpError(413, "文件超过 2 MB");
  if (!enc.success) httpError(400, enc.error.issues[0].message);
  const checked = checkCompletionCsv(decodeCsv(new Uint8Array(await file.arrayBuffer()), enc.data.encoding).text);
  if (checked.errors.length)
    return { imported: 0, message: `文件有 ${checked.errors.length} 处错误，未导入任何数据。请修改后重新上传。`, errors: checked.errors };
  const r = await importCompletion(cycle, checked.rows, file.name, actor);
  if (r.errors.length) return { imported: 0, message: `文件有 ${r.errors.length} 处错误，未导入任何数据。`, errors: r.errors };
  return { imported: r.imported, errors: [] };
}

// ---- Five forces ----

/** The latest published theory and skill results by area: the competence inputs of the five forces. */
async function examCompetences(personIds: readonly string[]) {
  const regs = await db.registration.findMany({
    where: { personId: { in: [...personIds] }, sitting: { status: "published" } },
    include: {
      sitting: { select: { kind: true, startsAt: true, level: true } },
      attempt: { select: { areaScores: true, status: true } },
      skillResult: { select: { areaScores: true } },
    },
    orderBy: { sitting: { startsAt: "desc" } },
  });
  const out = new Map<string, ForceInputs["exams"]>();
  for (const id of personIds) {
    const mine = regs.filter((r) => r.personId === id);
    const theory = mine.find((r) => r.sitting.kind === "theory" && r.attempt?.status === "submitted" && r.attempt.areaScores);
    const skill = mine.find((r) => r.sitting.kind === "skill" && r.skillResult);
    const parse = (json: string, part: "theory" | "skill") =>
      (JSON.parse(json) as { area: string; points: number; max: number }[]).map((a) => ({
        part,
        area: a.area,
        points: a.points,
        max: a.max,
      }));
    out.set(id, [
      ...(theory ? parse(theory.attempt!.areaScores!, "theory") : []),
      ...(skill ? parse(skill.skillResult!.areaScores, "skill") : []),
    ]);
  }
  return out;
}

/** The level whose training hours count: the lowest level the person holds no certificate for. */
async function trainingTargets(personIds: readonly string[]) {
  const [certs, progress] = await Promise.all([
    db.certificate.findMany({ where: { personId: { in: [...personIds] }, status: "valid" }, select: { personId: true, level: true } }),
    trainingProgressOf(personIds),
  ]);
  return new Map(
    personIds.map((id) => {
      const held = new Set(certs.filter((c) => c.personId === id).map((c) => c.level));
      const level: Level = (LEVELS.find((l) => !held.has(l)) ?? LEVELS[LEVELS.length - 1]) as Level;
      return [id, { level, hours: progress.get(id)![level].hours, standard: STANDARD_TRAINING_HOURS[level] }];
    }),
  );
}

export type Profile = { personId: string; name: string; forces: ForceScore[]; training: { level: Level; hours: number; standard: number } };

/** Five-force profiles for every subject of a cycle, and the center's average per force. */
export async function cycleProfiles(cycle: Parameters<typeof cycleResults>[0]) {
  const results = await cycleResults(cycle);
  const ids = results.map((r) => r.personId);
  const [exams, training] = await Promise.all([examCompetences(ids), trainingTargets(ids)]);
  const profiles: Profile[] = results.map((r) => {
    const t = training.get(r.personId)!;
    return {
      personId: r.personId,
      name: r.name,
      training: t,
      forces: fiveForces({ evaluation: r.result, exams: exams.get(r.personId)!, trainingHours: t.hours, standardHours: t.standard }),
    };
  });
  const average = FORCES.map((force) => {
    const vals = profiles.map((p) => p.forces.find((f) => f.force === force)!.score).filter((v): v is number => v !== null);
    return { force, score: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null, people: vals.length };
  });
  const stars = FORCES.map((force) => {
    const scored = profiles
      .map((p) => ({ personId: p.personId, name: p.name, total: p.forces.find((f) => f.force === force)!.score }))
      .filter((p): p is { personId: string; name: string; total: number } => p.total !== null);
    return { force, ...topWithTies(scored, 1) };
  });
  return { results, profiles, average, stars };
}

/** Everything the person page and the printable report show for one subject. */
export async function subjectReport(cycle: Parameters<typeof cycleResults>[0], personId: string) {
  const [{ results, profiles, average }, detail] = await Promise.all([cycleProfiles(cycle), subjectDetail(cycle.id, personId)]);
  const r = results.find((x) => x.personId === personId)!;
  const profile = profiles.find((p) => p.personId === personId)!;
  const by = (relation: Relation) => detail.assignments.filter((a) => a.relation === relation && a.submittedAt);
  const indicators = SUBJECTIVE_INDICATORS.map((d) => {
    const self = by("self")[0]?.scores[d.key] ?? null;
    // Sorted, so that the order does not tell which colleague gave which score.
    const peers = by("peer")
      .map((a) => a.scores[d.key])
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => b - a);
    const manager = by("manager")[0]?.scores[d.key] ?? null;
    return {
      key: d.key,
      group: d.group,
      name: d.name,
      max: d.max,
      self,
      peers,
      peerMean: peers.length ? peers.reduce((a, b) => a + b, 0) / peers.length : null,
      manager,
      final: r.result.subjective[d.key],
    };
  });
  return { result: r, detail, indicators, profile, average };
}

/** A shown score as a spreadsheet cell: the same cut-to-two-decimals number, or the word 缺评. */
const xlsxPoints = (v: number | null) => (v === null ? "缺评" : Number(formatPoints(v)));

/** Table C.1 and the five-force sheet as an .xlsx file; the cells hold exactly what the screen shows. */
export async function cycleWorkbook(centerName: string, cycle: Parameters<typeof cycleResults>[0], now: Date) {
  const { results, profiles } = await cycleProfiles(cycle);
  const wb = new ExcelJS.Workbook();
  wb.creator = "政务服务综合窗口办事员认证与能力平台";
  const ws = wb.addWorksheet("评价汇总表");
  ws.addRow([`${centerName} ${cycle.year} 年度政务服务人员能力评价汇总表`]);
  ws.addRow([`合格分数线 ${cycle.passMark} 分；导出时间：${formatDateTime(now)}（北京时间）`]);
  ws.addRow(["一级指标", "二级指标", "分值", ...results.map((r) => r.name)]);
  for (const row of summaryTable(results.map((r) => r.result))) ws.addRow([row.group, row.name, row.max, ...row.values.map(xlsxPoints)]);
  ws.addRow(["结论", "评价结果", `≥${cycle.passMark}`, ...results.map((r) => verdict(r.result))]);
  ws.getRow(3).font = { bold: true };
  ws.getColumn(2).width = 24;
  const wf = wb.addWorksheet("五力画像");
  wf.addRow(["姓名", ...FORCES]);
  for (const p of profiles) wf.addRow([p.name, ...p.forces.map((f) => (f.score === null ? "无数据" : Number(f.score.toFixed(1))))]);
  wf.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
