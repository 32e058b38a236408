import { describe, expect, it } from "vitest";
import { gradeTheory, isCorrect, passes, type AnswerValue, type GradableItem } from "~/domain/grading";

describe("isCorrect", () => {
  describe("多选 scores only on the exact key set", () => {
    const item = { type: "多选" as const, key: ["A", "C", "D"] };
    it("the exact set, in any order, scores", () => {
      expect(isCorrect(item, ["A", "C", "D"])).toBe(true);
      expect(isCorrect(item, ["D", "A", "C"])).toBe(true);
      expect(isCorrect(item, ["C", "D", "A"])).toBe(true);
    });
    it("duplicates in the answer are ignored", () => {
      expect(isCorrect(item, ["A", "C", "D", "A"])).toBe(true);
      expect(isCorrect(item, ["D", "D", "C", "A", "C"])).toBe(true);
      // but a duplicate does not make up for a missing letter
      expect(isCorrect(item, ["A", "A", "C"])).toBe(false);
    });
    it("an extra letter scores 0 (多选)", () => {
      expect(isCorrect(item, ["A", "B", "C", "D"])).toBe(false);
      expect(isCorrect(item, ["A", "C", "D", "E"])).toBe(false);
    });
    it("a missing letter scores 0 (少选)", () => {
      expect(isCorrect(item, ["A", "C"])).toBe(false);
      expect(isCorrect(item, ["D"])).toBe(false);
    });
    it("a wrong letter scores 0 (错选)", () => {
      expect(isCorrect(item, ["A", "B", "D"])).toBe(false);
      expect(isCorrect(item, ["B", "E"])).toBe(false);
    });
    it("an unsorted key works too", () => {
      expect(isCorrect({ type: "多选", key: ["D", "B"] }, ["B", "D"])).toBe(true);
      expect(isCorrect({ type: "多选", key: ["D", "B"] }, ["D", "B"])).toBe(true);
    });
    it("unanswered or a non-list answer scores 0", () => {
      expect(isCorrect(item, null)).toBe(false);
      expect(isCorrect(item, undefined)).toBe(false);
      expect(isCorrect(item, [])).toBe(false);
      expect(isCorrect(item, "ACD")).toBe(false);
      expect(isCorrect(item, "A,C,D")).toBe(false);
    });
  });

  it("判断", () => {
    const item = { type: "判断" as const, key: "正确" };
    expect(isCorrect(item, "正确")).toBe(true);
    expect(isCorrect(item, "错误")).toBe(false);
    expect(isCorrect({ type: "判断", key: "错误" }, "错误")).toBe(true);
    expect(isCorrect({ type: "判断", key: "错误" }, "正确")).toBe(false);
    expect(isCorrect(item, null)).toBe(false);
    expect(isCorrect(item, undefined)).toBe(false);
    expect(isCorrect(item, "")).toBe(false);
  });

  it("单选", () => {
    const item = { type: "单选" as const, key: "B" };
    expect(isCorrect(item, "B")).toBe(true);
    for (const wrong of ["A", "C", "D", "b", ""]) expect(isCorrect(item, wrong)).toBe(false);
    expect(isCorrect(item, null)).toBe(false);
    expect(isCorrect(item, undefined)).toBe(false);
  });
});

describe("passes", () => {
  it("passes at 60 or above, never rounding up", () => {
    expect(passes(0)).toBe(false);
    expect(passes(59)).toBe(false);
    expect(passes(59.5)).toBe(false);
    expect(passes(59.9)).toBe(false);
    expect(passes(59.999)).toBe(false);
    expect(passes(60)).toBe(true);
    expect(passes(60.5)).toBe(true);
    expect(passes(100)).toBe(true);
  });
});

describe("gradeTheory", () => {
  const small: GradableItem[] = [
    { id: "j1", type: "判断", points: 1, area: "职业道德", key: "正确" },
    { id: "s1", type: "单选", points: 1, area: "职业道德", key: "A" },
    { id: "m1", type: "多选", points: 2, area: "职业道德", key: ["A", "B"] },
    { id: "j2", type: "判断", points: 1, area: "业务办理", key: "错误" },
    { id: "s2", type: "单选", points: 1, area: "业务办理", key: "C" },
    { id: "m2", type: "多选", points: 2, area: "业务办理", key: ["B", "C", "D"] },
  ];

  it("totals points and reports each area, in paper order", () => {
    const answers = new Map<string, AnswerValue>([
      ["j1", "正确"], // 1
      ["s1", "B"], // 0
      ["m1", ["B", "A"]], // 2
      ["j2", "正确"], // 0
      ["s2", "C"], // 1
      ["m2", ["B", "C"]], // 0 (少选)
    ]);
    const r = gradeTheory(small, answers);
    expect(r.total).toBe(4);
    expect(r.passed).toBe(false);
    expect(r.correct).toBe(3);
    expect(r.answered).toBe(6);
    expect(r.byArea).toEqual([
      { area: "职业道德", points: 3, max: 4 },
      { area: "业务办理", points: 1, max: 4 },
    ]);
  });

  it("scores unanswered items 0 and does not count them as answered", () => {
    const answers = new Map<string, AnswerValue>([
      ["j1", "正确"],
      ["s1", ""],
      ["m1", []],
      ["j2", null],
      ["s2", undefined],
      // m2 missing
    ]);
    const r = gradeTheory(small, answers);
    expect(r.total).toBe(1);
    expect(r.correct).toBe(1);
    expect(r.answered).toBe(1);
    expect(r.byArea).toEqual([
      { area: "职业道德", points: 1, max: 4 },
      { area: "业务办理", points: 0, max: 4 },
    ]);
  });

  it("an empty answer sheet scores 0 and fails", () => {
    const r = gradeTheory(small, new Map());
    expect(r).toEqual({
      total: 0,
      passed: false,
      correct: 0,
      answered: 0,
      byArea: [
        { area: "职业道德", points: 0, max: 4 },
        { area: "业务办理", points: 0, max: 4 },
      ],
    });
  });

  // A 100-point paper: 50 单选 (1 point, 业务办理) + 25 多选 (2 points, 基础知识).
  const full: GradableItem[] = [
    ...Array.from({ length: 50 }, (_, k): GradableItem => ({ id: `s${k}`, type: "单选", points: 1, area: "业务办理", key: "A" })),
    ...Array.from({ length: 25 }, (_, k): GradableItem => ({ id: `m${k}`, type: "多选", points: 2, area: "基础知识", key: ["A", "B"] })),
  ];
  function sheet(singlesRight: number, multisRight: number): Map<string, AnswerValue> {
    const m = new Map<string, AnswerValue>();
    full.forEach((i) => {
      const n = Number(i.id.slice(1));
      if (i.type === "单选") m.set(i.id, n < singlesRight ? "A" : "B");
      else m.set(i.id, n < multisRight ? ["A", "B"] : ["A", "B", "C"]);
    });
    return m;
  }

  it("a total of exactly 60 passes", () => {
    const r = gradeTheory(full, sheet(20, 20));
    expect(r.total).toBe(60);
    expect(r.passed).toBe(true);
    expect(r.correct).toBe(40);
    expect(r.answered).toBe(75);
    expect(r.byArea).toEqual([
      { area: "业务办理", points: 20, max: 50 },
      { area: "基础知识", points: 40, max: 50 },
    ]);
  });

  it("a total of 59 fails", () => {
    const r = gradeTheory(full, sheet(19, 20));
    expect(r.total).toBe(59);
    expect(r.passed).toBe(false);
  });

  it("a full sheet scores 100", () => {
    const r = gradeTheory(full, sheet(50, 25));
    expect(r.total).toBe(100);
    expect(r.passed).toBe(true);
    expect(r.byArea.reduce((n, a) => n + a.max, 0)).toBe(100);
  });
});
