import { describe, expect, it } from "vitest";
import { certificateNumber, nextSequence, parseCertificateNumber, partStillValid } from "~/domain/certificate";
import { cumulativeWorkMonths, evaluateEligibility, eligibilitySummary, type EligibilityFacts } from "~/domain/eligibility";

const none: EligibilityFacts = { work: [], apprenticeshipCompleted: false, education: [], certificates: [], training: {} };
const job = (start: string, end: string | null = null, occupation = "行政办事员") => ({ occupation, start, end });

describe("cumulative work", () => {
  it("counts exactly one year on the day before the anniversary, not the day before that", () => {
    expect(cumulativeWorkMonths([job("2025-11-22")], "2026-11-21")).toBe(12);
    expect(cumulativeWorkMonths([job("2025-11-22")], "2026-11-20")).toBe(11);
  });
  it("counts related occupations, ignores others, and does not double-count overlaps", () => {
    expect(cumulativeWorkMonths([job("2020-01-01", "2020-12-31", "秘书")], "2026-01-01")).toBe(12);
    expect(cumulativeWorkMonths([job("2020-01-01", "2020-12-31", "厨师")], "2026-01-01")).toBe(0);
    expect(cumulativeWorkMonths([job("2020-01-01", "2020-12-31"), job("2020-06-01", "2021-05-31", "公务员")], "2026-01-01")).toBe(17);
  });
});

describe("L5 (any one of three)", () => {
  it("1: one year of work, at the boundary", () => {
    const f = { ...none, work: [job("2025-11-22")] };
    expect(evaluateEligibility(f, "L5", "2026-11-21")).toMatchObject({ eligible: true, metBy: "L5-1" });
    const r = evaluateEligibility(f, "L5", "2026-11-20");
    expect(r.eligible).toBe(false);
    expect(r.conditions[0].missing[0]).toBe("累计从事本职业或相关职业工作不足 1 年，还差 1 个月");
  });
  it("2: apprenticeship completed", () => {
    expect(evaluateEligibility({ ...none, apprenticeshipCompleted: true }, "L5", "2026-11-22").metBy).toBe("L5-2");
  });
  it("3: 160 standard hours and passed; says how many hours are missing", () => {
    expect(evaluateEligibility({ ...none, training: { L5: { hours: 160, passed: true } } }, "L5", "2026-11-22").metBy).toBe("L5-3");
    const r = evaluateEligibility({ ...none, training: { L5: { hours: 123, passed: true } } }, "L5", "2026-11-22");
    expect(r.conditions[2].missing).toEqual(["还需完成五级/初级工标准学时培训 37 学时（已完成 123/160）"]);
    const notPassed = evaluateEligibility({ ...none, training: { L5: { hours: 160, passed: false } } }, "L5", "2026-11-22");
    expect(notPassed.eligible).toBe(false);
  });
});

describe("L4", () => {
  const cert = { level: "L5" as const, issued: "2023-06-01", occupation: "行政办事员" };
  it("1: L5 certificate + 3 years after it + 120 h passed", () => {
    const f = { ...none, certificates: [cert], work: [job("2020-01-01")], training: { L4: { hours: 120, passed: true } } };
    expect(evaluateEligibility(f, "L4", "2026-05-31").metBy).toBe("L4-1");
    const early = evaluateEligibility(f, "L4", "2026-05-30");
    expect(early.conditions[0].missing).toEqual(["取得五级/初级工证书后工作年限不足 3 年，还差 1 个月"]);
  });
  it("2: five years of work — exactly five years vs one day less", () => {
    const f = { ...none, work: [job("2021-11-22")] };
    expect(evaluateEligibility(f, "L4", "2026-11-21").metBy).toBe("L4-2");
    expect(evaluateEligibility(f, "L4", "2026-11-20").eligible).toBe(false);
  });
  it("3: technical school graduate or final-year student in a related major", () => {
    const edu = { schoolType: "技工学校" as const, major: "商务文秘", graduated: false, finalYear: true };
    expect(evaluateEligibility({ ...none, education: [edu] }, "L4", "2026-11-22").metBy).toBe("L4-3");
    expect(evaluateEligibility({ ...none, education: [{ ...edu, major: "烹饪" }] }, "L4", "2026-11-22").eligible).toBe(false);
  });
});

describe("L3", () => {
  const l4 = { level: "L4" as const, issued: "2024-09-01", occupation: "行政办事员" };
  it("1: L4 certificate + 5 years after + 80 h passed", () => {
    const f = {
      ...none,
      certificates: [{ ...l4, issued: "2021-09-01" }],
      work: [job("2015-01-01")],
      training: { L3: { hours: 80, passed: true } },
    };
    expect(evaluateEligibility(f, "L3", "2026-08-31").metBy).toBe("L3-1");
    expect(evaluateEligibility(f, "L3", "2026-08-30").eligible).toBe(false);
  });
  it("2: L4 certificate + advanced technical school", () => {
    const f = {
      ...none,
      certificates: [l4],
      education: [{ schoolType: "技师学院" as const, major: "计算机信息管理", graduated: true, finalYear: false }],
    };
    expect(evaluateEligibility(f, "L3", "2026-11-22").metBy).toBe("L3-2");
  });
  it("3: college in a related major + L4 + 2 years after; the message says how long is missing", () => {
    const f = {
      ...none,
      certificates: [l4],
      work: [job("2019-07-01")],
      education: [{ schoolType: "大专" as const, major: "行政管理", graduated: true, finalYear: false }],
    };
    expect(evaluateEligibility(f, "L3", "2026-08-31").metBy).toBe("L3-3");
    const r = evaluateEligibility(f, "L3", "2026-03-31");
    expect(r.conditions[2].missing).toEqual(["取得四级/中级工证书后工作年限不足 2 年，还差 5 个月"]);
    expect(eligibilitySummary(r)).toContain("L3-3：取得四级/中级工证书后工作年限不足 2 年，还差 5 个月");
  });
  it("lists what is missing for every condition when none holds", () => {
    const r = evaluateEligibility(none, "L3", "2026-11-22");
    expect(r.eligible).toBe(false);
    expect(r.conditions.map((c) => c.code)).toEqual(["L3-1", "L3-2", "L3-3"]);
    for (const c of r.conditions) expect(c.missing.length).toBeGreaterThan(0);
  });
});

describe("certificate numbers", () => {
  const issuer = { kind: "S" as const, bodyCode: "0123", provinceCode: "31", siteCode: "000107" };
  it("have one letter and 21 digits in the national order", () => {
    const n = certificateNumber(issuer, 2026, "L4", 37);
    expect(n).toBe("S012331000107264000037");
    expect(n).toMatch(/^[YS]\d{21}$/);
    expect(parseCertificateNumber(n)).toMatchObject({
      bodyCode: "0123",
      provinceCode: "31",
      siteCode: "000107",
      year: "26",
      level: "L4",
      sequence: 37,
    });
  });
  it("number sequentially per year and level, and stay unique", () => {
    const used: string[] = [];
    for (let i = 0; i < 50; i++) used.push(certificateNumber(issuer, 2026, "L5", nextSequence(used, issuer, 2026, "L5")));
    expect(new Set(used).size).toBe(50);
    expect(nextSequence(used, issuer, 2026, "L4")).toBe(1);
    expect(nextSequence(used, issuer, 2027, "L5")).toBe(1);
  });
  it("reject bad fixed parts", () => {
    expect(() => certificateNumber({ ...issuer, siteCode: "107" }, 2026, "L5", 1)).toThrow("站点代码应为6位数字");
  });
});

describe("validity of a passed part (12 months by default)", () => {
  it("holds through the same day a year later, not the day after", () => {
    expect(partStillValid("2025-11-22", "2026-11-22")).toBe(true);
    expect(partStillValid("2025-11-22", "2026-11-23")).toBe(false);
    expect(partStillValid("2025-11-22", "2026-05-22", 6)).toBe(true);
    expect(partStillValid("2025-11-22", "2026-05-23", 6)).toBe(false);
  });
  it("ends on the last day of a shorter month", () => {
    expect(partStillValid("2024-02-29", "2025-02-28")).toBe(true);
    expect(partStillValid("2024-02-29", "2025-03-01")).toBe(false);
  });
});
