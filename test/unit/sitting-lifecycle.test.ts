// The sitting and room state machine as pure rules.
import { describe, expect, it } from "vitest";
import {
  canAssemble,
  canCloseRoom,
  canEditSitting,
  canOpenRoom,
  canPauseRoom,
  canProctor,
  canPublish,
  canRegisterCandidate,
  canResumeRoom,
  canStartScoring,
  lateOpening,
  LATE_OPEN_CONFIRM_MINUTES,
  roomShouldClose,
  roomState,
  sittingState,
} from "~/domain/sitting-lifecycle";

const at = (iso: string) => new Date(`${iso}+08:00`);
const start = at("2026-12-05T09:00:00");
const openFacts = {
  state: "waiting" as const,
  sittingState: "scheduled" as const,
  startsAt: start,
  now: at("2026-12-05T08:50:00"),
  hasPaper: true,
  missingProctors: 0,
  requiredProctors: 2,
  candidates: 20,
  lateConfirmed: false,
};

describe("room and sitting states", () => {
  it("derive from what is stored", () => {
    expect(roomState({ status: "waiting", pausedAt: null })).toBe("waiting");
    expect(roomState({ status: "open", pausedAt: null })).toBe("open");
    expect(roomState({ status: "open", pausedAt: new Date() })).toBe("paused");
    expect(roomState({ status: "closed", pausedAt: null })).toBe("closed");
    expect(sittingState({ status: "scheduled" })).toBe("scheduled");
    expect(sittingState({ status: "scoring" })).toBe("scoring");
    expect(sittingState({ status: "published" })).toBe("published");
  });
});

describe("opening a room", () => {
  it("is allowed from 30 minutes before the start with a paper and enough proctors", () => {
    expect(canOpenRoom(openFacts)).toEqual({ ok: true });
    expect(canOpenRoom({ ...openFacts, now: at("2026-12-05T08:29:00") })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("未到开考时间"),
    });
    expect(canOpenRoom({ ...openFacts, hasPaper: false })).toMatchObject({ ok: false, reason: "本场考试尚未组卷，不能开考。" });
    expect(canOpenRoom({ ...openFacts, missingProctors: 1 })).toMatchObject({
      ok: false,
      reason: "监考员不足：本考场 20 名考生需 2 名监考员，还缺 1 名，不能开考。",
    });
  });

  it("is refused twice, and after the results are out", () => {
    expect(canOpenRoom({ ...openFacts, state: "open" })).toMatchObject({ ok: false, status: 409, reason: "考场已开考。" });
    expect(canOpenRoom({ ...openFacts, state: "closed" })).toMatchObject({ ok: false, reason: "考场已结束。" });
    expect(canOpenRoom({ ...openFacts, sittingState: "published" })).toMatchObject({ ok: false });
  });

  it(`asks for a confirmation from ${LATE_OPEN_CONFIRM_MINUTES} minutes after the start (the 46-minute case)`, () => {
    expect(lateOpening(start, at("2026-12-05T09:14:59"))).toEqual({ late: false });
    expect(lateOpening(start, at("2026-12-05T09:15:00"))).toEqual({ late: true, minutesLate: 15 });
    const late = { ...openFacts, now: at("2026-12-05T09:46:00") };
    expect(canOpenRoom(late)).toMatchObject({ ok: false, status: 409, needsLateConfirmation: true, minutesLate: 46 });
    expect(canOpenRoom({ ...late, lateConfirmed: true })).toEqual({ ok: true });
  });
});

describe("pause and resume", () => {
  it("pause only an open room, resume only a paused one", () => {
    expect(canPauseRoom("open")).toEqual({ ok: true });
    expect(canPauseRoom("paused")).toMatchObject({ ok: false, reason: "考场已暂停。" });
    expect(canPauseRoom("waiting")).toMatchObject({ ok: false });
    expect(canResumeRoom("paused")).toEqual({ ok: true });
    expect(canResumeRoom("open")).toMatchObject({ ok: false, reason: "考场未暂停。" });
  });
});

describe("closing a room", () => {
  const facts = { state: "open" as const, registered: 3, submitted: 3, inProgress: 0, timeOver: false };
  it("closes once everyone has submitted, or the last candidate's time is over", () => {
    expect(roomShouldClose(facts)).toBe(true);
    expect(roomShouldClose({ ...facts, submitted: 2 })).toBe(false); // someone may still sign in
    expect(roomShouldClose({ ...facts, submitted: 2, timeOver: true })).toBe(true); // an absentee
  });
  it("never closes with an attempt in progress, nor while paused", () => {
    expect(roomShouldClose({ ...facts, submitted: 2, inProgress: 1, timeOver: true })).toBe(false);
    expect(roomShouldClose({ ...facts, state: "paused" })).toBe(false);
  });
});

describe("ending a room by hand", () => {
  it("is allowed once nobody is writing, never while paused or with someone answering", () => {
    expect(canCloseRoom({ state: "open", inProgress: 0 })).toEqual({ ok: true });
    expect(canCloseRoom({ state: "open", inProgress: 2 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("还有 2 名考生正在作答"),
    });
    expect(canCloseRoom({ state: "paused", inProgress: 0 })).toMatchObject({ ok: false });
    expect(canCloseRoom({ state: "waiting", inProgress: 0 })).toMatchObject({ ok: false });
    expect(canCloseRoom({ state: "closed", inProgress: 0 })).toMatchObject({ ok: false, reason: "考场已结束。" });
  });
});

describe("publishing and assembling", () => {
  const rooms = [
    { name: "第1考场", state: "closed" as const },
    { name: "第2考场", state: "open" as const },
  ];
  it("publishes a theory sitting only once every room is closed, naming the others", () => {
    expect(canPublish({ kind: "theory", state: "scheduled", rooms })).toMatchObject({
      ok: false,
      reason: "还有考场未结束：第2考场（考试中）。全部考场结束后才能发布成绩。",
    });
    expect(canPublish({ kind: "theory", state: "scheduled", rooms: [rooms[0]] })).toEqual({ ok: true });
    expect(canPublish({ kind: "theory", state: "scheduled", rooms: [] })).toMatchObject({ ok: false });
    expect(canPublish({ kind: "theory", state: "published", rooms: [rooms[0]] })).toMatchObject({ ok: false, reason: "成绩已发布。" });
  });
  it("publishes a skill sitting from scoring with every task settled", () => {
    expect(canPublish({ kind: "skill", state: "scheduled", rooms: [] })).toMatchObject({ ok: false });
    expect(canPublish({ kind: "skill", state: "scoring", rooms: [], unsettledCandidates: 2 })).toMatchObject({ ok: false });
    expect(canPublish({ kind: "skill", state: "scoring", rooms: [], unsettledCandidates: 0 })).toEqual({ ok: true });
  });
  it("re-assembles only while no room has opened", () => {
    expect(canAssemble({ state: "scheduled", rooms: [{ state: "waiting" }] })).toEqual({ ok: true });
    expect(canAssemble({ state: "scheduled", rooms: [{ state: "waiting" }, { state: "open" }] })).toMatchObject({
      ok: false,
      reason: "已有考场开考，试卷已固定，不能重新组卷。",
    });
    expect(canAssemble({ state: "published", rooms: [] })).toMatchObject({ ok: false });
  });
  it("starts skill scoring once, with enough examiners", () => {
    expect(canStartScoring({ kind: "skill", state: "scheduled", missingExaminers: 0 })).toEqual({ ok: true });
    expect(canStartScoring({ kind: "skill", state: "scoring", missingExaminers: 0 })).toMatchObject({ ok: false });
    expect(canStartScoring({ kind: "theory", state: "scheduled", missingExaminers: 0 })).toMatchObject({ ok: false });
    expect(canEditSitting("scoring")).toMatchObject({ ok: false });
  });
});

describe("proctors and candidates", () => {
  it("nobody proctors a sitting they sit, nor sits one they proctor", () => {
    expect(canProctor({ isCandidateInSitting: true, name: "王芳" })).toMatchObject({
      ok: false,
      reason: "王芳 已报名参加本场考试，不能同时担任本场监考员。",
    });
    expect(canProctor({ isCandidateInSitting: false, name: "王芳" })).toEqual({ ok: true });
    expect(canRegisterCandidate({ proctorsThisSitting: true, name: "刘洋" })).toMatchObject({
      ok: false,
      reason: "刘洋 是本场考试的监考员，不能报名参加本场考试。",
    });
  });
});
