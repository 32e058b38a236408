// Training: courses, who is assigned, attendance and completion. The only writer of Course and
// CourseAssignment; each change and its audit entry share one transaction. Training hours per
// level are computed by the certificates feature (they decide eligibility).
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDate } from "~/domain/time";
import { writeAudit, type AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import type { NewCourse } from "./schemas";
import { courseWeakCandidates } from "./weak-areas.server";

export type CourseRow = { id: string; centerId: string; title: string; hasAssessment: boolean };
export type CourseWithCoverage = CourseRow & { hours: number; level: string; topic: string; covers: string };

/** The trainer's list: every course of the center, newest first, with assigned and completed counts. */
export async function centerCourses(centerId: string) {
  const courses = await db.course.findMany({ where: { centerId }, orderBy: { createdAt: "desc" }, include: { assignments: true } });
  return courses.map((c) => ({
    id: c.id,
    title: c.title,
    level: LEVEL_LABELS[c.level as Level],
    hours: c.hours,
    topic: c.topic,
    mode: c.mode,
    plannedFor: c.plannedFor,
    assigned: c.assignments.length,
    completed: c.assignments.filter((a) => a.status === "completed").length,
  }));
}

export async function createCourse(centerId: string, input: NewCourse, actor: AuditActor) {
  return db.$transaction(async (tx) => {
    const { covers, ...rest } = input;
    const c = await tx.course.create({ data: { centerId, trainerId: actor.id, ...rest, covers: JSON.stringify(covers) } });
    await writeAudit(tx, { action: "course.create", actor, target: c.id, ip: actor.ip, detail: { title: c.title } });
    return c;
  });
}

/** The course, or a 404; the caller checks that its center is the user's. */
export async function requireCourse(courseId: string) {
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) httpError(404, "未找到该课程。");
  return course;
}

/** A course's learners with their status, and the active people of its center not yet assigned. */
export async function courseRoster(course: CourseRow) {
  const [assignments, people] = await Promise.all([
    db.courseAssignment.findMany({ where: { courseId: course.id }, include: { person: true }, orderBy: { assignedAt: "asc" } }),
    db.person.findMany({
      where: { centerId: course.centerId, active: true, courseAssignments: { none: { courseId: course.id } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    assignments: assignments.map((a) => ({
      personId: a.personId,
      name: a.person.name,
      staffRole: a.person.staffRole,
      status: a.status,
      assessment: a.assessment,
      completedAt: a.completedAt ? formatDate(a.completedAt) : null,
    })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

/** Assigns the chosen people and every active person of `staffRole`; only people of the course's center. */
export async function assignCourse(course: CourseRow, input: { personIds: string[]; staffRole: string | null }, actor: AuditActor) {
  const byRole = input.staffRole
    ? await db.person.findMany({ where: { centerId: course.centerId, active: true, staffRole: input.staffRole }, select: { id: true } })
    : [];
  const wanted = [...new Set([...input.personIds, ...byRole.map((p) => p.id)])];
  if (wanted.length === 0) httpError(400, "请选择人员或岗位。");
  const people = await db.person.findMany({ where: { id: { in: wanted }, centerId: course.centerId }, select: { id: true } });
  if (people.length !== wanted.length) httpError(403, "只能指派本中心人员。");
  return orConflict(() =>
    db.$transaction(async (tx) => {
      const existing = new Set((await tx.courseAssignment.findMany({ where: { courseId: course.id } })).map((a) => a.personId));
      const fresh = people.filter((p) => !existing.has(p.id));
      await tx.courseAssignment.createMany({ data: fresh.map((p) => ({ courseId: course.id, personId: p.id })) });
      await writeAudit(tx, {
        action: "course.assign",
        actor,
        target: course.id,
        ip: actor.ip,
        detail: { count: fresh.length, staffRole: input.staffRole },
      });
      return fresh.length;
    }),
  );
}

/** Replaces the requirement codes a course teaches beyond its topic (what weak areas are matched on). */
export async function updateCourseCovers(course: CourseRow, covers: string[], actor: AuditActor) {
  return db.$transaction(async (tx) => {
    await tx.course.update({ where: { id: course.id }, data: { covers: JSON.stringify(covers) } });
    await writeAudit(tx, { action: "course.covers", actor, target: course.id, ip: actor.ip, detail: { covers } });
  });
}

/**
 * 一键指派: every candidate of the course's center whose failed part this course covers and who
 * does not have the course yet, computed again here (not taken from the page). Assigning twice
 * adds nobody the second time.
 */
export async function assignWeakCandidates(course: CourseWithCoverage, actor: AuditActor, now: Date) {
  const wanted = [...new Set((await courseWeakCandidates(course, now)).filter((c) => !c.assigned).map((c) => c.personId))];
  if (wanted.length === 0) httpError(409, "没有需要指派的考生：薄弱环节与本课程相符的考生都已指派。");
  return orConflict(() =>
    db.$transaction(async (tx) => {
      const existing = new Set((await tx.courseAssignment.findMany({ where: { courseId: course.id } })).map((a) => a.personId));
      const fresh = wanted.filter((id) => !existing.has(id));
      await tx.courseAssignment.createMany({ data: fresh.map((personId) => ({ courseId: course.id, personId })) });
      await writeAudit(tx, {
        action: "course.assign",
        actor,
        target: course.id,
        ip: actor.ip,
        detail: { count: fresh.length, basis: "weak-areas" },
      });
      return fresh.length;
    }),
  );
}

/** Marks assigned learners as attended; returns how many changed. */
export async function recordAttendance(course: CourseRow, personIds: string[], actor: AuditActor) {
  if (personIds.length === 0) httpError(400, "请勾选出勤的学员。");
  return db.$transaction(async (tx) => {
    const r = await tx.courseAssignment.updateMany({
      where: { courseId: course.id, personId: { in: personIds }, status: "assigned" },
      data: { status: "attended" },
    });
    await writeAudit(tx, { action: "course.attend", actor, target: course.id, ip: actor.ip, detail: { count: r.count } });
    return r.count;
  });
}

/**
 * Records completion (the hours then count toward the course's level). A course with an
 * assessment needs 合格 or 不合格 for every ticked learner.
 */
export async function recordCompletion(
  course: CourseRow,
  learners: { personId: string; assessment: string | null }[],
  actor: AuditActor,
  now: Date,
) {
  if (learners.length === 0) httpError(400, "请勾选已结业的学员。");
  const rows = learners.map((l) => ({
    personId: l.personId,
    assessment: course.hasAssessment && (l.assessment === "passed" || l.assessment === "failed") ? l.assessment : null,
  }));
  if (course.hasAssessment && rows.some((r) => !r.assessment)) httpError(400, "本课程需考核：请为勾选的每位学员选择考核结果。");
  await db.$transaction(async (tx) => {
    for (const r of rows)
      await tx.courseAssignment.updateMany({
        where: { courseId: course.id, personId: r.personId },
        data: { status: "completed", completedAt: now, assessment: r.assessment },
      });
    await writeAudit(tx, { action: "course.complete", actor, target: course.id, ip: actor.ip, detail: { count: rows.length } });
  });
  return rows.length;
}

/** The center's annual plan: every course by date with its trainer, and the active staff. */
export async function trainingPlan(centerId: string) {
  const [courses, people, trainers] = await Promise.all([
    db.course.findMany({
      where: { centerId },
      orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
      include: { _count: { select: { assignments: true } } },
    }),
    db.person.findMany({ where: { centerId, active: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { centerId }, select: { id: true, displayName: true } }),
  ]);
  const trainerName = new Map(trainers.map((t) => [t.id, t.displayName]));
  return {
    plan: courses.map((c) => ({
      id: c.id,
      target: c.plannedFor ?? "全体人员",
      title: c.title,
      topic: c.topic,
      level: LEVEL_LABELS[c.level as Level],
      hours: c.hours,
      time: c.startsOn ? formatDate(c.startsOn) : "待定",
      responsible: c.trainerId ? (trainerName.get(c.trainerId) ?? "—") : "—",
      assigned: c._count.assignments,
    })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole ?? "—" })),
  };
}

/** A person's own courses, newest assignment first, as 我的培训 lists them. */
export async function ownCourses(personId: string) {
  const rows = await db.courseAssignment.findMany({ where: { personId }, include: { course: true }, orderBy: { assignedAt: "desc" } });
  return rows.map((a) => ({
    id: a.courseId,
    title: a.course.title,
    level: LEVEL_LABELS[a.course.level as Level],
    hours: a.course.hours,
    topic: a.course.topic,
    status:
      a.status === "completed" ? `已结业 ${a.completedAt ? formatDate(a.completedAt) : ""}` : a.status === "attended" ? "已出勤" : "已指派",
    assessment:
      a.assessment === "passed" ? "考核合格" : a.assessment === "failed" ? "考核不合格" : a.course.hasAssessment ? "待考核" : "无考核",
  }));
}
