// The pure rules of online application (app/domain/application.ts), with concrete times and seats.
import { describe, expect, it } from "vitest";
import {
  canApply,
  canResubmit,
  canReview,
  canWithdraw,
  checkWindow,
  freeSeat,
  NO_ADDITIONS,
  promotions,
  waitingPositions,
  windowState,
  withAdditions,
} from "~/domain/application";
import { evaluateEligibility, type EligibilityFacts } from "~/domain/eligibility";

const at = (s: string) => new Date(`${s}+08:00`);
const w = { opensAt: at("2026-12-01T09:00:00"), closesAt: at("2026-12-15T17:00:00"), seats: 30, startsAt: at("2026-12-20T09:00:00") };

describe("application window", () => {
  it("opens at its first minute and is shut from its closing minute on (Beijing time)", () => {
    expect(windowState(w, at("2026-12-01T08:59:59"))).toBe("upcoming");
    expect(windowState(w, at("2026-12-01T09:00:00"))).toBe("open");
    expect(windowState(w, at("2026-12-15T16:59:59"))).toBe("open");
    expect(windowState(w, at("2026-12-15T17:00:00"))).toBe("closed");
    expect(windowState({ ...w, opensAt: null, closesAt: null, seats: null }, at("2026-12-05T10:00:00"))).toBe("unpublished");
  });

  it("names the opening or closing time when refusing", () => {
    expect(canApply(w, at("2026-11-30T12:00:00"))).toEqual({
      ok: false,
      status: 409,
      reason: "报名尚未开始，开始时间为 2026-12-01 09:00。",
    });
    expect(canApply(w, at("2026-12-16T08:00:00"))).toEqual({
      ok: false,
      status: 409,
      reason: "报名已于 2026-12-15 17:00 截止，不能再提交申请。",
    });
    expect(canApply(w, at("2026-12-10T08:00:00"))).toEqual({ ok: true });
  });

  it("accepts an answer to 需补充 after the close, until the sitting starts", () => {
    expect(canResubmit("needs_info", w, at("2026-12-18T10:00:00"))).toEqual({ ok: true });
    expect(canResubmit("needs_info", w, at("2026-12-20T09:00:00"))).toMatchObject({ ok: false, reason: "考试已开始，不能再修改申请。" });
    expect(canResubmit("submitted", w, at("2026-12-10T10:00:00"))).toMatchObject({ ok: false, reason: "申请当前为“待审核”，不能修改。" });
  });

  it("lets an applicant withdraw inside the window but not once approved", () => {
    expect(canWithdraw("waitlisted", w, at("2026-12-10T10:00:00"))).toEqual({ ok: true });
    expect(canWithdraw("approved", w, at("2026-12-10T10:00:00"))).toMatchObject({ ok: false });
    expect(canWithdraw("submitted", w, at("2026-12-16T10:00:00"))).toMatchObject({ ok: false });
  });

  it("checks a window: closes after it opens, no later than the start, seats not below the approvals, before the start", () => {
    const base = {
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      seats: 30,
      startsAt: w.startsAt,
      approved: 12,
      now: at("2026-11-20T10:00:00"),
    };
    expect(checkWindow(base)).toEqual({ ok: true });
    expect(checkWindow({ ...base, closesAt: w.opensAt })).toMatchObject({ ok: false, reason: "报名截止时间应晚于开始时间。" });
    expect(checkWindow({ ...base, closesAt: at("2026-12-20T09:01:00") })).toMatchObject({
      ok: false,
      reason: "报名截止时间不能晚于开考时间（2026-12-20 09:00）。",
    });
    expect(checkWindow({ ...base, seats: 11 })).toMatchObject({ ok: false, reason: "已有 12 人通过审核，名额不能少于 12。" });
    expect(checkWindow({ ...base, now: w.startsAt })).toMatchObject({ ok: false, reason: "考试已开始，不能再设置网上报名。" });
  });
});

describe("review", () => {
  const f = {
    status: "submitted" as const,
    reviewerPersonId: "p1",
    applicantPersonId: "p2",
    startsAt: w.startsAt,
    now: at("2026-12-16T10:00:00"),
  };
  it("is refused for one's own application, for a decided one, and after the start", () => {
    expect(canReview(f)).toEqual({ ok: true });
    expect(canReview({ ...f, reviewerPersonId: "p2" })).toEqual({ ok: false, status: 403, reason: "不能审核本人的报名申请。" });
    expect(canReview({ ...f, reviewerPersonId: null })).toEqual({ ok: true });
    expect(canReview({ ...f, status: "approved" })).toMatchObject({ ok: false, reason: "该申请当前为“已通过”，不在待审核状态。" });
    expect(canReview({ ...f, now: w.startsAt })).toMatchObject({ ok: false, reason: "考试已开始，不能再审核报名。" });
  });
});

describe("seats and waiting list", () => {
  it("gives the lowest free seat, or none when full", () => {
    expect(freeSeat(3, [])).toBe(1);
    expect(freeSeat(3, [1, 3])).toBe(2);
    expect(freeSeat(3, [1, 2, 3])).toBeNull();
  });

  it("moves the longest waiting up first, while seats last", () => {
    const waiting = [
      { id: "c", waitSince: at("2026-12-03T10:00:00") },
      { id: "a", waitSince: at("2026-12-02T10:00:00") },
      { id: "b", waitSince: at("2026-12-02T11:00:00") },
    ];
    // Seats raised from 2 to 4 with seats 1 and 2 taken: a and b move up into 3 and 4, c keeps waiting.
    expect(promotions(4, [1, 2], waiting)).toEqual([
      { id: "a", seat: 3 },
      { id: "b", seat: 4 },
    ]);
    expect(promotions(2, [1, 2], waiting)).toEqual([]);
    expect([...waitingPositions(waiting)]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("additions", () => {
  const recorded: EligibilityFacts = {
    work: [{ occupation: "行政办事员", start: "2026-03-01", end: null }],
    apprenticeshipCompleted: false,
    education: [],
    certificates: [],
    training: { L5: { hours: 40, passed: false } },
  };
  it("join the recorded facts: an earlier related job of 8 months makes up the missing year", () => {
    // 2026-03-01 → 2026-12-10: 9 months recorded; 3 months short of L5-1.
    expect(evaluateEligibility(recorded, "L5", "2026-12-10").conditions[0].missing).toEqual([
      "累计从事本职业或相关职业工作不足 1 年，还差 3 个月",
    ]);
    const facts = withAdditions(recorded, {
      ...NO_ADDITIONS,
      work: [{ occupation: "社区事务员", start: "2025-01-01", end: "2025-08-31", evidence: "工作证明" }],
    });
    expect(evaluateEligibility(facts, "L5", "2026-12-10")).toMatchObject({ eligible: true, metBy: "L5-1" });
  });

  it("a claimed apprenticeship meets L5-2; the evidence note does not enter the facts", () => {
    const facts = withAdditions(recorded, { ...NO_ADDITIONS, apprenticeship: { evidence: "学徒期满证明" } });
    expect(facts.apprenticeshipCompleted).toBe(true);
    expect(evaluateEligibility(facts, "L5", "2026-12-10").metBy).toBe("L5-2");
    expect(JSON.stringify(withAdditions(recorded, NO_ADDITIONS))).toBe(JSON.stringify(recorded));
  });
});
