import { describe, expect, it } from "vitest";
import { checkCompletionCsv } from "~/domain/completion-import";
import { idNumberCheckChar } from "~/domain/id-number";
import { defaultPeers, evaluate, formatPoints, summaryTable, SUBJECTIVE_INDICATORS, verdict } from "~/domain/evaluation";

const full = (v: (max: number) => number) =>
  Object.fromEntries(SUBJECTIVE_INDICATORS.map((d) => [d.key, { self: v(d.max), peers: [v(d.max)], manager: v(d.max) }]));

describe("default peers", () => {
  const staff = [
    { id: "a", departmentId: "d1", staffRole: "综合窗口工作人员" },
    { id: "b", departmentId: "d1", staffRole: "综合窗口工作人员" },
    { id: "c", departmentId: null, staffRole: "综合窗口工作人员" },
    { id: "d", departmentId: null, staffRole: "咨询引导人员" },
    { id: "e", departmentId: "d2", staffRole: "咨询引导人员" },
  ];
  it("takes the same department first, then the same staff role, then anyone; never oneself", () => {
    const peers = defaultPeers(staff, 3);
    expect(peers.get("a")).toEqual(["b", "c", "d"]);
    expect(peers.get("e")).toEqual(["d", "a", "b"]);
    for (const [id, list] of peers) expect(list).not.toContain(id);
  });
  it("never picks an excluded person (the manager) as a peer", () => {
    const peers = defaultPeers(staff, 3, new Set(["b"]));
    expect(peers.get("a")).toEqual(["c", "d", "e"]);
    for (const list of peers.values()) expect(list).not.toContain("b");
  });
  it("spreads the work: everyone rates about k colleagues", () => {
    const given = new Map<string, number>();
    for (const list of defaultPeers(staff, 2).values()) for (const p of list) given.set(p, (given.get(p) ?? 0) + 1);
    expect([...given.values()].reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe("summary table C.1", () => {
  const complete = evaluate({
    subjective: full((m) => m),
    objective: { completion: 25, ratings: 10, complaints: 5, praise: 5 },
    awards: [{ level: "国家" }],
    deductions: [1],
    veto: null,
  });
  const partial = evaluate({ subjective: {}, objective: {}, awards: [], deductions: [], veto: null });
  const rows = summaryTable([complete, partial]);
  it("has one row per indicator, the two subtotals, the adjustments and the total", () => {
    expect(rows.map((r) => r.name)).toEqual([
      ...SUBJECTIVE_INDICATORS.map((d) => d.name),
      "主观评价小计",
      "工作完成度",
      "好差评情况",
      "投诉情况",
      "表扬褒奖",
      "客观评价小计",
      "特殊贡献加分",
      "扣分（一票否决为 −100）",
      "总分",
    ]);
    expect(rows.find((r) => r.name === "总分")!.values).toEqual([101, null]);
    expect(rows.find((r) => r.name === "主观评价小计")!.values).toEqual([55, null]);
  });
  it("shows missing as 缺评 and cuts (not rounds) to two decimals", () => {
    expect(formatPoints(null)).toBe("缺评");
    expect(formatPoints(59.999)).toBe("59.99");
    expect(formatPoints(4.45)).toBe("4.45");
    expect(formatPoints(0.2 * 5 + 0.3 * 4 + 0.5 * 4.5)).toBe("4.45");
    expect(formatPoints(9.6)).toBe("9.6");
    expect(formatPoints(-2)).toBe("-2");
    expect(verdict(complete)).toBe("合格");
    expect(verdict(partial)).toBe("待评");
    expect(verdict(evaluate({ subjective: {}, objective: {}, awards: [], deductions: [], veto: "列为失信被执行人" }))).toBe(
      "不合格（一票否决）",
    );
  });
});

describe("completion CSV", () => {
  it("reads rows and lists every bad row by line", () => {
    const id = "31010719920514101" + idNumberCheckChar("31010719920514101");
    const csv = `\uFEFF姓名,身份证号,完成量,目标量\n李明,${id},450,500\n王芳,123,abc,0\n李明,${id},1,2\n`;
    const r = checkCompletionCsv(csv);
    expect(r.rows).toEqual([{ line: 2, idNumber: id, name: "李明", done: 450, target: 500 }]);
    expect(r.errors[0]).toMatch(/^第 3 行：身份证号应为18位.*完成量应为不小于 0 的数字；目标量应为大于 0 的数字$/);
    expect(r.errors[1]).toBe("第 4 行：该人员在文件中重复出现");
  });
  it("names missing columns", () => {
    expect(checkCompletionCsv("姓名,完成量\n李明,1\n").errors[0]).toContain("缺少必需的列：身份证号、目标量");
  });
});
