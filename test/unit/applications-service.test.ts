// Online application as the service stores it, on a real SQLite file: the window enforced on the
// server, one application per sitting and person (also when two arrive at once), no review of
// one's own application, two reviewers at once, seats and the waiting list, and registration
// through the sittings feature.
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "~/domain/id-number";
import {
  applicationDetail,
  applicationsOverview,
  apply,
  centerApplications,
  publishWindow,
  resubmit,
  review,
  withdraw,
} from "~/features/applications/service.server";
import { NO_ADDITIONS, type Additions } from "~/domain/application";
import { addRoom } from "~/features/sittings/service.server";
import { db } from "~/platform/db.server";
import { refusal, user } from "../support/service-helpers";

const DAY = 24 * 60 * 60_000;
let n = 500;

async function staff(centerId: string, name: string, hiredDaysAgo: number, now: Date) {
  n++;
  const base = `31010719880101${String(n).padStart(3, "0")}`;
  return db.person.create({
    data: {
      centerId,
      name,
      idNumber: base + idNumberCheckChar(base),
      phone: "13800000000",
      hireDate: new Date(now.getTime() - hiredDaysAgo * DAY),
    },
  });
}

/** A center, two admins (the first also a staff member), an L5 theory sitting in 10 days with one room, open for application from yesterday for 5 days. */
async function setup(code: string, now: Date, seats = 2) {
  const center = await db.center.create({ data: { name: `报名测试${code}`, kind: "district", code } });
  const adminPerson = await staff(center.id, `管理员${code}`, 800, now);
  const admin = { ...(await user(center.id, `${code}-admin`, "center_admin", adminPerson.id)), personId: adminPerson.id };
  const admin2 = { ...(await user(center.id, `${code}-admin2`, "center_admin")), personId: null };
  const sitting = await db.sitting.create({
    data: {
      centerId: center.id,
      kind: "theory",
      level: "L5",
      title: `场次${code}`,
      startsAt: new Date(now.getTime() + 10 * DAY),
      durationMinutes: 60,
      seed: 3,
      createdById: admin.id,
    },
  });
  await addRoom(sitting, { name: "第1考场", capacity: 30 }, admin);
  await publishWindow(sitting, { opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 5 * DAY), seats }, admin, now);
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await staff(center.id, `员工${code}${i}`, 400, now));
  const actorOf = (p: { id: string }) => ({ id: `u-${p.id}`, displayName: "applicant", centerId: center.id, ip: "127.0.0.1" });
  const sittingRow = () => db.sitting.findUniqueOrThrow({ where: { id: sitting.id } });
  return { center, admin, admin2, adminPerson, sittingId: sitting.id, people, actorOf, sittingRow };
}

const mine = (p: { id: string; centerId: string }) => ({ id: p.id, centerId: p.centerId });
const appOf = (sittingId: string, personId: string) =>
  db.application.findUniqueOrThrow({ where: { sittingId_personId: { sittingId, personId } } });

describe("online application (service)", () => {
  it("applies, is approved and registered through the sittings feature, with the condition met", async () => {
    const now = new Date();
    const s = await setup("APA", now);
    const p = s.people[0];
    const r = await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    expect(r.metBy).toBe("L5-1");
    const a = await appOf(s.sittingId, p.id);
    expect(a.status).toBe("submitted");
    expect(await review(s.center.id, a.id, { decision: "approve", version: a.version }, s.admin2, now)).toMatchObject({
      status: "approved",
    });
    const reg = await db.registration.findUniqueOrThrow({ where: { sittingId_personId: { sittingId: s.sittingId, personId: p.id } } });
    expect(reg).toMatchObject({ eligibility: "L5-1", retake: false, seat: 1 });
    expect((await appOf(s.sittingId, p.id)).seatSlot).toBe(1);
    expect(await db.auditLog.count({ where: { target: a.id, action: { in: ["application.submit", "application.approve"] } } })).toBe(2);
    const overview = await applicationsOverview(mine(p), now);
    expect(overview.mine[0]).toMatchObject({ status: "approved", statusLabel: "已通过" });
  });

  it("refuses an application before the window opens and after it closes, changing nothing", async () => {
    const now = new Date();
    const s = await setup("APB", now);
    const p = s.people[0];
    expect(await refusal(apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), new Date(now.getTime() - 2 * DAY)))).toMatchObject({
      status: 409,
      message: expect.stringContaining("报名尚未开始，开始时间为"),
    });
    expect(await refusal(apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), new Date(now.getTime() + 5 * DAY)))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/^报名已于 .+ 截止，不能再提交申请。$/),
    });
    expect(await db.application.count({ where: { sittingId: s.sittingId } })).toBe(0);
  });

  it("refuses a second application, also when two arrive at once", async () => {
    const now = new Date();
    const s = await setup("APC", now);
    const [p, q] = s.people;
    await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    expect(await refusal(apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now))).toMatchObject({
      status: 409,
      message: "您已提交过该场次的报名申请（待审核），不能重复申请。",
    });
    const both = await Promise.allSettled([0, 1].map(() => apply(mine(q), s.sittingId, NO_ADDITIONS, s.actorOf(q), now)));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(await refusal(Promise.reject(rejected.reason))).toMatchObject({ status: 409 });
    expect(await db.application.count({ where: { sittingId: s.sittingId, personId: q.id } })).toBe(1);
  });

  it("refuses the review of one's own application", async () => {
    const now = new Date();
    const s = await setup("APD", now);
    await apply(mine(s.adminPerson), s.sittingId, NO_ADDITIONS, s.admin, now);
    const a = await appOf(s.sittingId, s.adminPerson.id);
    expect(await refusal(review(s.center.id, a.id, { decision: "approve", version: a.version }, s.admin, now))).toEqual({
      status: 403,
      message: "不能审核本人的报名申请。",
    });
    expect((await appOf(s.sittingId, s.adminPerson.id)).status).toBe("submitted");
    expect((await applicationDetail(s.center.id, a.id, s.admin, now)).reviewRefusal).toBe("不能审核本人的报名申请。");
    // Another admin may.
    await review(s.center.id, a.id, { decision: "approve", version: a.version }, s.admin2, now);
    expect((await appOf(s.sittingId, s.adminPerson.id)).status).toBe("approved");
  });

  it("lets only the first of two reviewers at once decide; the second is told", async () => {
    const now = new Date();
    const s = await setup("APE", now);
    const p = s.people[0];
    await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    const a = await appOf(s.sittingId, p.id);
    const results = await Promise.allSettled([
      review(s.center.id, a.id, { decision: "approve", version: a.version }, s.admin, now),
      review(s.center.id, a.id, { decision: "reject", version: a.version, note: "材料不全" }, s.admin2, now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(await refusal(Promise.reject(lost.reason))).toEqual({ status: 409, message: expect.stringMatching(/他人处理|不在待审核状态/) });
    const after = await appOf(s.sittingId, p.id);
    const registered = await db.registration.count({ where: { sittingId: s.sittingId, personId: p.id } });
    expect(registered).toBe(after.status === "approved" ? 1 : 0);
    expect(await db.auditLog.count({ where: { target: a.id, action: { in: ["application.approve", "application.reject"] } } })).toBe(1);
    // A reviewer on a page loaded before the decision (the old version) is refused too.
    expect(
      await refusal(review(s.center.id, a.id, { decision: "needs_info", version: a.version, note: "请补充" }, s.admin2, now)),
    ).toMatchObject({
      status: 409,
    });
  });

  it("puts approvals beyond the seats on a waiting list in order, and moves them up when seats are raised", async () => {
    const now = new Date();
    const s = await setup("APF", now, 1);
    for (const p of s.people.slice(0, 3)) await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    for (const [i, p] of s.people.slice(0, 3).entries()) {
      const a = await appOf(s.sittingId, p.id);
      const r = await review(s.center.id, a.id, { decision: "approve", version: a.version }, s.admin2, new Date(now.getTime() + i * 1000));
      expect(r.status).toBe(i === 0 ? "approved" : "waitlisted");
    }
    const list = await centerApplications(s.center.id, { sittingId: s.sittingId, status: "waitlisted" }, now);
    expect(list.counts).toMatchObject({ approved: 1, waitlisted: 2 });
    expect(list.applications.map((a) => [a.name, a.position])).toEqual([
      [s.people[1].name, 1],
      [s.people[2].name, 2],
    ]);
    expect(await db.registration.count({ where: { sittingId: s.sittingId } })).toBe(1);
    // Seats cannot go below the approvals; raising them by one moves the first on the list up.
    expect(
      await refusal(
        publishWindow(
          await s.sittingRow(),
          { opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + DAY), seats: 0 },
          s.admin,
          now,
        ),
      ),
    ).toMatchObject({ status: 400 });
    const r = await publishWindow(
      await s.sittingRow(),
      { opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 5 * DAY), seats: 2 },
      s.admin,
      now,
    );
    expect(r).toEqual({ promoted: [s.people[1].name], stopped: null });
    expect((await appOf(s.sittingId, s.people[1].id)).status).toBe("approved");
    expect((await appOf(s.sittingId, s.people[2].id)).status).toBe("waitlisted");
    expect(await db.registration.count({ where: { sittingId: s.sittingId } })).toBe(2);
    const overview = await applicationsOverview(mine(s.people[2]), now);
    expect(overview.mine[0]).toMatchObject({ status: "waitlisted", position: 1 });
  });

  it("checks eligibility on the recorded facts plus the additions: refused without, accepted with an added work record", async () => {
    const now = new Date();
    const s = await setup("APG", now);
    const newcomer = await staff(s.center.id, "新人APG", 30, now);
    const refused = await refusal(apply(mine(newcomer), s.sittingId, NO_ADDITIONS, s.actorOf(newcomer), now));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("不符合五级/初级工申报条件：L5-1：累计从事本职业或相关职业工作不足 1 年");
    const earlier: Additions = {
      ...NO_ADDITIONS,
      work: [{ occupation: "社区事务员", start: "2020-01-01", end: "2022-12-31", evidence: "原单位工作证明和社保缴费记录" }],
    };
    expect(await apply(mine(newcomer), s.sittingId, earlier, s.actorOf(newcomer), now)).toMatchObject({ metBy: "L5-1" });
    const a = await appOf(s.sittingId, newcomer.id);
    const detail = await applicationDetail(s.center.id, a.id, s.admin2, now);
    expect(detail.additions.work[0].evidence).toBe("原单位工作证明和社保缴费记录");
    expect(detail.eligibility.metBy).toBe("L5-1");
  });

  it("asks for more, the applicant edits and resubmits; a rejection keeps its reason for the applicant", async () => {
    const now = new Date();
    const s = await setup("APH", now);
    const [p, q] = s.people;
    await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    let a = await appOf(s.sittingId, p.id);
    await review(s.center.id, a.id, { decision: "needs_info", version: a.version, note: "请补充学历证明" }, s.admin2, now);
    a = await appOf(s.sittingId, p.id);
    expect(a).toMatchObject({ status: "needs_info", reviewNote: "请补充学历证明" });
    const added: Additions = {
      ...NO_ADDITIONS,
      education: [{ schoolType: "大专", major: "行政管理", graduated: true, finalYear: false, evidence: "毕业证书原件" }],
    };
    await resubmit(mine(p), s.sittingId, added, a.version, s.actorOf(p), now);
    expect(await refusal(resubmit(mine(p), s.sittingId, added, a.version, s.actorOf(p), now))).toMatchObject({ status: 409 });
    a = await appOf(s.sittingId, p.id);
    expect(a.status).toBe("submitted");
    expect(JSON.parse(a.additions).education).toHaveLength(1);

    await apply(mine(q), s.sittingId, NO_ADDITIONS, s.actorOf(q), now);
    const b = await appOf(s.sittingId, q.id);
    await review(s.center.id, b.id, { decision: "reject", version: b.version, note: "本场次仅限综合窗口岗位" }, s.admin2, now);
    const overview = await applicationsOverview(mine(q), now);
    expect(overview.mine[0]).toMatchObject({ statusLabel: "已驳回", note: "本场次仅限综合窗口岗位" });
    // A withdrawn application may be sent again while the window is open.
    await apply(mine(s.people[2]), s.sittingId, NO_ADDITIONS, s.actorOf(s.people[2]), now);
    await withdraw(mine(s.people[2]), s.sittingId, s.actorOf(s.people[2]), now);
    await apply(mine(s.people[2]), s.sittingId, NO_ADDITIONS, s.actorOf(s.people[2]), now);
    expect((await appOf(s.sittingId, s.people[2].id)).status).toBe("submitted");
  });

  it("keeps each center to its own sittings and applications", async () => {
    const now = new Date();
    const s = await setup("APJ", now);
    const t = await setup("APK", now);
    const p = s.people[0];
    await apply(mine(p), s.sittingId, NO_ADDITIONS, s.actorOf(p), now);
    const a = await appOf(s.sittingId, p.id);
    expect(await refusal(applicationDetail(t.center.id, a.id, t.admin2, now))).toMatchObject({ status: 404 });
    expect(await refusal(review(t.center.id, a.id, { decision: "approve", version: a.version }, t.admin2, now))).toMatchObject({
      status: 404,
    });
    expect(await refusal(apply(mine(t.people[0]), s.sittingId, NO_ADDITIONS, t.actorOf(t.people[0]), now))).toMatchObject({ status: 404 });
    expect((await appOf(s.sittingId, p.id)).status).toBe("submitted");
  });

  it("refuses to set the window once the sitting has started, or closing after the start", async () => {
    const now = new Date();
    const s = await setup("API", now);
    const sitting = await s.sittingRow();
    expect(
      await refusal(publishWindow(sitting, { opensAt: now, closesAt: new Date(now.getTime() + 11 * DAY), seats: 5 }, s.admin, now)),
    ).toMatchObject({ status: 400, message: expect.stringContaining("报名截止时间不能晚于开考时间") });
    expect(
      await refusal(
        publishWindow(
          sitting,
          { opensAt: now, closesAt: new Date(now.getTime() + DAY), seats: 5 },
          s.admin,
          new Date(now.getTime() + 10 * DAY),
        ),
      ),
    ).toMatchObject({ status: 409, message: "考试已开始，不能再设置网上报名。" });
    expect((await s.sittingRow()).applySeats).toBe(2);
  });
});
