// The skill-scoring service against a real database: set-up refusals, scoring, the chief's
// decision, publication (all or nothing) and a correction, each write with its audit entry.
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "~/domain/id-number";
import { importSkillBank, loadSkillBankFromDisk } from "~/features/bank/index.server";
import {
  addExaminerGroup,
  assignExaminer,
  correctScore,
  decideTask,
  loadGroupForScoring,
  publishSkillSitting,
  saveSheet,
  startScoring,
} from "~/features/skill-scoring/service.server";
import { assembleSkillSittingPaper, registerIntoGroup } from "~/features/sittings/index.server";
import { db } from "~/platform/db.server";
import { refusal, user } from "../support/service-helpers";

const sittingOf = (id: string) => db.sitting.findUniqueOrThrow({ where: { id } });
const auditCount = (action: string, target?: string) => db.auditLog.count({ where: { action, ...(target ? { target } : {}) } });

describe("skill scoring service", () => {
  it("sets up, scores, reviews, publishes and corrects, auditing every write in its transaction", async () => {
    const bank = loadSkillBankFromDisk();
    await importSkillBank(db, bank.tasks, bank.version);
    expect(await auditCount("bank.skill_import")).toBe(1);
    expect((await importSkillBank(db, bank.tasks, bank.version)).alreadyCurrent).toBe(true);

    const center = await db.center.create({ data: { name: "技能评分测试中心", kind: "district", code: "SKT" } });
    const admin = await user(center.id, "skt-admin", "center_admin");
    const chief = await user(center.id, "skt-chief", "chief_examiner");
    const e2 = await user(center.id, "skt-e2", "examiner");
    const e3 = await user(center.id, "skt-e3", "examiner");
    const person = await db.person.create({
      data: {
        centerId: center.id,
        name: "测试考生",
        idNumber: "31010719900101011" + idNumberCheckChar("31010719900101011"),
        phone: "13800000000",
        apprenticeshipCompleted: true,
      },
    });
    const created = await db.sitting.create({
      data: {
        centerId: center.id,
        kind: "skill",
        level: "L5",
        title: "技能测试场",
        startsAt: new Date(),
        durationMinutes: 90,
        seed: 7,
        createdById: admin.id,
      },
    });

    await addExaminerGroup(await sittingOf(created.id), "第1考评组", admin);
    const group = await db.examinerGroup.findFirstOrThrow({ where: { sittingId: created.id } });
    expect(await auditCount("scoring.group_create", created.id)).toBe(1);

    await assignExaminer(await sittingOf(created.id), { groupId: group.id, userId: chief.id, chief: true }, admin);
    await assignExaminer(await sittingOf(created.id), { groupId: group.id, userId: e2.id, chief: false }, admin);
    expect(
      await refusal(assignExaminer(await sittingOf(created.id), { groupId: group.id, userId: e3.id, chief: true }, admin)),
    ).toMatchObject({
      status: 400,
      message: "考评组长须具有考评组长角色。",
    });
    await assignExaminer(await sittingOf(created.id), { groupId: group.id, userId: e3.id, chief: false }, admin);
    expect(await auditCount("scoring.examiner_assign", created.id)).toBe(3);

    expect(await registerIntoGroup(await sittingOf(created.id), group.id, [person.id], admin, new Date())).toBe(1);
    expect(await auditCount("sitting.register", created.id)).toBe(1);

    expect(await refusal(startScoring(await sittingOf(created.id), admin))).toMatchObject({
      status: 409,
      message: "尚未组卷，不能开始评分。",
    });
    await assembleSkillSittingPaper(await sittingOf(created.id), admin);
    expect(await auditCount("sitting.assemble", created.id)).toBe(1);
    await startScoring(await sittingOf(created.id), admin);
    expect((await sittingOf(created.id)).status).toBe("scoring");
    expect(await refusal(addExaminerGroup(await sittingOf(created.id), "第2考评组", admin))).toMatchObject({ status: 409 });

    const loaded = await loadGroupForScoring(group.id);
    const reg = loaded.group.registrations[0];
    const tasks = [...loaded.tasks.values()];
    const [first] = tasks;
    for (const t of tasks)
      for (const ex of [chief, e2, e3]) {
        const low = ex === e3 && t === first;
        const scores = t.rubric.map((c) => (low ? 0 : c.points));
        await saveSheet({ registrationId: reg.id, taskId: t.id, scores, submit: true }, ex, created.id, t, new Date());
      }
    expect(await auditCount("scoring.sheet_submit")).toBe(tasks.length * 3);
    expect(
      await refusal(
        saveSheet(
          { registrationId: reg.id, taskId: first.id, scores: first.rubric.map(() => 0), submit: false },
          e2,
          created.id,
          first,
          new Date(),
        ),
      ),
    ).toMatchObject({ status: 400, message: "该评分已提交。如需修改，须由考评组长退回重评。" });

    // The outlier's task waits for the chief: publication is refused and stores nothing.
    expect(await refusal(publishSkillSitting(await sittingOf(created.id), admin, new Date()))).toMatchObject({ status: 409 });
    expect(await db.skillResult.count({ where: { registrationId: reg.id } })).toBe(0);
    expect((await sittingOf(created.id)).status).toBe("scoring");

    await decideTask(
      await loadGroupForScoring(group.id),
      { intent: "confirm", registrationId: reg.id, taskId: first.id, reason: "经复核评分有据" },
      chief,
      new Date(),
    );
    expect(await auditCount("scoring.confirm")).toBe(1);
    await publishSkillSitting(await sittingOf(created.id), admin, new Date());
    expect((await sittingOf(created.id)).status).toBe("published");
    expect(await auditCount("sitting.publish", created.id)).toBe(1);
    const before = await db.skillResult.findUniqueOrThrow({ where: { registrationId: reg.id } });

    const after = await loadGroupForScoring(group.id);
    await correctScore(
      after,
      { registrationId: reg.id, taskId: first.id, examinerId: e2.id, criterion: 0, value: 0, reason: "复核录像后更正" },
      chief,
      new Date(),
    );
    expect(await auditCount("scoring.correct")).toBe(1);
    const corrected = await db.skillResult.findUniqueOrThrow({ where: { registrationId: reg.id } });
    expect(corrected.score).toBeLessThan(before.score);
    expect(await db.scoreAudit.count({ where: { sittingId: created.id, action: "correct" } })).toBe(1);
  });
});
