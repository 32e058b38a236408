// Item analysis (app/domain/item-analysis.ts) on small matrices whose figures are worked out by
// hand in the comments.
import { describe, expect, it } from "vitest";
import {
  analyseAttempts,
  itemStats,
  kr20,
  MIN_ITEM_RESPONSES,
  paperStats,
  scoreSummary,
  upperLowerGroupSize,
  upperLowerIndex,
  type AnalysisAttempt,
  type AnalysisItem,
} from "~/domain/item-analysis";

/** Attempts at one paper from a 0/1 matrix of one-point 判断 items (row = attempt). */
function fromMatrix(rows: number[][], paperId = "P1"): AnalysisAttempt[] {
  return rows.map((row, a) => ({
    attemptId: `a${String(a).padStart(2, "0")}`,
    paperId,
    total: row.reduce((s, x) => s + x, 0),
    responses: row.map((x, j) => ({ itemId: `Q${j + 1}`, response: x ? "正确" : "错误", earned: x, max: 1 })),
  }));
}

const judge = (id: string, requirement = "L5/1.1.1"): AnalysisItem => ({ id, type: "判断", requirement, key: "正确" });

// A perfect Guttman pattern, 5 candidates × 4 items:
//        Q1 Q2 Q3 Q4   X
//   a00   1  1  1  1   4
//   a01   1  1  1  0   3
//   a02   1  1  0  0   2
//   a03   1  0  0  0   1
//   a04   0  0  0  0   0
const GUTTMAN = [
  [1, 1, 1, 1],
  [1, 1, 1, 0],
  [1, 1, 0, 0],
  [1, 0, 0, 0],
  [0, 0, 0, 0],
];

describe("KR-20", () => {
  it("equals the hand-computed value on the Guttman matrix", () => {
    // p = .8 .6 .4 .2 → Σpq = .16 + .24 + .24 + .16 = 0.8
    // X = 4 3 2 1 0 → mean 2, σ² = (4 + 1 + 0 + 1 + 4) / 5 = 2
    // KR-20 = 4/3 · (1 − 0.8 / 2) = 4/3 · 0.6 = 0.8
    const r = kr20(fromMatrix(GUTTMAN));
    expect(r.k).toBe(4);
    expect(r.kr20).toBeCloseTo(0.8, 10);
  });

  it("counts a partial-credit item as correct only at full marks", () => {
    // I1 (1 point), I2 (2 points):  A: 1, 2 → 1 1 (X 2)   B: 1, 1 → 1 0 (X 1)   C: 0, 0 → 0 0 (X 0)
    // p1 = 2/3, p2 = 1/3 → Σpq = 2/9 + 2/9 = 4/9; X mean 1, σ² = (1 + 0 + 1) / 3 = 2/3
    // KR-20 = 2/1 · (1 − (4/9) / (2/3)) = 2 · (1 − 2/3) = 2/3
    const r = (id: string, e1: number, e2: number): AnalysisAttempt => ({
      attemptId: id,
      paperId: "P",
      total: e1 + e2,
      responses: [
        { itemId: "I1", response: "A", earned: e1, max: 1 },
        { itemId: "I2", response: ["A", "B"], earned: e2, max: 2 },
      ],
    });
    expect(kr20([r("A", 1, 2), r("B", 1, 1), r("C", 0, 0)]).kr20).toBeCloseTo(2 / 3, 10);
  });

  it("is undefined without variance or with a single attempt", () => {
    expect(kr20(fromMatrix([[1, 1, 0]])).kr20).toBeNull();
    expect(
      kr20(
        fromMatrix([
          [1, 0],
          [0, 1],
        ]),
      ).kr20,
    ).toBeNull(); // both score 1
  });
});

describe("corrected point-biserial", () => {
  const analysis = analyseAttempts(new Map(["Q1", "Q2", "Q3", "Q4"].map((id) => [id, judge(id)])), fromMatrix(GUTTMAN));
  const q = (id: string) => analysis.items.find((i) => i.itemId === id)!;

  it("correlates the item with the rest score, not the total", () => {
    // Q1: x = 1 1 1 1 0, rest = X − x = 3 2 1 0 0; means .8 and 1.2
    // Σdx·dy = .2·1.8 + .2·.8 + .2·(−.2) + .2·(−1.2) + (−.8)·(−1.2) = .36 + .16 − .04 − .24 + .96 = 1.2
    // Σdx² = 4·.04 + .64 = 0.8; Σdy² = 3.24 + .64 + .04 + 1.44 + 1.44 = 6.8
    // r = 1.2 / √(0.8 · 6.8) = 1.2 / √5.44 = 0.514496…
    expect(q("Q1").pointBiserial).toBeCloseTo(1.2 / Math.sqrt(5.44), 10);
    expect(q("Q1").pointBiserial).toBeCloseTo(0.5145, 4);
    // Q2: x = 1 1 1 0 0, rest = 3 2 1 1 0; means .6 and 1.4
    // Σdx·dy = .4·1.6 + .4·.6 + .4·(−.4) + (−.6)(−.4) + (−.6)(−1.4) = .64 + .24 − .16 + .24 + .84 = 1.8
    // Σdx² = 3·.16 + 2·.36 = 1.2; Σdy² = 2.56 + .36 + .16 + .16 + 1.96 = 5.2
    // r = 1.8 / √6.24 = 0.720577…
    expect(q("Q2").pointBiserial).toBeCloseTo(0.720577, 5);
  });

  it("reports facility and n", () => {
    expect(analysis.items.map((i) => [i.itemId, i.n, i.facility])).toEqual([
      ["Q1", 5, 0.8],
      ["Q2", 5, 0.6],
      ["Q3", 5, 0.4],
      ["Q4", 5, 0.2],
    ]);
    // Five responses are too few: figures shown, no flags.
    expect(analysis.items.every((i) => !i.reliable && i.flags.length === 0)).toBe(true);
  });
});

describe("upper–lower 27 %", () => {
  // Ten candidates (total, item):  A 90 1, B 85 1, C 80 0, D 70 1, E 65 1, F 60 0, G 55 1, H 50 0, I 40 0, J 30 1
  // group size round(0.27 · 10) = 3; upper A B C → 2/3, lower H I J → 1/3; D = 1/3
  const rows: [string, number, number][] = [
    ["A", 90, 1],
    ["B", 85, 1],
    ["C", 80, 0],
    ["D", 70, 1],
    ["E", 65, 1],
    ["F", 60, 0],
    ["G", 55, 1],
    ["H", 50, 0],
    ["I", 40, 0],
    ["J", 30, 1],
  ];
  const obs = rows.map(([attemptId, total, x]) => ({ attemptId, paperId: "P", total, x, earned: x, response: x ? "B" : "A" }));

  it("takes round(27 %) at each end", () => {
    expect(upperLowerGroupSize(10)).toBe(3);
    expect(upperLowerGroupSize(5)).toBe(1);
    expect(upperLowerGroupSize(1)).toBe(0);
    const r = upperLowerIndex(obs);
    expect(r.groupSize).toBe(3);
    expect(r.d).toBeCloseTo(1 / 3, 10);
  });

  it("lets candidates tied at a boundary share the remaining places", () => {
    // totals 90 80 80 80 50 40 (n 6 → groups of round(1.62) = 2), item x = 1 | 1 0 0 | 1 0
    // upper: 90 in full, the three 80s share one place (⅓ each): (1 + ⅓·(1 + 0 + 0)) / 2 = 2/3
    // lower: 40 and 50 in full: (0 + 1) / 2 = 1/2 → D = 2/3 − 1/2 = 1/6, whatever the order
    const tied = [
      { total: 90, x: 1 },
      { total: 80, x: 1 },
      { total: 80, x: 0 },
      { total: 80, x: 0 },
      { total: 50, x: 1 },
      { total: 40, x: 0 },
    ];
    expect(upperLowerIndex(tied).d).toBeCloseTo(1 / 6, 10);
    expect(upperLowerIndex([...tied].reverse()).d).toBeCloseTo(1 / 6, 10);
    // Everyone tied: both groups are everyone, D = 0.
    expect(upperLowerIndex(tied.map((o) => ({ ...o, total: 70 }))).d).toBeCloseTo(0, 10);
  });

  it("gives the same item its point-biserial and low-sample status", () => {
    // rest = 89 84 80 69 64 60 54 50 40 29, Σ = 619, mean 61.9; x mean .6
    // Σdx·dy = Σx·r − n·x̄·r̄ = (89 + 84 + 69 + 64 + 54 + 29) − 10 · .6 · 61.9 = 389 − 371.4 = 17.6
    // Σdx² = 10 · .6 · .4 = 2.4; Σdy² = Σr² − n·r̄² = 41691 − 38316.1 = 3374.9
    // r = 17.6 / √(2.4 · 3374.9) = 17.6 / √8099.76 = 0.195559…
    const s = itemStats({ id: "X", type: "单选", requirement: "L5/1.1.1", options: { A: "a", B: "b", C: "c", D: "d" }, key: "B" }, obs);
    expect(s.pointBiserial).toBeCloseTo(0.195559, 5);
    expect(s.upperLower).toBeCloseTo(1 / 3, 10);
    expect(s.n).toBe(10);
    expect(s.reliable).toBe(false);
    expect(s.flags).toEqual([]); // below MIN_ITEM_RESPONSES although r < 0.2 and C, D unused
    expect(s.options!.map((o) => [o.option, o.isKey, o.count])).toEqual([
      ["A", false, 4],
      ["B", true, 6],
      ["C", false, 0],
      ["D", false, 0],
    ]);
    // Those who chose A: C 80, F 60, H 50, I 40 → mean 57.5
    expect(s.options![0].meanTotal).toBe(57.5);
    expect(s.options![2].meanTotal).toBeNull();
  });
});

describe("options, blanks and flags", () => {
  const single: AnalysisItem = {
    id: "S",
    type: "单选",
    requirement: "L5/2.2.1",
    options: { A: "a", B: "b", C: "c", D: "d" },
    key: "B",
  };
  const at = (i: number, response: string | string[] | null, earned: number, total: number, max = 1): AnalysisAttempt => ({
    attemptId: `x${String(i).padStart(2, "0")}`,
    paperId: "P",
    total,
    responses: [{ itemId: single.id, response, earned, max }],
  });

  it("counts each option and the blanks", () => {
    // B B A (blank) B A → A 2, B 3, C 0, D 0, blank 1; facility 3/6
    const a = [at(0, "B", 1, 80), at(1, "B", 1, 70), at(2, "A", 0, 40), at(3, null, 0, 30), at(4, "B", 1, 60), at(5, "A", 0, 50)];
    const s = analyseAttempts(new Map([[single.id, single]]), a).items[0];
    expect(s.blank).toBe(1);
    expect(s.facility).toBe(0.5);
    expect(s.options!.map((o) => o.count)).toEqual([2, 3, 0, 0]);
    expect(s.options![1].share).toBe(0.5);
  });

  it("counts every chosen option of a 多选 response", () => {
    const multi: AnalysisItem = {
      id: "M",
      type: "多选",
      requirement: "L5/2.2.1",
      options: { A: "", B: "", C: "", D: "", E: "" },
      key: ["A", "C"],
    };
    const a = (i: number, r: string[] | null, e: number): AnalysisAttempt => ({
      attemptId: `m${i}`,
      paperId: "P",
      total: e,
      responses: [{ itemId: "M", response: r, earned: e, max: 2 }],
    });
    const s = analyseAttempts(new Map([["M", multi]]), [a(0, ["A", "C"], 2), a(1, ["A"], 0), a(2, ["A", "B", "C"], 0), a(3, [], 0)])
      .items[0];
    expect(s.options!.map((o) => [o.option, o.isKey, o.count])).toEqual([
      ["A", true, 3],
      ["B", false, 1],
      ["C", true, 2],
      ["D", false, 0],
      ["E", false, 0],
    ]);
    expect(s.blank).toBe(1);
    expect(s.facility).toBe(0.25);
  });

  it("flags a too easy item with unused distractors from 20 responses on", () => {
    // 20 × B, all right: facility 1 > 0.9; r undefined (no variance); A, C, D nobody.
    const a = Array.from({ length: MIN_ITEM_RESPONSES }, (_, i) => at(i, "B", 1, 50 + i));
    const s = analyseAttempts(new Map([[single.id, single]]), a).items[0];
    expect(s.reliable).toBe(true);
    expect(s.pointBiserial).toBeNull();
    expect(s.flags).toEqual(["too_easy", "unused_distractor"]);
    // 19 responses: no flags
    expect(analyseAttempts(new Map([[single.id, single]]), a.slice(1)).items[0].flags).toEqual([]);
  });

  it("flags negative discrimination, and a hard item", () => {
    // 20 candidates, totals 10, 15, …, 105 (rest = total − earned); only the four weakest are right:
    // facility 4/20 = 0.2 (not < 0.2: not 过难); r < 0 → 负区分 (not also 区分度低).
    const a = Array.from({ length: 20 }, (_, i) => at(i, i < 4 ? "B" : ["A", "C", "D"][i % 3], i < 4 ? 1 : 0, 10 + 5 * i));
    const s = analyseAttempts(new Map([[single.id, single]]), a).items[0];
    expect(s.facility).toBe(0.2);
    expect(s.pointBiserial!).toBeLessThan(0);
    expect(s.upperLower).toBeCloseTo(0 - 4 / 5, 10); // groups of 5: upper none right, lower 4 of 5
    expect(s.flags).toEqual(["negative_discrimination"]);
    // Three right (the weakest): facility 0.15 → 过难 as well.
    const b = a.map((x, i) => (i === 3 ? at(3, "A", 0, 25) : x));
    expect(analyseAttempts(new Map([[single.id, single]]), b).items[0].flags).toEqual(["too_hard", "negative_discrimination"]);
  });

  it("flags low but positive discrimination", () => {
    // Right: i = 0, 2, 4, …, 18 and 19 (11 of 20) — almost unrelated to the totals 10 + 5i.
    const a = Array.from({ length: 20 }, (_, i) => {
      const right = i % 2 === 0 || i === 19;
      return at(i, right ? "B" : ["A", "C", "D"][i % 3], right ? 1 : 0, 10 + 5 * i);
    });
    const s = analyseAttempts(new Map([[single.id, single]]), a).items[0];
    expect(s.pointBiserial!).toBeGreaterThanOrEqual(0);
    expect(s.pointBiserial!).toBeLessThan(0.2);
    expect(s.flags).toEqual(["low_discrimination"]);
  });
});

describe("paper figures", () => {
  it("bins totals by 10 and summarises them", () => {
    // 100 90 60 59 30 0: mean 339/6 = 56.5; deviations 43.5 33.5 3.5 2.5 −26.5 −56.5,
    // squares sum 1892.25 + 1122.25 + 12.25 + 6.25 + 702.25 + 3192.25 = 6927.5 → σ² = 1154.583…
    // passed (≥ 60): 100, 90, 60 → 3/6
    const s = scoreSummary([100, 90, 60, 59, 30, 0]);
    expect(s.bins.map((b) => `${b.from}-${b.to}:${b.count}`)).toEqual([
      "0-9:1",
      "10-19:0",
      "20-29:0",
      "30-39:1",
      "40-49:0",
      "50-59:1",
      "60-69:1",
      "70-79:0",
      "80-89:0",
      "90-100:2",
    ]);
    expect(s.mean).toBe(56.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(6927.5 / 6), 10);
    expect([s.min, s.max, s.passed, s.passRate]).toEqual([0, 100, 3, 0.5]);
  });

  it("reports KR-20 per paper and marks small samples", () => {
    const p = paperStats("P1", fromMatrix(GUTTMAN), 4);
    expect(p.k).toBe(4);
    expect(p.kr20).toBeCloseTo(0.8, 10);
    expect(p.n).toBe(5);
    expect(p.reliable).toBe(false);
    const empty = scoreSummary([]);
    expect([empty.mean, empty.sd, empty.passRate]).toEqual([null, null, null]);
  });

  it("keeps papers apart and pools items across them", () => {
    const a = [...fromMatrix(GUTTMAN, "P1"), ...fromMatrix(GUTTMAN, "P2").map((x) => ({ ...x, attemptId: `b${x.attemptId}` }))];
    const r = analyseAttempts(new Map(["Q1", "Q2", "Q3", "Q4"].map((id) => [id, judge(id)])), a);
    expect(r.attempts).toBe(10);
    expect(r.papers.map((p) => [p.paperId, p.n])).toEqual([
      ["P1", 5],
      ["P2", 5],
    ]);
    expect(r.items[0]).toMatchObject({ itemId: "Q1", n: 10, papers: 2, facility: 0.8 });
  });
});

describe("per requirement", () => {
  it("averages the facilities of the requirement's items", () => {
    // Q1 .8 and Q2 .6 under L5/1.1.1 → .7; Q3 .4 and Q4 .2 under L5/1.1.2 → .3
    const items = new Map<string, AnalysisItem>([
      ["Q1", judge("Q1", "L5/1.1.1")],
      ["Q2", judge("Q2", "L5/1.1.1")],
      ["Q3", judge("Q3", "L5/1.1.2")],
      ["Q4", judge("Q4", "L5/1.1.2")],
    ]);
    const r = analyseAttempts(items, fromMatrix(GUTTMAN));
    expect(r.requirements.map((x) => [x.requirement, x.items, x.responses])).toEqual([
      ["L5/1.1.1", 2, 10],
      ["L5/1.1.2", 2, 10],
    ]);
    expect(r.requirements[0].meanFacility).toBeCloseTo(0.7, 10);
    expect(r.requirements[1].meanFacility).toBeCloseTo(0.3, 10);
    expect(r.requirements[0].reliableItems).toBe(0);
  });
});
