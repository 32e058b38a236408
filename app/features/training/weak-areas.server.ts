// Weak areas → training (issue 15): the failed parts whose results are final, where the points
// were lost (domain/weak-areas.ts), and the center's courses that teach those requirements.
// Reads attempts, score sheets and papers; writes only course assignments (through the service).
import { isCorrect, type AnswerValue } from "~/domain/grading";
import { LEVEL_LABELS, type Area, type Level } from "~/domain/levels";
import { paperOf } from "~/domain/paper";
import type { SkillPaper } from "~/domain/skill";
import { formatDate } from "~/domain/time";
import { coveredWeakCodes, resultsFinal, weakAreas, type CourseCoverage, type MarkedPoint, type WeakAreas } from "~/domain/weak-areas";
import { db } from "~/platform/db.server";

export type WeakPart = {
  registrationId: string;
  personId: string;
  personName: string;
  sittingTitle: string;
  kind: "theory" | "skill";
  level: Level;
  /** e.g. "四级/中级工 理论知识 · 2026-11-20" */
  label: string;
  score: number;
  weak: WeakAreas;
};

const PART_LABEL = { theory: "理论知识", skill: "操作技能" } as const;

/**
 * The latest final result per (person, level, part) in the center's sittings; the failed ones
 * with where their points were lost. A part passed later (a 补考) is no longer weak.
 */
export async function failedParts(centerId: string, now: Date, personIds?: readonly string[]): Promise<WeakPart[]> {
  const regs = await db.registration.findMany({
    where: {
      sitting: { centerId, publishedAt: { not: null } },
      ...(personIds ? { personId: { in: [...personIds] } } : {}),
    },
    select: {
      id: true,
      personId: true,
      person: { select: { name: true } },
      sitting: {
        select: {
          title: true,
          kind: true,
          level: true,
          startsAt: true,
          publishedAt: true,
          publicityEndsAt: true,
          paper: { select: { id: true, content: true, items: true } },
        },
      },
      attempt: { select: { status: true, score: true, passed: true, answers: { select: { itemId: true, value: true } } } },
      skillResult: { select: { score: true, passed: true } },
      scoreSheets: { select: { taskId: true, examinerId: true, scores: true } },
      group: { select: { examiners: { select: { userId: true } } } },
    },
    orderBy: { sitting: { startsAt: "asc" } },
  });
  const latest = new Map<string, (typeof regs)[number]>();
  for (const r of regs) {
    if (!resultsFinal(r.sitting, now)) continue;
    const decided = r.sitting.kind === "theory" ? r.attempt?.status === "submitted" && r.attempt.passed !== null : !!r.skillResult;
    if (decided) latest.set(`${r.personId}|${r.sitting.level}|${r.sitting.kind}`, r);
  }
  const out: WeakPart[] = [];
  for (const r of latest.values()) {
    const kind = r.sitting.kind as "theory" | "skill";
    const passed = kind === "theory" ? r.attempt!.passed : r.skillResult!.passed;
    if (passed || !r.sitting.paper) continue;
    const points = kind === "theory" ? theoryPoints(r.sitting.paper, r.attempt!.answers) : skillPoints(r.sitting.paper, r);
    out.push({
      registrationId: r.id,
      personId: r.personId,
      personName: r.person.name,
      sittingTitle: r.sitting.title,
      kind,
      level: r.sitting.level as Level,
      label: `${LEVEL_LABELS[r.sitting.level as Level]} ${PART_LABEL[kind]} · ${formatDate(r.sitting.startsAt)}`,
      score: kind === "theory" ? r.attempt!.score! : r.skillResult!.score,
      weak: weakAreas(points),
    });
  }
  return out.sort((a, b) => a.personName.localeCompare(b.personName, "zh-CN") || a.label.localeCompare(b.label));
}

/** Every question of the paper, marked with the grading rule against the stored answer. */
function theoryPoints(
  paper: { id: string; content: string; items: string },
  answers: readonly { itemId: string; value: string }[],
): MarkedPoint[] {
  const given = new Map(answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]));
  return [...paperOf(paper).items.values()].map((it) => ({
    area: it.area,
    requirement: it.requirement,
    max: it.points,
    earned: isCorrect(it, given.get(it.id) ?? null) ? it.points : 0,
  }));
}

/** Every rubric criterion of the paper's tasks, earned as the mean of the group's examiners (as scored). */
function skillPoints(
  paper: { content: string },
  r: { scoreSheets: { taskId: string; examinerId: string; scores: string }[]; group: { examiners: { userId: string }[] } | null },
): MarkedPoint[] {
  const examiners = new Set(r.group?.examiners.map((e) => e.userId) ?? []);
  const content = JSON.parse(paper.content) as SkillPaper;
  const out: MarkedPoint[] = [];
  for (const s of content.sections)
    for (const task of s.items) {
      const sheets = r.scoreSheets
        .filter((x) => x.taskId === task.id && examiners.has(x.examinerId))
        .map((x) => JSON.parse(x.scores) as number[]);
      task.criteria.forEach((c, i) => {
        const earned = sheets.length ? sheets.reduce((sum, sh) => sum + (sh[i] ?? 0), 0) / sheets.length : 0;
        out.push({ area: s.area as Area, requirement: c.requirement, max: c.points, earned });
      });
    }
  return out;
}

type CourseForMatch = CourseCoverage & { id: string; title: string; hours: number };

function coverageOf(c: { id: string; title: string; hours: number; level: string; topic: string; covers: string }): CourseForMatch {
  return { id: c.id, title: c.title, hours: c.hours, level: c.level as Level, topic: c.topic, covers: JSON.parse(c.covers) as string[] };
}

/** 我的培训: my failed parts, each with the center's courses that teach what I lost, and whether I have them. */
export async function myWeakAreas(personId: string, now: Date) {
  const person = await db.person.findUnique({ where: { id: personId }, select: { centerId: true } });
  if (!person) return [];
  const [parts, courses, mine] = await Promise.all([
    failedParts(person.centerId, now, [personId]),
    db.course.findMany({ where: { centerId: person.centerId }, orderBy: { createdAt: "asc" } }),
    db.courseAssignment.findMany({ where: { personId }, select: { courseId: true, status: true } }),
  ]);
  const status = new Map(mine.map((a) => [a.courseId, a.status]));
  return parts.map((p) => ({
    ...p,
    courses: courses
      .map(coverageOf)
      .map((c) => ({
        id: c.id,
        title: c.title,
        hours: c.hours,
        codes: coveredWeakCodes(c, p.weak.requirements),
        status: status.get(c.id) ?? null,
      }))
      .filter((c) => c.codes.length > 0),
  }));
}

/** For a trainer's course: the center's candidates whose failed parts this course covers. */
export async function courseWeakCandidates(
  course: { id: string; centerId: string; title: string; hours: number; level: string; topic: string; covers: string },
  now: Date,
) {
  const c = coverageOf(course);
  const [parts, assigned] = await Promise.all([
    failedParts(course.centerId, now),
    db.courseAssignment.findMany({ where: { courseId: course.id }, select: { personId: true } }),
  ]);
  const has = new Set(assigned.map((a) => a.personId));
  return parts
    .map((p) => ({ ...p, codes: coveredWeakCodes(c, p.weak.requirements) }))
    .filter((p) => p.codes.length > 0)
    .map((p) => ({
      registrationId: p.registrationId,
      personId: p.personId,
      name: p.personName,
      part: p.label,
      score: p.score,
      codes: p.codes,
      areas: p.weak.areas.map((a) => a.area),
      assigned: has.has(p.personId),
    }));
}
