import { describe, expect, it } from "vitest";
import { BONUS_MAX, departmentTotal, DEPARTMENT_BONUS, DEPARTMENT_ITEMS } from "~/domain/department";
import {
  ASSESSMENT_LINES,
  DEPARTMENT_AREAS,
  areaSubtotals,
  compareQuarters,
  departmentHistory,
  historyQuarters,
  isFutureQuarter,
  lastCompleteQuarters,
  parseAssessmentForm,
  parseQuarterQuery,
  parseStoredItems,
  quarterOf,
  quarterStandings,
  tieNote,
  type AssessmentItems,
} from "~/domain/department-form";

/** A full-marks form for one department, with overrides. */
function form(over: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = { departmentId: "dept1", year: "2026", quarter: "2" };
  for (const l of ASSESSMENT_LINES) {
    f[`points.${l.key}`] = l.kind === "base" ? String(l.max) : "0";
    f[`note.${l.key}`] = "";
  }
  return { ...f, ...over };
}

function items(points: Record<string, number>): AssessmentItems {
  return Object.fromEntries(Object.entries(points).map(([k, v]) => [k, { points: v, note: "" }]));
}

describe("the seed's table (seed 003 附件)", () => {
  it("has four areas of 30, 30, 20, 20 and bonus items worth 20", () => {
    expect(DEPARTMENT_AREAS).toEqual([
      { area: "服务成效", max: 30 },
      { area: "综窗建设", max: 30 },
      { area: "一网通办", max: 20 },
      { area: "管理规范", max: 20 },
    ]);
    expect(DEPARTMENT_ITEMS.map((i) => i.max)).toEqual([10, 5, 5, 10, 10, 10, 10, 20, 10, 10]);
    expect(DEPARTMENT_BONUS.map((b) => b.max)).toEqual([6, 6, 4, 4]);
    expect(DEPARTMENT_BONUS.reduce((s, b) => s + b.max, 0)).toBe(BONUS_MAX);
  });
  it("departmentTotal refuses a value that is not a number", () => {
    expect(departmentTotal({ onlineHelp: Number.NaN }, {}).error).toBe("线上帮办应在 0 至 10 分之间");
    expect(departmentTotal({}, { other: Number.POSITIVE_INFINITY }).error).toBe("其他加分应在 0 至 4 分之间");
  });
});

describe("assessment form", () => {
  it("accepts full marks without notes: 100 + 0", () => {
    const r = parseAssessmentForm(form());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ departmentId: "dept1", year: 2026, quarter: 2, base: 100, bonus: 0, total: 100 });
    expect(r.value.items.onlineMaturity).toEqual({ points: 20, note: "" });
    expect(Object.keys(r.value.items)).toHaveLength(14);
  });

  it("takes half points, full-width digits and trims notes; bonus adds up to 120 at most", () => {
    const bonus = Object.fromEntries(
      DEPARTMENT_BONUS.flatMap((b) => [
        [`points.${b.key}`, String(b.max)],
        [`note.${b.key}`, " 依据 "],
      ]),
    );
    const r = parseAssessmentForm(form({ "points.onlineHelp": "９．5", "note.onlineHelp": "  响应超时一次  ", ...bonus }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.items.onlineHelp).toEqual({ points: 9.5, note: "响应超时一次" });
    expect(r.value.items.innovation.note).toBe("依据");
    expect(r.value).toMatchObject({ base: 99.5, bonus: 20, total: 119.5 });
  });

  it("names the item of an out-of-range, non-numeric, too fine or missing value", () => {
    const r = parseAssessmentForm(
      form({
        "points.onlineMaturity": "21",
        "points.consulting": "abc",
        "points.discipline": "9.3",
        "points.offlineHelp": "",
        "points.innovation": "7",
        "points.windowNorms": "-1",
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["points.onlineMaturity"]).toBe("在线办理成熟度应在 0 至 20 分之间");
    expect(r.errors["points.consulting"]).toBe("咨询服务应填写数字");
    expect(r.errors["points.discipline"]).toBe("工作纪律以 0.5 分为最小单位");
    expect(r.errors["points.offlineHelp"]).toBe("请填写线下帮办得分");
    expect(r.errors["points.innovation"]).toBe("“一网通办”有创新亮点加分应在 0 至 6 分之间");
    expect(r.errors["points.windowNorms"]).toBe("窗口服务规范化应填写数字");
    expect(Object.keys(r.errors).filter((k) => k.startsWith("note."))).toEqual([]); // nothing parsed below its maximum
  });

  it("names a missing note in the same answer as an out-of-range value", () => {
    const r = parseAssessmentForm(
      form({ "points.onlineMaturity": "21", "points.consulting": "4", "points.other": "1", "note.other": "协助检查" }),
    );
    expect(!r.ok && r.errors).toEqual({
      "points.onlineMaturity": "在线办理成熟度应在 0 至 20 分之间",
      "note.consulting": "咨询服务未得满分，请填写扣分说明",
    });
  });

  it("requires a note where an item is below its maximum and where a bonus is given", () => {
    const r = parseAssessmentForm(form({ "points.serviceRating": "8", "points.publicity": "2" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      "note.serviceRating": "服务评价未得满分，请填写扣分说明",
      "note.publicity": "信息录用/新闻宣传有加分，请填写加分依据",
    });
    const ok = parseAssessmentForm(
      form({ "points.serviceRating": "8", "note.serviceRating": "差评1件", "points.publicity": "2", "note.publicity": "区融媒体报道" }),
    );
    expect(ok.ok && ok.value.total).toBe(100);
  });

  it("treats an empty or missing bonus as 0 but a missing base item as an error", () => {
    const f = form({ "points.other": "" });
    delete f["points.outstanding"];
    delete f["note.outstanding"];
    const r = parseAssessmentForm(f);
    expect(r.ok && r.value.bonus).toBe(0);
    const g = form();
    delete g["points.discipline"];
    const bad = parseAssessmentForm(g);
    expect(!bad.ok && bad.errors["points.discipline"]).toBe("请填写工作纪律得分");
  });

  it("checks department, year and quarter and limits the note", () => {
    const r = parseAssessmentForm(
      form({ departmentId: "", year: "20x6", quarter: "5", "points.onlineHelp": "9", "note.onlineHelp": "长".repeat(201) }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      departmentId: "请选择部门",
      year: "年份有误",
      quarter: "季度应为1至4",
      "note.onlineHelp": "说明不能超过200字",
    });
  });

  it("computes the four areas' subtotals", () => {
    expect(
      areaSubtotals(
        items({
          onlineHelp: 9,
          offlineHelp: 5,
          consulting: 4.5,
          serviceRating: 10,
          windowSupport: 10,
          coordination: 8,
          windowNorms: 10,
          onlineMaturity: 18,
          twoCentralizations: 10,
          discipline: 9.5,
        }),
      ).map((a) => a.points),
    ).toEqual([28.5, 28, 18, 19.5]);
  });

  it("reads stored JSON defensively", () => {
    expect(parseStoredItems("not json")).toEqual({});
    expect(
      parseStoredItems(JSON.stringify({ onlineHelp: { points: 8, note: "x" }, bogus: { points: 1 }, consulting: { points: "5" } })),
    ).toEqual({ onlineHelp: { points: 8, note: "x" } });
  });
});

describe("quarters in Asia/Shanghai", () => {
  it("takes the Shanghai date, not UTC", () => {
    // 2026-03-31 16:30 UTC is already 1 April in Shanghai.
    expect(quarterOf(new Date("2026-03-31T16:30:00Z"))).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf(new Date("2026-03-31T15:30:00Z"))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf(new Date("2025-12-31T16:00:00Z"))).toEqual({ year: 2026, quarter: 1 });
  });
  it("lists the last complete quarters, oldest first, across a year", () => {
    expect(lastCompleteQuarters(new Date("2026-05-10T04:00:00Z"), 4)).toEqual([
      { year: 2025, quarter: 2 },
      { year: 2025, quarter: 3 },
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
    ]);
  });
  it("reads the page query: default current quarter, no future year, nothing malformed", () => {
    const now = new Date("2026-11-22T04:00:00Z");
    expect(parseQuarterQuery(new URLSearchParams(""), now)).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarterQuery(new URLSearchParams("year=2019&quarter=1"), now)).toEqual({ year: 2019, quarter: 1 });
    for (const q of ["year=2027&quarter=1", "year=1999&quarter=1", "year=2026&quarter=5", "year=abcd", "quarter=1.5", "year=2026.0"]) {
      expect(parseQuarterQuery(new URLSearchParams(q), now)).toBeNull();
    }
    expect(isFutureQuarter({ year: 2026, quarter: 4 }, now)).toBe(false);
    expect(isFutureQuarter({ year: 2027, quarter: 1 }, new Date("2026-12-31T16:00:01Z"))).toBe(false); // already 2027 in Shanghai
    expect(isFutureQuarter({ year: 2027, quarter: 1 }, now)).toBe(true);
    expect(compareQuarters({ year: 2025, quarter: 4 }, { year: 2026, quarter: 1 })).toBeLessThan(0);
    expect(historyQuarters(2026)).toHaveLength(8);
  });
});

describe("standings", () => {
  const depts = ["甲", "乙", "丙", "丁", "戊", "己"].map((name, i) => ({ id: `d${i}`, name }));
  const a = (departmentId: string, total: number) => ({
    departmentId,
    items: items({ onlineHelp: 10 }),
    base: Math.min(total, 100),
    bonus: Math.max(0, total - 100),
    total,
  });

  it("ranks 1, 2, 3, 3 with both 3rd places 先进集体 and says so; unscored last as 未评", () => {
    const s = quarterStandings(depts, [a("d0", 99), a("d1", 104), a("d2", 101), a("d3", 99), a("d4", 97.5)]);
    expect(s.rows.map((r) => [r.name, r.rank, r.advanced])).toEqual([
      ["乙", 1, true],
      ["丙", 2, true],
      ["甲", 3, true],
      ["丁", 3, true],
      ["戊", 5, false],
      ["己", null, false],
    ]);
    expect(s.tieNote).toBe("第3名并列，先进集体共4个");
    expect(s.advancedCount).toBe(4);
    expect(s.unscored).toBe(1);
    expect(s.rows[5].total).toBeNull();
  });

  it("has no tie note when the tie is above the boundary", () => {
    const s = quarterStandings(depts, [a("d0", 100), a("d1", 100), a("d2", 98)]);
    expect(s.rows.slice(0, 3).map((r) => r.rank)).toEqual([1, 1, 3]);
    expect(s.tieNote).toBeNull();
    expect(s.unscored).toBe(3);
  });

  it("says when the tie is at the first place too", () => {
    expect(tieNote({ winners: [{ rank: 1 }, { rank: 1 }, { rank: 1 }, { rank: 1 }], tiedAtBoundary: true }, "先进集体", "个")).toBe(
      "第1名并列，先进集体共4个",
    );
    expect(tieNote({ winners: [{ rank: 1 }, { rank: 2 }], tiedAtBoundary: false }, "服务明星", "人")).toBeNull();
  });

  it("builds the history per quarter, ranking each quarter separately", () => {
    const quarters = [
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
    ];
    const h = departmentHistory(
      depts.slice(0, 3),
      [
        { departmentId: "d0", year: 2025, quarter: 4, total: 90 },
        { departmentId: "d1", year: 2025, quarter: 4, total: 95 },
        { departmentId: "d0", year: 2026, quarter: 1, total: 101 },
        { departmentId: "d2", year: 2026, quarter: 1, total: 101 },
        { departmentId: "other-center", year: 2026, quarter: 1, total: 120 },
      ],
      quarters,
    );
    expect(h.map((r) => r.cells.map((c) => c && [c.total, c.rank]))).toEqual([
      [
        [90, 2],
        [101, 1],
      ],
      [[95, 1], null],
      [null, [101, 1]],
    ]);
  });
});
