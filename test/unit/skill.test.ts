import { describe, expect, it } from "vitest";
import { requiredExaminers } from "~/domain/exam-rules";
import { SKILL_WEIGHTS, LEVELS } from "~/domain/levels";
import {
  assembleSkillPaper,
  checkCriterionScores,
  displayScore,
  exactCombinations,
  loadSkillBank,
  needsChiefReview,
  partResult,
  taskScore,
  type SkillTask,
} from "~/domain/skill";

function task(id: string, level: SkillTask["level"], area: SkillTask["area"], points: number, mandatory = false): SkillTask {
  return {
    id,
    level,
    area,
    title: `任务${id}`,
    points,
    minutes: 15,
    mandatory,
    requirements: [`${level}/2.2.1`],
    notice: "考核准备通知单内容",
    sheet: "试题单内容内容",
    materials: ["材料"],
    rubric: [
      { criterion: "要素一", points: points / 2, scoring: "得分规则", requirement: `${level}/2.2.1` },
      { criterion: "要素二", points: points / 2, scoring: "得分规则", requirement: `${level}/2.2.1` },
    ],
    retired: false,
  };
}

describe("examiners per group (seed 004 §1.9.3)", () => {
  it("is the smallest odd number ≥ 3 and ≥ ⌈n/5⌉ for n = 1…40", () => {
    for (let n = 1; n <= 40; n++) {
      const k = requiredExaminers(n);
      expect(k % 2, `n=${n}`).toBe(1);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k * 5).toBeGreaterThanOrEqual(n);
      // smallest: k - 2 fails one of the rules
      expect(k - 2 < 3 || (k - 2) * 5 < n, `n=${n}`).toBe(true);
    }
    expect([1, 15, 16, 25, 26, 35, 36, 40].map(requiredExaminers)).toEqual([3, 3, 5, 5, 7, 7, 9, 9]);
  });
});

describe("spread check (> 20 % of the task's points waits for the chief)", () => {
  it("holds exactly above the boundary", () => {
    expect(needsChiefReview([10, 12, 14], 20)).toBe(false); // spread 4 = 20 %
    expect(needsChiefReview([10, 12, 14.5], 20)).toBe(true); // 4.5 > 4
    expect(needsChiefReview([15, 15, 12], 15)).toBe(false); // 3 = 20 % of 15
    expect(needsChiefReview([15, 15, 11.5], 15)).toBe(true);
    expect(needsChiefReview([7], 10)).toBe(false);
  });
});

describe("scores", () => {
  it("takes the mean per item and the sum over items", () => {
    expect(
      taskScore([
        [3, 4],
        [4, 4],
        [5, 4],
      ]),
    ).toBe(8); // means 4 + 4
    expect(
      taskScore([
        [2.5, 3],
        [3, 3],
        [3, 3],
      ]),
    ).toBeCloseTo(17.5 / 3 + 0, 10);
  });

  it("passes at 60 in exact arithmetic, never rounding up", () => {
    // three examiners, one task of 100 points: totals 60, 60, 59.5 → mean 59.833… fails
    expect(partResult([{ sheets: [[60], [60], [59.5]] }]).passed).toBe(false);
    expect(partResult([{ sheets: [[60], [60], [60]] }])).toEqual({ score: 60, passed: true });
    // means that add to exactly 60 across tasks with thirds
    const r = partResult([{ sheets: [[20], [20], [20.5]] }, { sheets: [[40], [40], [39.5]] }]);
    expect(r.passed).toBe(true);
    expect(r.score).toBeCloseTo(60, 12);
    expect(displayScore(59.99)).toBe("59.99");
    expect(displayScore(59.996)).toBe("59.99");
    expect(displayScore(83.5)).toBe("83.5");
  });

  it("bounds each criterion by its points", () => {
    const criteria = [{ points: 3 }, { points: 2.5 }];
    expect(checkCriterionScores(criteria, [3, 2.5])).toBeNull();
    expect(checkCriterionScores(criteria, [3.5, 1])).toBe("第 1 项评分应在 0 至 3 分之间");
    expect(checkCriterionScores(criteria, [1, -1])).toBe("第 2 项评分应在 0 至 2.5 分之间");
    expect(checkCriterionScores(criteria, [1.25, 1])).toBe("第 1 项评分应为整数或 .5 分");
    expect(checkCriterionScores(criteria, [null, 1])).toBeNull(); // drafts may be incomplete
  });
});

describe("skill paper assembly", () => {
  const bank: SkillTask[] = [
    task("S-L5-ZX-01", "L5", "咨询引导", 10, true),
    task("S-L5-ZX-02", "L5", "咨询引导", 10),
    task("S-L5-ZX-03", "L5", "咨询引导", 20),
    task("S-L5-ZX-04", "L5", "咨询引导", 15),
    task("S-L5-ZX-05", "L5", "咨询引导", 5),
    task("S-L5-YW-01", "L5", "业务办理", 20, true),
    task("S-L5-YW-02", "L5", "业务办理", 15),
    task("S-L5-YW-03", "L5", "业务办理", 15),
    task("S-L5-YW-04", "L5", "业务办理", 10),
    task("S-L5-YW-05", "L5", "业务办理", 20),
    task("S-L5-CJ-01", "L5", "综合出件", 10, true),
    task("S-L5-CJ-02", "L5", "综合出件", 10),
    task("S-L5-CJ-03", "L5", "综合出件", 5),
    task("S-L5-CJ-04", "L5", "综合出件", 5),
  ];

  it("lists exact combinations", () => {
    expect(
      exactCombinations(
        [
          { id: "a", points: 10 },
          { id: "b", points: 10 },
          { id: "c", points: 20 },
        ],
        20,
      ),
    ).toEqual([["a", "b"], ["c"]]);
  });

  it("gives 100 points, each area exactly its weight, the mandatory task always, reproducibly", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) {
      const r = assembleSkillPaper(bank, "L5", seed, "v1");
      if (!r.ok) throw new Error(r.message);
      expect(r.paper.totalPoints).toBe(100);
      for (const s of r.paper.sections) {
        expect(s.points).toBe(SKILL_WEIGHTS.L5[s.area]);
        expect(s.items.some((i) => bank.find((t) => t.id === i.id)!.mandatory)).toBe(true);
        expect(new Set(s.items.map((i) => i.id)).size).toBe(s.items.length);
        for (const i of s.items) expect(i.criteria.reduce((a, c) => a + c.points, 0)).toBe(i.points);
      }
      expect(assembleSkillPaper(bank, "L5", seed, "v1")).toEqual(r);
      seen.add(r.paper.sections.flatMap((s) => s.items.map((i) => i.id)).join(","));
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it("names the area that cannot be filled", () => {
    const r = assembleSkillPaper(
      bank.filter((t) => t.id !== "S-L5-CJ-02"),
      "L5",
      1,
      "v1",
    );
    expect(r.ok).toBe(true); // 10 + 5 + 5 still makes 20
    const short = assembleSkillPaper(
      bank.filter((t) => !["S-L5-CJ-02", "S-L5-CJ-03"].includes(t.id)),
      "L5",
      1,
      "v1",
    );
    expect(short.ok).toBe(false);
    expect(!short.ok && short.message).toContain("五级/初级工「综合出件」没有总分恰为 20 分的任务组合");
  });
});

describe("skill task files", () => {
  const good = `- id: S-L5-ZX-01
  level: L5
  area: 咨询引导
  title: 接待办事人员
  points: 10
  minutes: 15
  mandatory: true
  requirements: [L5/1.1.2]
  notice: 考核准备通知单的内容：考核时间十五分钟
  sheet: 试题单的具体内容：接待一位前来咨询的办事人员
  materials: [角色扮演脚本]
  rubric:
    - criterion: 主动问候
      points: 4
      scoring: 主动问候得4分，不主动扣2分
      requirement: L5/1.1.2
    - criterion: 引导准确
      points: 6
      scoring: 引导准确得6分，错误不得分
      requirement: L5/1.2.4
`;
  it("loads a valid task", () => {
    const r = loadSkillBank([{ path: "a.yaml", text: good }]);
    expect(r.errors).toEqual([]);
    expect(r.tasks[0].mandatory).toBe(true);
  });
  it("reports a rubric that does not add up, at the rubric's line", () => {
    const bad = good.replace("points: 6", "points: 5");
    const r = loadSkillBank([{ path: "a.yaml", text: bad }]);
    expect(r.errors).toEqual(["a.yaml:12: S-L5-ZX-01 rubric 评分要素分值合计 9，应等于任务分值 10"]);
  });
  it("reports codes of another level and areas without a weight", () => {
    const r = loadSkillBank([
      {
        path: "a.yaml",
        text: good
          .replace("requirements: [L5/1.1.2]", "requirements: [L4/1.1.2]")
          .replace("id: S-L5-ZX-01\n  level: L5\n  area: 咨询引导", "id: S-L5-ZX-01\n  level: L5\n  area: 咨询引导"),
      },
    ]);
    expect(r.errors[0]).toContain("L4/1.1.2 不是五级/初级工的技能要求代码");
    const r2 = loadSkillBank([
      { path: "a.yaml", text: good.replace("id: S-L5-ZX-01", "id: S-L5-XC-01").replace("area: 咨询引导", "area: 现场管理") },
    ]);
    expect(r2.errors.join()).toContain("五级/初级工技能考核没有「现场管理」区域");
  });
  it("covers every level's weight table", () => {
    for (const l of LEVELS) expect(Object.values(SKILL_WEIGHTS[l]).reduce((a, b) => a + b!, 0)).toBe(100);
  });
});

describe("the real skill task bank", () => {
  it("validates and builds at least three different papers per level, each exactly 100 points and ≥ 60 minutes", async () => {
    const { loadSkillBankFromDisk } = await import("~/features/bank/index.server");
    const bank = loadSkillBankFromDisk();
    expect(bank.errors).toEqual([]);
    for (const level of LEVELS) {
      const papers = new Set<string>();
      for (let seed = 1; seed <= 60; seed++) {
        const r = assembleSkillPaper(bank.tasks, level, seed, bank.version);
        if (!r.ok) throw new Error(r.message);
        expect(r.paper.totalPoints).toBe(100);
        expect(r.paper.minutes).toBeGreaterThanOrEqual(60);
        papers.add(r.paper.sections.flatMap((s) => s.items.map((i) => i.id)).join(","));
      }
      expect(papers.size, level).toBeGreaterThanOrEqual(3);
    }
  });
});
