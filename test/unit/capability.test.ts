import { describe, expect, it } from "vitest";
import { departmentTotal, rank, starCount, topWithTies } from "~/domain/department";
import {
  bonusPoints,
  checkScore,
  completionPoints,
  consecutiveFails,
  deductionPoints,
  evaluate,
  subjectiveScore,
  SUBJECTIVE_INDICATORS,
  OBJECTIVE_INDICATORS,
  type EvaluationInput,
} from "~/domain/evaluation";
import { fiveForces } from "~/domain/five-forces";
import { checkCounts, formatRate, ratingPoints, rates, sumCounts } from "~/domain/ratings";

describe("annual evaluation (seed 000)", () => {
  it("has 11 subjective indicators worth 55 and 4 objective worth 45", () => {
    expect(SUBJECTIVE_INDICATORS.reduce((s, d) => s + d.max, 0)).toBe(55);
    expect(OBJECTIVE_INDICATORS.reduce((s, d) => s + d.max, 0)).toBe(45);
  });
  it("weighs self : peers : manager as 2 : 3 : 5, peers averaged", () => {
    expect(subjectiveScore({ self: 5, peers: [4, 3], manager: 4 })).toBeCloseTo(0.2 * 5 + 0.3 * 3.5 + 0.5 * 4, 12);
  });
  it("shows a missing input as missing, never as zero", () => {
    expect(subjectiveScore({ self: 5, peers: [], manager: 4 })).toBeNull();
    expect(subjectiveScore({ self: null, peers: [4], manager: 4 })).toBeNull();
  });
  it("bounds entries by the indicator maximum", () => {
    expect(checkScore(15, 15)).toBeNull();
    expect(checkScore(15.5, 15)).toBe("分数应在 0 至 15 之间");
    expect(checkScore(-1, 5)).toBe("分数应在 0 至 5 之间");
  });
  it("awards bonuses per level (街镇 0.5, 区 1, 市/部 1.5, 国家 2; major events 0.5–1) capped at 10", () => {
    expect(bonusPoints([{ level: "街镇" }, { level: "区" }, { level: "市/部" }, { level: "国家" }]).capped).toBe(5);
    expect(bonusPoints([{ majorEvent: 0.8 }, { majorEvent: 3 }]).raw).toBe(1.8);
    expect(bonusPoints(Array.from({ length: 6 }, () => ({ level: "国家" as const }))).capped).toBe(10);
  });
  it("deducts 0–5 per case with a floor of −20", () => {
    expect(deductionPoints([5, 3]).floored).toBe(-8);
    expect(deductionPoints([5, 5, 5, 5, 5]).floored).toBe(-20);
    expect(deductionPoints([9]).raw).toBe(-5);
  });
  it("converts work completion to 25 points", () => {
    expect(completionPoints(90, 100)).toBe(22.5);
    expect(completionPoints(120, 100)).toBe(25);
    expect(completionPoints(5, 0)).toBeNull();
  });

  const full = (v: number): EvaluationInput => ({
    subjective: Object.fromEntries(SUBJECTIVE_INDICATORS.map((d) => [d.key, { self: d.max * v, peers: [d.max * v], manager: d.max * v }])),
    objective: Object.fromEntries(OBJECTIVE_INDICATORS.map((d) => [d.key, d.max * v])),
    awards: [],
    deductions: [],
    veto: null,
  });
  it("totals, passes at the (configurable) mark, and lists what is missing", () => {
    const r = evaluate(full(0.6));
    expect(r.total).toBeCloseTo(60, 9);
    expect(r.passed).toBe(true);
    expect(evaluate({ ...full(0.6), deductions: [1] }).passed).toBe(false);
    expect(evaluate({ ...full(0.6), passMark: 70 }).passed).toBe(false);
    const partial = evaluate({ ...full(0.8), objective: { completion: 20 } });
    expect(partial.total).toBeNull();
    expect(partial.passed).toBeNull();
    expect(partial.missing).toEqual(["好差评情况", "投诉情况", "表扬褒奖"]);
  });
  it("a veto sets −100 and fails regardless of the rest", () => {
    const r = evaluate({ ...full(1), awards: [{ level: "国家" }], veto: "列为失信被执行人" });
    expect(r.deduction).toBe(-100);
    expect(r.passed).toBe(false);
    expect(r.vetoed).toBe(true);
  });
  it("flags two consecutive failed years", () => {
    expect(
      consecutiveFails([
        { year: 2024, passed: false },
        { year: 2025, passed: false },
        { year: 2026, passed: true },
      ]),
    ).toEqual([2025]);
    expect(
      consecutiveFails([
        { year: 2023, passed: false },
        { year: 2025, passed: false },
      ]),
    ).toEqual([]);
  });
});

describe("好差评 rates (GB/T 39735 Annex A)", () => {
  const c = { activeGood: 180, activeBad: 12, timeoutUnrated: 8, invalidBad: 2, repliedBad: 11, rectified: 8, satisfied: 6 };
  it("computes the six rates exactly as defined", () => {
    const r = rates(c);
    expect(r.goodRate).toBeCloseTo((200 - 10) / 200, 12); // total 200, valid bad 10
    expect(r.activeGoodRate).toBeCloseTo(180 / (192 - 2), 12);
    expect(r.unratedRate).toBeCloseTo((8 + 2) / 200, 12);
    expect(r.replyRate).toBeCloseTo(11 / 12, 12);
    expect(r.rectificationRate).toBeCloseTo(8 / 10, 12);
    expect(r.rectificationSatisfaction).toBeCloseTo(6 / 8, 12);
  });
  it("gives 'no data' for a zero denominator, never 0 % or 100 %", () => {
    const none = rates({ activeGood: 0, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 });
    expect(Object.values(none).every((v) => v === null)).toBe(true);
    const noBad = rates({ activeGood: 50, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 });
    expect(noBad.goodRate).toBe(1);
    expect(noBad.replyRate).toBeNull();
    expect(noBad.rectificationRate).toBeNull();
    expect(formatRate(noBad.replyRate)).toBe("无数据");
    expect(formatRate(0.9999)).toBe("99.9%");
  });
  it("rejects impossible counts", () => {
    expect(checkCounts({ ...c, invalidBad: 13 })).toBe("无效差评数不能大于差评数");
    expect(checkCounts({ ...c, satisfied: 9 })).toBe("整改满意数不能大于已整改数");
    expect(checkCounts(c)).toBeNull();
  });
  it("converts to 好差评情况 points and sums channels", () => {
    expect(ratingPoints(c)).toBeCloseTo(10 * 0.95 - 2 * 0.2, 12);
    expect(
      ratingPoints({ activeGood: 0, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 }),
    ).toBeNull();
    expect(sumCounts([c, c]).activeGood).toBe(360);
  });
});

describe("department assessment (seed 003)", () => {
  it("has 100 base points and at most 20 bonus; totals ≤ 120", () => {
    const maxAll = Object.fromEntries([
      ["onlineHelp", 10],
      ["offlineHelp", 5],
      ["consulting", 5],
      ["serviceRating", 10],
      ["windowSupport", 10],
      ["coordination", 10],
      ["windowNorms", 10],
      ["onlineMaturity", 20],
      ["twoCentralizations", 10],
      ["discipline", 10],
    ]);
    const r = departmentTotal(maxAll, { innovation: 6, outstanding: 6, publicity: 4, other: 4 });
    expect(r).toEqual({ base: 100, bonus: 20, total: 120, error: null });
    expect(departmentTotal({ ...maxAll, onlineMaturity: 21 }, {}).error).toBe("在线办理成熟度应在 0 至 20 分之间");
  });
  it("ranks with shared ranks and names the top 3 with ties at the boundary", () => {
    const rows = [
      { name: "甲", total: 110 },
      { name: "乙", total: 105 },
      { name: "丙", total: 101 },
      { name: "丁", total: 101 },
      { name: "戊", total: 95 },
    ];
    expect(rank(rows).map((r) => r.rank)).toEqual([1, 2, 3, 3, 5]);
    const top = topWithTies(rows, 3);
    expect(top.winners.map((w) => w.name)).toEqual(["甲", "乙", "丙", "丁"]);
    expect(top.tiedAtBoundary).toBe(true);
  });
  it("服务明星 are the top 10 % of staff, rounded up, at least one", () => {
    expect(starCount(0)).toBe(0);
    expect(starCount(5)).toBe(1);
    expect(starCount(20)).toBe(2);
    expect(starCount(21)).toBe(3);
  });
});

describe("five forces", () => {
  it("is 0–100 per force from the mapped inputs, leaving missing ones out", () => {
    const ev = evaluate({
      subjective: Object.fromEntries(SUBJECTIVE_INDICATORS.map((d) => [d.key, { self: d.max, peers: [d.max], manager: d.max }])),
      objective: { completion: 25, ratings: 10, complaints: 5, praise: 5 },
      awards: [],
      deductions: [],
      veto: null,
    });
    const forces = fiveForces({
      evaluation: ev,
      exams: [{ part: "skill", area: "业务办理", points: 25, max: 50 }],
      trainingHours: 80,
      standardHours: 160,
    });
    const by = Object.fromEntries(forces.map((f) => [f.force, f]));
    expect(by["沟通力"].score).toBeCloseTo(((1 + 1 + 0.5) / 3) * 100, 9);
    expect(by["担当力"].inputs.find((i) => i.label.startsWith("理论「职业道德」"))!.share).toBeNull();
    expect(by["学习力"].score).toBeCloseTo(((1 + 1 + 1 + 1 + 0.5) / 5) * 100, 9);
    expect(fiveForces({ evaluation: null, exams: [], trainingHours: 0, standardHours: 0 }).every((f) => f.score === null)).toBe(true);
  });
});
