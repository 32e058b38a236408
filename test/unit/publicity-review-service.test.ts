// 公示 → 复核 → certificate against the real database: publication sets the 公示 by working days
// and issues nothing; one request per part, none after the 公示; nobody reviews their own marking;
// of two reviewers at once one wins; a correction is recorded; certificates wait for every 复核.
import { beforeAll, describe, expect, it } from "vitest";
import { importBank, importSkillBank, loadBankFromDisk, loadSkillBankFromDisk } from "~/features/bank/index.server";
import { finalizeAttempt } from "~/features/exam-taking/index.server";
import { issueAfterPublicity, requestReview, reviewDetail, settleReview, sittingPublicityPage } from "~/features/review/service.server";
import { assembleSkillSittingPaper } from "~/features/sittings/index.server";
import { openRoom, publishTheorySitting } from "~/features/sittings/service.server";
import { skillPaperOf } from "~/features/skill-scoring/index.server";
import { db } from "~/platform/db.server";
import { refusal, user } from "../support/service-helpers";
import { noLate, roomOf, scenario, sittingOf, startAttempt } from "../support/sitting-scenario";

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
  const skill = loadSkillBankFromDisk();
  await importSkillBank(db, skill.tasks, skill.version);
}, 60_000);

// Tuesday before the 2026 National Day holiday: 5 working days end on Monday 12 October.
const T = new Date("2026-09-29T10:00:00+08:00");
const ENDS = new Date("2026-10-13T00:00:00+08:00");
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** A published L5 skill sitting with one candidate in a group of three examiners, full marks on every sheet. */
async function publishedSkill(centerId: string, personId: string, adminId: string, examiners: { id: string }[]) {
  const sitting = await db.sitting.create({
    data: { centerId, kind: "skill", level: "L5", title: "技能公示测试", startsAt: T, durationMinutes: 90, seed: 5, createdById: adminId },
  });
  await assembleSkillSittingPaper(await sittingOf(sitting.id), { id: adminId, displayName: "admin", centerId });
  const group = await db.examinerGroup.create({ data: { sittingId: sitting.id, name: "第1考评组" } });
  for (const [i, e] of examiners.entries()) await db.groupExaminer.create({ data: { groupId: group.id, userId: e.id, isChief: i === 0 } });
  const reg = await db.registration.create({
    data: { sittingId: sitting.id, groupId: group.id, personId, seat: 1, ticketNumber: `SK${sitting.id.slice(-10)}` },
  });
  const { tasks } = skillPaperOf((await db.paper.findFirstOrThrow({ where: { sitting: { id: sitting.id } } }))!);
  for (const t of tasks.values())
    for (const e of examiners) {
      const scores = t.rubric.map((c) => c.points);
      await db.scoreSheet.create({
        data: {
          registrationId: reg.id,
          taskId: t.id,
          examinerId: e.id,
          scores: JSON.stringify(scores),
          total: scores.reduce((a, b) => a + b, 0),
          status: "submitted",
          submittedAt: T,
        },
      });
    }
  // The stored result is 5 points short of what the sheets add up to: the 复核 must find it.
  await db.skillResult.create({ data: { registrationId: reg.id, score: 95, passed: true, areaScores: "[]", computedAt: T } });
  await db.sitting.update({ where: { id: sitting.id }, data: { status: "published", publishedAt: T, publicityEndsAt: ENDS } });
  return { sittingId: sitting.id, registrationId: reg.id };
}

describe("公示 → 复核 → certificate (service)", () => {
  it("runs the whole pipeline with each refusal of the issue", async () => {
    const s = await scenario("PRV", T, 2);
    await db.center.update({ where: { id: s.center.id }, data: { certBodyCode: "4321", certProvince: "31", certSite: "310105" } });
    const [p0, p1] = s.people;
    await openRoom(await roomOf(s.roomId), s.p1, T, noLate);
    const a0 = await startAttempt(s.roomId, p0.id, T);
    const a1 = await startAttempt(s.roomId, p1.id, T);
    await finalizeAttempt(a0, "manual", T);
    await finalizeAttempt(a1, "manual", T);

    // Publication: the 公示 ends after 5 working days across 国庆, and no certificate yet.
    const period = await publishTheorySitting(await sittingOf(s.sittingId), s.admin, T);
    expect(period.lastDay).toBe("2026-10-12");
    expect((await sittingOf(s.sittingId)).publicityEndsAt).toEqual(ENDS);

    // The stored grade of p0 is wrong (no answers, recorded as 5): the 复核 will correct it.
    await db.attempt.update({ where: { id: a0 }, data: { score: 5 } });
    const reg0 = await db.registration.findFirstOrThrow({ where: { sittingId: s.sittingId, personId: p0.id } });
    const cand0 = await user(s.center.id, "prv-c0", "candidate", p0.id);
    const r = await requestReview(reg0.id, p0.id, "我认为总分计算有误", cand0, T);
    expect(r.dueDay).toBe("2026-10-19"); // 10 working days
    expect(await db.auditLog.count({ where: { action: "review.request" } })).toBeGreaterThanOrEqual(1);

    // Double request: refused, one row.
    expect(await refusal(requestReview(reg0.id, p0.id, "再申请一次复核", cand0, T))).toEqual({
      status: 409,
      message: "本科目已申请过复核，每科只能申请一次。",
    });
    // Someone else's registration reads as missing.
    expect(await refusal(requestReview(reg0.id, p1.id, "替别人申请复核", cand0, T))).toMatchObject({ status: 404 });
    // After the 公示: refused with its last day.
    const reg1 = await db.registration.findFirstOrThrow({ where: { sittingId: s.sittingId, personId: p1.id } });
    expect(await refusal(requestReview(reg1.id, p1.id, "公示结束后才申请", cand0, ENDS))).toEqual({
      status: 409,
      message: "公示期已于 2026-10-12 结束，不能再申请复核。",
    });
    expect(await db.reviewRequest.count({ where: { sittingId: s.sittingId } })).toBe(1);

    const review = await db.reviewRequest.findFirstOrThrow({ where: { registrationId: reg0.id } });
    const chief = { ...(await user(s.center.id, "prv-chief", "chief_examiner")), personId: null };
    const admin = { ...s.admin, personId: null };
    // Reviewing one's own result, or the room one proctored: refused, nothing stored.
    const self = { ...cand0, personId: p0.id };
    expect(await refusal(settleReview(review.id, { outcome: "corrected", reason: "本人自己复核" }, self, T))).toEqual({
      status: 403,
      message: "不能复核本人的成绩。",
    });
    expect(await refusal(settleReview(review.id, { outcome: "corrected", reason: "监考员复核" }, { ...s.p1, personId: null }, T))).toEqual({
      status: 403,
      message: "您是该考生考场的监考员，不能复核该考场的成绩。",
    });
    // The re-check shows the arithmetic; 维持 does not follow it.
    const detail = await reviewDetail(review.id, admin, T);
    expect(detail.recheck).toMatchObject({ kind: "theory", stored: "5", recomputed: "0", same: false });
    expect(await refusal(settleReview(review.id, { outcome: "upheld", reason: "维持原判即可" }, admin, T))).toMatchObject({
      status: 409,
      message: "复核重算结果与原成绩不一致，应更正成绩。",
    });

    // Two reviewers at once: one settles, the other is told, one correction recorded.
    const results = await Promise.allSettled([
      settleReview(review.id, { outcome: "corrected", reason: "逐题重判总分为0分" }, admin, T),
      settleReview(review.id, { outcome: "corrected", reason: "逐题重判总分为0分" }, chief, T),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect((await refusal(Promise.reject(lost.reason))).status).toBe(409);
    const corrections = await db.theoryCorrection.findMany({ where: { attemptId: a0 } });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ oldScore: 5, newScore: 0, reason: "复核更正：逐题重判总分为0分" });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: a0 } })).score).toBe(0);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      status: "settled",
      outcome: "corrected",
      newScore: 0,
    });
    expect(await db.auditLog.count({ where: { action: "exam.score_correct", target: `attempt:${a0}` } })).toBe(1);
    expect(await refusal(settleReview(review.id, { outcome: "corrected", reason: "再办一次" }, chief, T))).toMatchObject({ status: 409 });

    // p1 passed theory (recorded 80) and skill; a skill 复核 is open.
    await db.attempt.update({ where: { id: a1 }, data: { score: 80, passed: true, areaScores: null } });
    const e = [
      await user(s.center.id, "prv-e1", "chief_examiner"),
      await user(s.center.id, "prv-e2", "examiner"),
      await user(s.center.id, "prv-e3", "examiner"),
    ];
    const skill = await publishedSkill(s.center.id, p1.id, s.admin.id, e);
    const cand1 = await user(s.center.id, "prv-c1", "candidate", p1.id);
    await requestReview(skill.registrationId, p1.id, "技能分数少了5分", cand1, T);

    // Issuing during the 公示: refused. After it: the candidate with an open 复核 waits.
    expect(await refusal(issueAfterPublicity(await sittingOf(s.sittingId), s.admin, T))).toEqual({
      status: 409,
      message: "公示期至 2026-10-12，公示期满后才能颁发证书。",
    });
    const after = later(ENDS, 1000);
    expect(await issueAfterPublicity(await sittingOf(s.sittingId), s.admin, after)).toEqual({ issued: 0, waiting: 1 });
    expect((await sittingPublicityPage(s.sittingId, after)).waiting).toEqual([
      { name: p1.name, ticket: reg1.ticketNumber, reason: "有 1 项复核尚未办结" },
    ]);

    // The group's chief examiner may not review the group's sheets; the center admin re-adds them.
    const skillReview = await db.reviewRequest.findFirstOrThrow({ where: { registrationId: skill.registrationId } });
    expect(
      await refusal(settleReview(skillReview.id, { outcome: "corrected", reason: "本组组长复核" }, { ...e[0], personId: null }, after)),
    ).toEqual({
      status: 403,
      message: "您是该考生所在考评组的考评员，不能复核本组的评分。",
    });
    const skillDetail = await reviewDetail(skillReview.id, admin, after);
    expect(skillDetail.recheck).toMatchObject({ kind: "skill", stored: "95", recomputed: "100", complete: true });
    await settleReview(skillReview.id, { outcome: "corrected", reason: "重加评分表合计为100分" }, admin, after);
    expect((await db.skillResult.findUniqueOrThrow({ where: { registrationId: skill.registrationId } })).score).toBe(100);
    expect(
      await db.scoreAudit.count({
        where: { registrationId: skill.registrationId, action: "review_correct", oldValue: "95", newValue: "100" },
      }),
    ).toBe(1);

    // Every 复核 settled: the certificate comes out, once.
    expect(await issueAfterPublicity(await sittingOf(s.sittingId), s.admin, after)).toEqual({ issued: 1, waiting: 0 });
    expect(await db.certificate.count({ where: { personId: p1.id } })).toBe(1);
    expect(await issueAfterPublicity(await sittingOf(s.sittingId), s.admin, after)).toEqual({ issued: 0, waiting: 0 });
  }, 60_000);

  it("publishes with no 公示 when the center sets 0 days, and takes no 复核 then", async () => {
    const s = await scenario("PRZ", T, 1);
    // Numbering codes set, so that issuing is decided by the 公示 alone (decision 022).
    await db.center.update({
      where: { id: s.center.id },
      data: { publicityDays: 0, certBodyCode: "4321", certProvince: "31", certSite: "310105" },
    });
    await openRoom(await roomOf(s.roomId), s.p1, T, noLate);
    await finalizeAttempt(await startAttempt(s.roomId, s.people[0].id, T), "manual", T);
    const period = await publishTheorySitting(await sittingOf(s.sittingId), s.admin, T);
    expect(period).toMatchObject({ days: 0, lastDay: "2026-09-29" });
    const reg = await db.registration.findFirstOrThrow({ where: { sittingId: s.sittingId } });
    const cand = await user(s.center.id, "prz-c", "candidate", s.people[0].id);
    expect(await refusal(requestReview(reg.id, s.people[0].id, "想申请复核看看", cand, T))).toMatchObject({ status: 409 });
    expect(await issueAfterPublicity(await sittingOf(s.sittingId), s.admin, T)).toEqual({ issued: 0, waiting: 0 });
  }, 30_000);
});
