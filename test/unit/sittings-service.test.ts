// The sittings lifecycle as the service stores it, against a real SQLite file: each bug the
// lifecycle fixes has its case here (rooms that never closed, a racy pause/resume, a guessable
// start code, publishing or re-assembling mid-exam, a silent late opening, a proctor who sits).
import { beforeAll, describe, expect, it } from "vitest";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { examLogin, finalizeAttempt } from "~/features/exam-taking/index.server";
import {
  assembleSittingPaper,
  assignProctor,
  closeRoom,
  openRoom,
  pauseRoom,
  publishTheorySitting,
  registerCandidates,
  resumeRoom,
  settleRoom,
} from "~/features/sittings/service.server";
import { db } from "~/platform/db.server";
import { httpErrorOf } from "~/platform/http.server";
import { refusal, user } from "../support/service-helpers";
import { noLate, person, roomOf, scenario, sittingOf, startAttempt } from "../support/sitting-scenario";

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
});

describe("sittings lifecycle (service)", () => {
  it("opens once, with a six-digit start code", async () => {
    const now = new Date();
    const s = await scenario("LCA", now);
    await openRoom(await roomOf(s.roomId), s.p1, now, noLate);
    const room = await roomOf(s.roomId);
    expect(room.status).toBe("open");
    expect(room.startCode).toMatch(/^\d{6}$/);
    expect(await refusal(openRoom(await roomOf(s.roomId), s.p2, now, noLate))).toMatchObject({ status: 409, message: "考场已开考。" });
    expect(await db.auditLog.count({ where: { action: "room.open", target: s.roomId } })).toBe(1);
  });

  it("closes a room by itself once everyone has submitted, and then publishes", async () => {
    const now = new Date();
    const s = await scenario("LCB", now);
    await openRoom(await roomOf(s.roomId), s.p1, now, noLate);
    const a1 = await startAttempt(s.roomId, s.people[0].id, now);
    const a2 = await startAttempt(s.roomId, s.people[1].id, now);
    // While anyone is writing, the results cannot be published: the refusal names the room.
    expect(await refusal(publishTheorySitting(await sittingOf(s.sittingId), s.admin, now))).toMatchObject({
      status: 409,
      message: "还有考场未结束：第1考场（考试中）。全部考场结束后才能发布成绩。",
    });
    await finalizeAttempt(a1, "manual", now);
    expect(await settleRoom(s.roomId, now)).toBe("open");
    await finalizeAttempt(a2, "manual", now);
    expect(await settleRoom(s.roomId, now)).toBe("closed");
    const room = await roomOf(s.roomId);
    expect(room.closedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "room.close", target: s.roomId } })).toBe(1);
    await publishTheorySitting(await sittingOf(s.sittingId), s.admin, now);
    expect((await sittingOf(s.sittingId)).status).toBe("published");
  });

  it("lets the proctor end the room once nobody is writing, counting the absent", async () => {
    const now = new Date();
    const s = await scenario("LCH", now, 3);
    await openRoom(await roomOf(s.roomId), s.p1, now, noLate);
    const a = await startAttempt(s.roomId, s.people[0].id, now);
    expect(await refusal(closeRoom(await roomOf(s.roomId), s.p1, now))).toMatchObject({ status: 409 });
    await finalizeAttempt(a, "manual", now);
    expect(await closeRoom(await roomOf(s.roomId), s.p1, now)).toEqual({ absent: 2 });
    expect((await roomOf(s.roomId)).status).toBe("closed");
    // An absentee can no longer start once the room is closed.
    const reg = await db.registration.findFirstOrThrow({
      where: { roomId: s.roomId, personId: s.people[1].id },
      include: { person: true },
    });
    const room = await roomOf(s.roomId);
    const r = await examLogin(
      { cookie: null, secure: false, ip: "127.0.0.1" },
      { ticket: reg.ticketNumber, idNumber: reg.person.idNumber, startCode: room.startCode! },
      now,
    );
    expect(r).toMatchObject({ ok: false, status: 409, message: "本考场考试已结束。" });
  });

  it("closes a room whose time is over with absent candidates, submitting the overdue attempts", async () => {
    const opened = new Date(Date.now() - 2 * 60 * 60_000);
    const s = await scenario("LCC", opened, 3);
    await openRoom(await roomOf(s.roomId), s.p1, opened, noLate);
    const a = await startAttempt(s.roomId, s.people[0].id, opened);
    expect(await settleRoom(s.roomId, new Date())).toBe("closed");
    expect((await db.attempt.findUniqueOrThrow({ where: { id: a } })).submitReason).toBe("deadline");
  });

  it("pause and resume are compare-and-set: two resumes at once add the pause once", async () => {
    const t0 = new Date();
    const s = await scenario("LCD", t0);
    await openRoom(await roomOf(s.roomId), s.p1, t0, noLate);
    const stale = await roomOf(s.roomId);
    await pauseRoom(stale, s.p1, t0);
    // The second proctor's page still shows the room open: its pause is refused, nothing changes.
    expect(await refusal(pauseRoom(stale, s.p2, new Date(t0.getTime() + 1000)))).toMatchObject({ status: 409 });
    const paused = await roomOf(s.roomId);
    const t1 = new Date(t0.getTime() + 60_000);
    const results = await Promise.allSettled([resumeRoom(paused, s.p1, t1), resumeRoom(paused, s.p2, t1)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(httpErrorOf(rejected.reason)).toMatchObject({ status: 409, message: "考场状态已被其他监考员改变，请刷新页面。" });
    const room = await roomOf(s.roomId);
    expect(room.pausedAt).toBeNull();
    expect(room.pausedMs).toBe(60_000);
  });

  it("refuses to re-assemble once a room has opened", async () => {
    const now = new Date();
    const s = await scenario("LCE", now);
    await assembleSittingPaper(s.sittingId, s.admin); // still allowed: no room has opened
    await openRoom(await roomOf(s.roomId), s.p1, now, noLate);
    const paperId = (await sittingOf(s.sittingId)).paperId;
    expect(await refusal(assembleSittingPaper(s.sittingId, s.admin))).toMatchObject({
      status: 409,
      message: "已有考场开考，试卷已固定，不能重新组卷。",
    });
    expect((await sittingOf(s.sittingId)).paperId).toBe(paperId);
  });

  it("asks for a confirmation to open 46 minutes late, and records the note", async () => {
    const startsAt = new Date(Date.now() - 46 * 60_000);
    const s = await scenario("LCF", startsAt);
    const err = await refusal(openRoom(await roomOf(s.roomId), s.p1, new Date(), noLate));
    expect(err).toMatchObject({ status: 409 });
    expect(err.message).toContain("已超过计划开考时间 46 分钟");
    expect((await roomOf(s.roomId)).status).toBe("waiting");
    await openRoom(await roomOf(s.roomId), s.p1, new Date(), { confirmed: true, note: "考场网络故障，修复后开考" });
    const room = await roomOf(s.roomId);
    expect(room.status).toBe("open");
    expect(room.lateOpenNote).toBe("考场网络故障，修复后开考");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "room.open", target: s.roomId } });
    expect(JSON.parse(entry.detail!)).toMatchObject({ minutesLate: 46, note: "考场网络故障，修复后开考" });
  });

  it("nobody proctors a sitting they sit in, nor sits one they proctor", async () => {
    const s = await scenario("LCG", new Date(Date.now() + 60 * 60_000));
    const sitter = s.people[0];
    const both = await user(s.center.id, "LCG-both", "proctor", sitter.id);
    expect(await refusal(assignProctor(await sittingOf(s.sittingId), s.roomId, both.id, s.admin))).toMatchObject({
      status: 409,
      message: `LCG-both 已报名参加本场考试，不能同时担任本场监考员。`,
    });
    const outsider = await person(s.center.id, "监考兼考生");
    await db.user.update({ where: { id: s.p1.id }, data: { personId: outsider.id } });
    expect(await refusal(registerCandidates(s.sittingId, [outsider.id]))).toMatchObject({
      status: 409,
      message: "监考兼考生 是本场考试的监考员，不能报名参加本场考试。",
    });
    expect(await db.registration.count({ where: { personId: outsider.id } })).toBe(0);
  });
});
