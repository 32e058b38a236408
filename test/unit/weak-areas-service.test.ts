// Weak areas → training against a real migrated SQLite file: two published five-level theory
// sittings with graded attempts (the demo seed's item-analysis set, with retakes), read back as
// failed parts; a course matched on them and 一键指派 with its refusal.
import { beforeAll, describe, expect, it } from "vitest";
import { isCorrect } from "~/domain/grading";
import { SKILL_AREA_TOPICS } from "~/domain/training";
import { assembleSkillPaper } from "~/domain/skill";
import { importBank, loadBankFromDisk, loadSkillBankFromDisk } from "~/features/bank/index.server";
import { assignWeakCandidates, createCourse, updateCourseCovers } from "~/features/training/service.server";
import { courseWeakCandidates, failedParts, myWeakAreas } from "~/features/training/weak-areas.server";
import type { AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { seedItemAnalysis, type SeededSitting } from "../../prisma/seed-item-analysis";
import { refusal, user } from "../support/service-helpers";
import { person } from "../support/sitting-scenario";

let centerId = "";
let trainer: AuditActor;
let seeded: SeededSitting[] = [];
const now = new Date();
type SkillAreaTopic = (typeof SKILL_AREA_TOPICS)[number];
const isSkillAreaTopic = (a: string): a is SkillAreaTopic => (SKILL_AREA_TOPICS as readonly string[]).includes(a);

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
  const center = await db.center.create({ data: { name: "薄弱环节测试中心", code: "BRHJ", kind: "district" } });
  centerId = center.id;
  await user(center.id, "brhj-admin", "center_admin");
  await user(center.id, "brhj-proctor", "proctor");
  trainer = await user(center.id, "brhj-trainer", "trainer");
  seeded = await seedItemAnalysis(db, center.id, bank.items, bank.version, new Date(), { first: 16, second: 12, retakes: 5 });
}, 60_000);

/** Each seeded attempt's person and whether it passed, read back from the database. */
async function outcomes() {
  const rows = await db.attempt.findMany({
    where: { registration: { sittingId: { in: seeded.map((s) => s.sittingId) } } },
    select: { id: true, score: true, passed: true, registration: { select: { personId: true, sitting: { select: { startsAt: true } } } } },
  });
  return rows;
}

describe("failed parts", () => {
  it("lists each person's latest result only when it failed, with every lost point accounted for", async () => {
    const rows = await outcomes();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of [...rows].sort((a, b) => a.registration.sitting.startsAt.getTime() - b.registration.sitting.startsAt.getTime()))
      latest.set(r.registration.personId, r);
    const failedIds = [...latest.values()].filter((r) => !r.passed).map((r) => r.registration.personId);
    expect(failedIds.length).toBeGreaterThan(0);

    const parts = await failedParts(centerId, now);
    expect(parts.map((p) => p.personId).sort()).toEqual([...failedIds].sort());
    for (const p of parts) {
      expect(p.kind).toBe("theory");
      expect(p.score).toBeLessThan(60);
      // Lost points are what the paper offered minus what was scored, split over the areas.
      expect(p.weak.lost).toBeCloseTo(p.weak.max - p.score, 5);
      expect(p.weak.areas.reduce((s, a) => s + a.lost, 0)).toBeCloseTo(p.weak.lost, 5);
      expect(p.weak.requirements.length).toBeGreaterThan(0);
      expect(p.weak.requirements.length).toBeLessThanOrEqual(5);
      expect(p.label).toContain("五级/初级工 理论知识");
    }
  });

  it("the top requirement of a failed attempt is the one where its answers lost the most", async () => {
    const parts = await failedParts(centerId, now);
    const p = parts[0];
    const attempt = await db.attempt.findFirstOrThrow({ where: { registrationId: p.registrationId } });
    const s = seeded.find((x) => x.attempts.some((a) => a.attemptId === attempt.id))!;
    const answers = s.attempts.find((a) => a.attemptId === attempt.id)!.answers;
    const lost = new Map<string, number>();
    for (const it of s.snapshot) {
      if (!isCorrect(it, answers[it.id] ?? null)) lost.set(it.requirement, (lost.get(it.requirement) ?? 0) + it.points);
    }
    const most = Math.max(...lost.values());
    expect(p.weak.requirements[0].lost).toBe(most);
    expect(lost.get(p.weak.requirements[0].requirement)).toBe(most);
  });

  it("a person who passed the retake is no longer weak, and nothing shows while 公示 is not over", async () => {
    const rows = await outcomes();
    const byPerson = new Map<string, typeof rows>();
    for (const r of rows) byPerson.set(r.registration.personId, [...(byPerson.get(r.registration.personId) ?? []), r]);
    const recovered = [...byPerson].filter(([, rs]) => rs.length === 2 && rs.some((r) => !r.passed) && rs.some((r) => r.passed));
    const parts = await failedParts(centerId, now);
    for (const [personId, rs] of recovered) {
      const laterPassed = [...rs].sort((a, b) => b.registration.sitting.startsAt.getTime() - a.registration.sitting.startsAt.getTime())[0]
        .passed;
      if (laterPassed) expect(parts.some((p) => p.personId === personId)).toBe(false);
    }
    // Before publication nothing is final.
    const earlier = new Date(Math.min(...(await db.sitting.findMany({ where: { centerId } })).map((s) => s.publishedAt!.getTime())) - 1);
    expect(await failedParts(centerId, earlier)).toEqual([]);
  });
});

describe("matching courses and 一键指派", () => {
  it("a course on the weakest area lists its candidates; 一键指派 assigns them once, the second time refuses", async () => {
    const parts = await failedParts(centerId, now);
    // The weakest skill area among the failed parts (基础知识 and 职业道德 are not course topics).
    const area = parts.flatMap((p) => p.weak.areas.map((a) => a.area)).find((a): a is SkillAreaTopic => isSkillAreaTopic(a))!;
    expect(area).toBeTruthy();
    const course = await createCourse(
      centerId,
      {
        title: `${area}专项`,
        level: "L5",
        hours: 8,
        topic: area,
        mode: "线下",
        plannedFor: null,
        hasAssessment: false,
        startsOn: null,
        covers: [],
      },
      trainer,
    );
    const rows = await courseWeakCandidates(course, now);
    const expectedPeople = parts.filter((p) => p.weak.requirements.some((r) => r.area === area)).map((p) => p.personId);
    expect(rows.map((r) => r.personId).sort()).toEqual([...new Set(expectedPeople)].sort());
    expect(rows.every((r) => !r.assigned && r.codes.length > 0)).toBe(true);

    const n = await assignWeakCandidates(course, trainer, now);
    expect(n).toBe(new Set(expectedPeople).size);
    expect(await db.courseAssignment.count({ where: { courseId: course.id } })).toBe(n);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "course.assign", target: course.id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ count: n, basis: "weak-areas" });

    const again = await refusal(assignWeakCandidates(course, trainer, now));
    expect(again.status).toBe(409);
    expect(again.message).toContain("都已指派");
    expect(await db.courseAssignment.count({ where: { courseId: course.id } })).toBe(n);
    expect((await courseWeakCandidates(course, now)).every((r) => r.assigned)).toBe(true);
  });

  it("a listed code matches the candidates who lost points on it, and the candidate sees the course", async () => {
    const parts = await failedParts(centerId, now);
    const code = parts[0].weak.requirements[0].requirement;
    const course = await createCourse(
      centerId,
      {
        title: "法规精讲",
        level: "L4",
        hours: 4,
        topic: "法律法规标准",
        mode: "线上",
        plannedFor: null,
        hasAssessment: true,
        startsOn: null,
        covers: [],
      },
      trainer,
    );
    expect(await courseWeakCandidates(course, now)).toEqual([]);
    await updateCourseCovers(course, [code], trainer);
    expect(await db.auditLog.count({ where: { action: "course.covers", target: course.id } })).toBe(1);
    const fresh = await db.course.findUniqueOrThrow({ where: { id: course.id } });
    const rows = await courseWeakCandidates(fresh, now);
    expect(rows.map((r) => r.personId)).toContain(parts[0].personId);
    expect(rows.every((r) => r.codes.includes(code))).toBe(true);

    const mine = await myWeakAreas(parts[0].personId, now);
    expect(mine).toHaveLength(1);
    const offered = mine[0].courses.find((c) => c.id === course.id);
    expect(offered).toMatchObject({ title: "法规精讲", codes: [code], status: null });
  });
});

describe("a failed skill part", () => {
  it("loses, per rubric criterion, its points minus the mean of the group's examiners; other sheets do not count", async () => {
    const bank = loadSkillBankFromDisk();
    const assembled = assembleSkillPaper(bank.tasks, "L5", 3, bank.version);
    if (!assembled.ok) throw new Error(assembled.message);
    const paper = assembled.paper;
    const admin = await user(centerId, "brhj-skill-admin", "center_admin");
    const [e1, e2, outsider] = await Promise.all(["brhj-e1", "brhj-e2", "brhj-e3"].map((u) => user(centerId, u, "examiner")));
    const published = new Date(now.getTime() - 60_000);
    const stored = await db.paper.create({
      data: { level: "L5", kind: "skill", seed: 3, bankVersion: bank.version, content: JSON.stringify(paper), items: "[]" },
    });
    const sitting = await db.sitting.create({
      data: {
        centerId,
        kind: "skill",
        level: "L5",
        title: "薄弱环节技能场",
        startsAt: new Date(now.getTime() - 86_400_000),
        durationMinutes: 90,
        seed: 3,
        paperId: stored.id,
        status: "published",
        publishedAt: published,
        createdById: admin.id,
      },
    });
    const group = await db.examinerGroup.create({
      data: { sittingId: sitting.id, name: "第1考评组", examiners: { create: [{ userId: e1.id }, { userId: e2.id }] } },
    });
    const candidate = await person(centerId, "技能失分考生");
    const reg = await db.registration.create({
      data: { sittingId: sitting.id, groupId: group.id, personId: candidate.id, ticketNumber: "BRHJ-SKILL-1", seat: 1 },
    });
    const tasks = paper.sections.flatMap((sec) => sec.items);
    const first = tasks[0];
    const firstPoints = first.criteria[0].points;
    // Full marks everywhere except the first criterion of the first task: 0 from one examiner, half
    // from the other; an examiner outside the group gave 0 everywhere.
    const sheet = (examinerId: string, firstScore: number | "zero") =>
      tasks.map((t) => ({
        registrationId: reg.id,
        taskId: t.id,
        examinerId,
        status: "submitted",
        scores: JSON.stringify(
          t.criteria.map((c, i) => (firstScore === "zero" ? 0 : t.id === first.id && i === 0 ? firstScore : c.points)),
        ),
        total: 0,
      }));
    await db.scoreSheet.createMany({ data: [...sheet(e1.id, 0), ...sheet(e2.id, firstPoints / 2), ...sheet(outsider.id, "zero")] });
    await db.skillResult.create({
      data: { registrationId: reg.id, score: 100 - 0.75 * firstPoints, passed: false, areaScores: "[]", computedAt: published },
    });

    const parts = (await failedParts(centerId, now, [candidate.id])).filter((p) => p.kind === "skill");
    expect(parts).toHaveLength(1);
    const [p] = parts;
    expect(p.label).toContain("五级/初级工 操作技能");
    expect(p.weak.lost).toBeCloseTo(0.75 * firstPoints, 5);
    expect(p.weak.max).toBe(paper.totalPoints);
    expect(p.weak.requirements).toHaveLength(1);
    expect(p.weak.requirements[0]).toMatchObject({ requirement: first.criteria[0].requirement });
    expect(p.weak.areas).toEqual([{ area: paper.sections[0].area, lost: p.weak.lost, max: paper.sections[0].points }]);
  });
});
