// Demo annual evaluations: two closed years (one staff member failing both, so the two-year flag
// shows) and the current year open, part-scored, with 李明's self, peer and manager scores pending.
import type { PrismaClient } from "../app/generated/prisma/client";
import { defaultPeers, SUBJECTIVE_INDICATORS, type Relation } from "../app/domain/evaluation";
import { seededRandom } from "../app/domain/random";
import { shanghaiToday } from "../app/domain/time";

/** A score out of `max` around `level` (0–1), on half points. */
function score(rand: () => number, max: number, level: number): number {
  const v = max * Math.min(1, Math.max(0, level + (rand() - 0.5) * 0.2));
  return Math.round(v * 2) / 2;
}

export async function seedEvaluations(db: PrismaClient, centerId: string, people: Map<string, string>, now: Date) {
  const thisYear = Number(shanghaiToday(now).slice(0, 4));
  const staff = await db.person.findMany({
    where: { centerId, active: true },
    orderBy: [{ departmentId: "asc" }, { name: "asc" }],
    select: { id: true, name: true, departmentId: true, staffRole: true },
  });
  const managerId = people.get("郑涛")!;
  const weak = people.get("徐婷")!;
  const peers = defaultPeers(staff, 3, new Set([managerId]));
  for (const year of [thisYear - 2, thisYear - 1, thisYear]) {
    const closed = year < thisYear;
    const rand = seededRandom(`evaluation-${year}`);
    const cycle = await db.evaluationCycle.create({
      data: { centerId, year, status: closed ? "closed" : "open", createdAt: new Date(Date.UTC(year, 0, 10)) },
    });
    for (const s of staff) {
      // Each person's level is stable across years; 徐婷 stays below the pass mark in the closed years.
      const level = s.id === weak ? 0.42 : 0.7 + seededRandom(`level-${s.name}`)() * 0.25;
      const subject = await db.evaluationSubject.create({
        data: {
          cycleId: cycle.id,
          personId: s.id,
          ...(closed
            ? {
                completionDone: Math.round(800 * level),
                completionTarget: 800,
                completionSource: `业务系统导出-${year}.csv`,
                complaintsPoints: s.id === weak ? 2 : 5,
                complaintsEvidence: s.id === weak ? "有效投诉 2 件" : "全年无有效投诉",
                praisePoints: score(rand, 5, level),
                praiseEvidence: "锦旗、表扬信登记",
              }
            : {}),
        },
      });
      const evaluators: [string, Relation][] = [
        [s.id, "self"],
        ...(s.id !== managerId ? [[managerId, "manager"] as [string, Relation]] : []),
        ...peers.get(s.id)!.map((p) => [p, "peer"] as [string, Relation]),
      ];
      for (const [evaluatorPersonId, relation] of evaluators) {
        // This year: the manager has scored about half; 李明 and everything about him waits for the demo.
        const pending =
          !closed &&
          (s.name === "李明" ||
            evaluatorPersonId === people.get("李明") ||
            relation === "self" ||
            (relation === "manager" && rand() < 0.5) ||
            rand() < 0.4);
        const a = await db.evaluationAssignment.create({
          data: {
            subjectId: subject.id,
            evaluatorPersonId,
            relation,
            submittedAt: pending ? null : new Date(Date.UTC(year, closed ? 11 : 10, 5)),
          },
        });
        if (pending) continue;
        const bias = relation === "self" ? 0.05 : 0;
        await db.evaluationScore.createMany({
          data: SUBJECTIVE_INDICATORS.map((d) => ({ assignmentId: a.id, indicator: d.key, value: score(rand, d.max, level + bias) })),
        });
      }
    }
    if (closed) {
      // Service ratings for the closed years (the ratings seed fills the current year).
      const rows = staff.flatMap((s) =>
        Array.from({ length: 12 }, (_, m) => {
          const bad = s.id === weak ? Math.floor(rand() * 4) + 1 : Math.floor(rand() * 2);
          const invalid = bad > 0 && rand() < 0.3 ? 1 : 0;
          const rectified = s.id === weak ? Math.max(0, bad - invalid - 1) : bad - invalid;
          return {
            centerId,
            personId: s.id,
            period: `${year}-${String(m + 1).padStart(2, "0")}`,
            channel: "一次一评",
            activeGood: 30 + Math.floor(rand() * 30),
            activeBad: bad,
            timeoutUnrated: Math.floor(rand() * 8),
            invalidBad: invalid,
            repliedBad: bad,
            rectified,
            satisfied: rectified,
            source: `好差评系统导出-${year}.csv`,
          };
        }),
      );
      await db.ratingCount.createMany({ data: rows });
      const first = await db.evaluationSubject.findFirstOrThrow({ where: { cycleId: cycle.id, personId: people.get("周敏")! } });
      await db.evaluationAdjustment.createMany({
        data: [
          {
            subjectId: first.id,
            kind: "award",
            awardLevel: "区",
            points: 1,
            reason: `${year} 年度区优秀窗口工作人员`,
            evidence: `区政务办〔${year}〕12号`,
            createdBy: "吴强",
          },
          {
            subjectId: first.id,
            kind: "majorEvent",
            points: 0.5,
            reason: "进博会期间延时服务表现突出",
            evidence: "中心通报表扬",
            createdBy: "吴强",
          },
        ],
      });
      const w = await db.evaluationSubject.findFirstOrThrow({ where: { cycleId: cycle.id, personId: weak } });
      await db.evaluationAdjustment.create({
        data: { subjectId: w.id, kind: "deduction", points: 2, reason: "工作时间擅自离岗", evidence: "中心督查记录", createdBy: "吴强" },
      });
    }
  }
}
