// Working days from the State Council's arrangement (chinese-days data), the 公示 and 复核
// periods built on them, and the pure rules of 复核 and the certificate gate.
import { describe, expect, it } from "vitest";
import {
  canRequestReview,
  certificateGate,
  checkOutcome,
  issuingRefusal,
  publicityState,
  reviewOverdue,
  workingDayPeriod,
} from "~/domain/publicity";
import { recheckSkill, recheckTheory, reviewerRefusal } from "~/domain/review";
import { addWorkingDays, calendarCovers, isWorkingDay, uncoveredYears } from "~/domain/working-days";

describe("working days (State Council holidays and 调休)", () => {
  it("knows the 2026 National Day week: 1–7 October off, Sunday 20 September and Saturday 10 October worked", () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(isWorkingDay("2026-09-20")).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay("2026-10-10")).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay("2026-10-11")).toBe(false); // an ordinary Sunday
    expect(isWorkingDay("2026-09-25")).toBe(false); // 中秋 (Friday)
    expect(isWorkingDay("2026-09-30")).toBe(true);
  });

  it("counts working days across 国庆: five after Tuesday 29 September end on Monday 12 October", () => {
    // 9-30 (1), 10-8 (2), 10-9 (3), 10-10 makeup Saturday (4), 10-12 (5)
    expect(addWorkingDays("2026-09-29", 5)).toBe("2026-10-12");
    expect(addWorkingDays("2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-18", 2)).toBe("2026-09-21"); // Sat 19 off, Sun 20 worked, Mon 21
    expect(addWorkingDays("2026-12-04", 0)).toBe("2026-12-04");
    expect(() => addWorkingDays("2026-12-04", -1)).toThrow();
  });

  it("falls back to Monday–Friday for a year without data, and says which years", () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(calendarCovers(2027)).toBe(false);
    expect(addWorkingDays("2026-12-30", 3)).toBe("2027-01-04"); // 1 January 2027 counted as a plain Friday
    expect(uncoveredYears("2026-12-30", "2027-01-04")).toEqual([2027]);
    expect(uncoveredYears("2026-09-29", "2026-10-12")).toEqual([]);
  });
});

describe("公示 and 复核 periods", () => {
  const published = new Date("2026-09-29T10:00:00+08:00");

  it("ends a 5-day 公示 at midnight after its last working day (Beijing time)", () => {
    const p = workingDayPeriod(published, 5);
    expect(p).toMatchObject({ days: 5, lastDay: "2026-10-12", uncovered: [] });
    expect(p.endsAt.toISOString()).toBe("2026-10-12T16:00:00.000Z");
    expect(publicityState({ publishedAt: published, publicityEndsAt: p.endsAt }, new Date("2026-10-12T23:59:59+08:00"))).toBe("open");
    expect(publicityState({ publishedAt: published, publicityEndsAt: p.endsAt }, new Date("2026-10-13T00:00:00+08:00"))).toBe("ended");
  });

  it("treats 0 days as no 公示, and an old publication without an end as over", () => {
    const p = workingDayPeriod(published, 0);
    expect(p.endsAt).toEqual(published);
    expect(publicityState({ publishedAt: published, publicityEndsAt: p.endsAt }, published)).toBe("ended");
    expect(publicityState({ publishedAt: published, publicityEndsAt: null }, published)).toBe("ended");
    expect(publicityState({ publishedAt: null, publicityEndsAt: null }, published)).toBe("none");
  });

  it("marks an unsettled 复核 overdue from its due instant", () => {
    const dueAt = workingDayPeriod(published, 10).endsAt; // 10 working days: 2026-10-19
    expect(dueAt.toISOString()).toBe("2026-10-19T16:00:00.000Z");
    expect(reviewOverdue({ dueAt, settled: false }, new Date("2026-10-19T23:00:00+08:00"))).toBe(false);
    expect(reviewOverdue({ dueAt, settled: false }, new Date("2026-10-20T08:00:00+08:00"))).toBe(true);
    expect(reviewOverdue({ dueAt, settled: true }, new Date("2026-10-20T08:00:00+08:00"))).toBe(false);
  });
});

describe("复核 rules", () => {
  const endsAt = new Date("2026-10-13T00:00:00+08:00");
  const base = { published: true, publicityEndsAt: endsAt, hasResult: true, alreadyRequested: false };

  it("takes one request per part during the 公示 only", () => {
    expect(canRequestReview({ ...base, now: new Date("2026-10-12T20:00:00+08:00") })).toEqual({ ok: true });
    expect(canRequestReview({ ...base, now: endsAt })).toMatchObject({ ok: false, reason: "公示期已于 2026-10-12 结束，不能再申请复核。" });
    expect(canRequestReview({ ...base, alreadyRequested: true, now: endsAt })).toMatchObject({
      reason: "本科目已申请过复核，每科只能申请一次。",
    });
    expect(canRequestReview({ ...base, hasResult: false, now: endsAt })).toMatchObject({ ok: false });
    expect(canRequestReview({ ...base, published: false, now: endsAt })).toMatchObject({ reason: "成绩尚未发布，不能申请复核。" });
  });

  it("lets the outcome follow the re-check", () => {
    expect(checkOutcome("upheld", { stored: 72, recomputed: 72, complete: true })).toBeNull();
    expect(checkOutcome("corrected", { stored: 72, recomputed: 72, complete: true })).toBe("复核重算结果与原成绩一致，应维持原成绩。");
    expect(checkOutcome("upheld", { stored: 72, recomputed: 74, complete: true })).toBe("复核重算结果与原成绩不一致，应更正成绩。");
    expect(checkOutcome("corrected", { stored: 72, recomputed: 74, complete: true })).toBeNull();
    expect(checkOutcome("upheld", { stored: 72, recomputed: 72, complete: false })).toMatch(/不完整/);
  });

  it("refuses the candidate, the group's examiners (skill) and the room's proctors (theory)", () => {
    const f = { reviewerPersonId: "p2", candidatePersonId: "p1", examinerOfGroup: false, proctorOfRoom: false };
    expect(reviewerRefusal({ ...f, kind: "theory" })).toBeNull();
    expect(reviewerRefusal({ ...f, kind: "theory", reviewerPersonId: "p1" })).toBe("不能复核本人的成绩。");
    expect(reviewerRefusal({ ...f, kind: "skill", examinerOfGroup: true })).toMatch(/考评组的考评员/);
    expect(reviewerRefusal({ ...f, kind: "theory", proctorOfRoom: true })).toMatch(/监考员/);
    expect(reviewerRefusal({ ...f, kind: "theory", examinerOfGroup: true })).toBeNull();
  });

  it("holds a certificate back while a part is in 公示 or a 复核 is open", () => {
    const now = new Date("2026-10-12T12:00:00+08:00");
    const parts = [
      { label: "理论知识考试", publicityEndsAt: endsAt },
      { label: "技能考核", publicityEndsAt: null },
    ];
    expect(certificateGate({ parts, openReviews: 0 }, now)).toEqual({ ok: false, reason: "理论知识考试成绩公示中（至 2026-10-12）" });
    expect(certificateGate({ parts, openReviews: 1 }, endsAt)).toEqual({ ok: false, reason: "有 1 项复核尚未办结" });
    expect(certificateGate({ parts, openReviews: 0 }, endsAt)).toEqual({ ok: true });
  });

  it("refuses to issue a sitting's certificates before publication and during its 公示, on both issuing pages", () => {
    const published = { status: "published", publishedAt: new Date("2026-09-28T10:00:00+08:00"), publicityEndsAt: endsAt };
    expect(issuingRefusal({ ...published, status: "scheduled", publishedAt: null }, endsAt)).toBe("成绩尚未发布，不能颁发证书。");
    expect(issuingRefusal(published, new Date("2026-10-12T23:59:00+08:00"))).toBe("公示期至 2026-10-12，公示期满后才能颁发证书。");
    expect(issuingRefusal(published, endsAt)).toBeNull();
    // Published before 公示 existed: nothing to wait for.
    expect(issuingRefusal({ ...published, publicityEndsAt: null }, published.publishedAt)).toBeNull();
  });
});

describe("re-check of the arithmetic", () => {
  const items = [
    { id: "a", type: "单选" as const, points: 2, area: "基础知识" as const, key: "A" },
    { id: "b", type: "多选" as const, points: 3, area: "基础知识" as const, key: ["A", "C"] },
    { id: "c", type: "判断" as const, points: 1, area: "咨询引导" as const, key: "对" },
  ];
  const answers = [
    { itemId: "a", value: '"A"' },
    { itemId: "b", value: '["C","A"]' },
    { itemId: "c", value: '"错"' },
  ];

  it("theory: re-grades every answer against the key and finds a stored total that does not add up", () => {
    const ok = recheckTheory(items, answers, {
      score: 5,
      areaScores: [
        { area: "基础知识", points: 5 },
        { area: "咨询引导", points: 0 },
      ],
    });
    expect(ok).toMatchObject({ stored: 5, recomputed: 5, answered: 3, correct: 2, findings: [], complete: true });
    const wrong = recheckTheory([...items], [...answers, { itemId: "zz", value: '"B"' }], {
      score: 3,
      areaScores: [
        { area: "基础知识", points: 2 },
        { area: "咨询引导", points: 1 },
      ],
    });
    expect(wrong.recomputed).toBe(5);
    expect(wrong.findings).toEqual([
      "有 1 条作答不属于本试卷的题目（zz），未计分。",
      "「基础知识」原记 2 分，重算 5 分。",
      "「咨询引导」原记 1 分，重算 0 分。",
      "总分原记 3 分，重算 5 分。",
    ]);
  });

  it("skill: re-adds each examiner's criteria, checks every sheet is there, and the exact mean", () => {
    const tasks = [
      {
        id: "t1",
        title: "任务一",
        points: 10,
        rubric: [
          { criterion: "x", points: 6 },
          { criterion: "y", points: 4 },
        ],
      },
      { id: "t2", title: "任务二", points: 5, rubric: [{ criterion: "z", points: 5 }] },
    ];
    const sheet = (taskId: string, examinerId: string, scores: number[], total = scores.reduce((a, b) => a + b, 0)) => ({
      taskId,
      examinerId,
      status: "submitted",
      scores,
      total,
    });
    const sheets = [
      sheet("t1", "e1", [6, 4]),
      sheet("t1", "e2", [5, 4]),
      sheet("t1", "e3", [5, 3.5], 9), // stored total does not match its criteria
      sheet("t2", "e1", [5]),
      sheet("t2", "e2", [4]),
      sheet("t2", "e3", [4.5]),
    ];
    const r = recheckSkill(tasks, ["e1", "e2", "e3"], sheets, 13);
    // t1: (10 + 9 + 8.5) / 3 = 9.1666…; t2: 13.5 / 3 = 4.5 → 13.666…
    expect(r.recomputed).toBeCloseTo(13.6667, 4);
    expect(r.complete).toBe(true);
    expect(r.findings).toContain("「任务一」一张评分表合计原记 9 分，重加为 8.5 分。");
    expect(r.findings.at(-1)).toMatch(/^技能总分原记 13 分，重算 13.66/);
    const missing = recheckSkill(tasks, ["e1", "e2", "e3"], sheets.slice(0, 5), 13);
    expect(missing.complete).toBe(false);
    expect(missing.findings).toContain("「任务二」缺少一名考评员的已提交评分。");
  });
});
