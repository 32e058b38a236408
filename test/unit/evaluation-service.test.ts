// The evaluation services against a real (per-worker) SQLite database: opening a cycle, the final
// submit, refusing half-filled submissions and removing an evaluator who has already submitted.
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDbReady } from "~/platform/db.server";
import { cycleResults, openCycle, saveScores, setEvaluators } from "~/features/evaluation/service.server";
import { SUBJECTIVE_INDICATORS, type SubjectiveKey } from "~/domain/evaluation";
import { idNumberCheckChar } from "~/domain/id-number";

const actor = { id: "u-test", displayName: "测试管理员", centerId: null as string | null };
const all = (v: (max: number) => number) =>
  Object.fromEntries(SUBJECTIVE_INDICATORS.map((d) => [d.key, v(d.max)])) as Record<SubjectiveKey, number | null>;

function thrownStatus(e: unknown) {
  return (e as { init?: { status?: number } }).init?.status;
}

let centerId = "";
const people: string[] = [];

beforeAll(async () => {
  await ensureDbReady();
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const center = await db.center.create({ data: { name: `评价测试中心${tag}`, code: `E${tag}`, kind: "district" } });
  centerId = center.id;
  actor.centerId = centerId;
  for (const [i, name] of ["甲", "乙", "丙", "丁"].entries()) {
    const first17 = `310107198${i}0101${tag.slice(-3)}`.slice(0, 17);
    const p = await db.person.create({
      data: { centerId, name, idNumber: first17 + idNumberCheckChar(first17), phone: "13900000000", staffRole: "综合窗口工作人员" },
    });
    people.push(p.id);
  }
});

describe("evaluation services", () => {
  it("opens a cycle with self, manager and peer assignments, and computes 2:3:5 once all are in", async () => {
    const [a, b, c, manager] = people;
    const cycle = await openCycle(
      centerId,
      { year: 2020, passMark: 60, ratingPenalty: 2, peersPerPerson: 2, managerPersonId: manager },
      actor,
    );
    const subject = await db.evaluationSubject.findUniqueOrThrow({
      where: { cycleId_personId: { cycleId: cycle.id, personId: a } },
      include: { assignments: true },
    });
    expect(subject.assignments.map((x) => x.relation).sort()).toEqual(["manager", "peer", "peer", "self"]);
    await setEvaluators(cycle, a, { managerPersonId: manager, peerIds: [b] }, actor);
    const byRelation = async (relation: string) =>
      (await db.evaluationAssignment.findFirstOrThrow({ where: { subjectId: subject.id, relation } })).id;

    // A submit with a missing indicator is refused; nothing becomes final.
    const self = await byRelation("self");
    await expect(saveScores(self, a, { ...all((m) => m), ethics: null }, true, actor, new Date())).rejects.toSatisfy(
      (e) => thrownStatus(e) === 400,
    );
    await saveScores(
      self,
      a,
      all((m) => m),
      true,
      actor,
      new Date(),
    );
    await expect(
      saveScores(
        self,
        a,
        all(() => 0),
        true,
        actor,
        new Date(),
      ),
    ).rejects.toSatisfy((e) => thrownStatus(e) === 409);
    // Another person's assignment is "not found".
    await expect(
      saveScores(
        self,
        c,
        all((m) => m),
        false,
        actor,
        new Date(),
      ),
    ).rejects.toSatisfy((e) => thrownStatus(e) === 404);

    await saveScores(
      await byRelation("peer"),
      b,
      all((m) => m - 1),
      true,
      actor,
      new Date(),
    );
    // The peer has submitted: they can no longer be removed.
    await expect(setEvaluators(cycle, a, { managerPersonId: manager, peerIds: [c] }, actor)).rejects.toSatisfy(
      (e) => thrownStatus(e) === 409,
    );

    let [r] = await cycleResults(cycle, a);
    expect(r.result.subjective.ethics).toBeNull(); // the manager has not scored yet: 缺评, not 0
    await saveScores(
      await byRelation("manager"),
      manager,
      all((m) => m - 0.5),
      true,
      actor,
      new Date(),
    );
    [r] = await cycleResults(cycle, a);
    expect(r.result.subjective.ethics).toBeCloseTo(0.2 * 5 + 0.3 * 4 + 0.5 * 4.5, 10);
    expect(r.result.subjectiveTotal).toBeCloseTo(0.2 * 55 + 0.3 * 44 + 0.5 * 49.5, 10);
    expect(r.result.total).toBeNull(); // objective part still missing
    expect(r.progress).toEqual({ self: { submitted: 1, total: 1 }, peer: { submitted: 1, total: 1 }, manager: { submitted: 1, total: 1 } });
  });

  it("flags two consecutive failed years with each year's own pass mark", async () => {
    const [a, , , manager] = people;
    for (const year of [2021, 2022]) {
      const cycle = await openCycle(centerId, { year, passMark: 60, ratingPenalty: 2, peersPerPerson: 1, managerPersonId: manager }, actor);
      const subject = await db.evaluationSubject.findUniqueOrThrow({ where: { cycleId_personId: { cycleId: cycle.id, personId: a } } });
      await db.evaluationSubject.update({ where: { id: subject.id }, data: { veto: "列为失信被执行人", vetoEvidence: "法院名单" } });
    }
    const cycle2022 = await db.evaluationCycle.findUniqueOrThrow({ where: { centerId_year: { centerId, year: 2022 } } });
    const [r] = await cycleResults(cycle2022, a);
    expect(r.result.passed).toBe(false);
    expect(r.failedTwoYears).toBe(true);
  });
});
