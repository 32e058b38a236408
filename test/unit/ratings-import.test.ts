import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "~/domain/id-number";
import { checkCounts, rates } from "~/domain/ratings";
import {
  checkRatingsCsv,
  parseChannel,
  parseCount,
  parseMonth,
  RATING_CSV_HEADER,
  type RatingImportContext,
  ratingCsvIdNumbers,
  shanghaiMonth,
} from "~/domain/ratings-import";
import { decodeCsv } from "~/domain/staff-import";

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const A = id("31010719900101001"); // 张三, this center
const B = id("31010719910202002"); // 李四, this center
const C = id("32010219840404031"); // 钱进, another center
const UNKNOWN = id("31010719920303003");
const ctx: RatingImportContext = {
  now: new Date("2026-11-22T10:00:00+08:00"),
  centerId: "c1",
  people: new Map([
    [A, { id: "p-a", name: "张三", centerId: "c1" }],
    [B, { id: "p-b", name: "李四", centerId: "c1" }],
    [C, { id: "p-c", name: "钱进", centerId: "c2" }],
  ]),
};
const HEADER = RATING_CSV_HEADER.join(",");

function check(body: string, c = ctx) {
  const r = checkRatingsCsv(`${HEADER}\n${body}`, c);
  if (!r.ok) throw new Error(r.fileError);
  return r;
}

describe("好差评 CSV: good file", () => {
  it("parses every field and keeps file line numbers", () => {
    const r = check(`${A},张三,2026-03,一次一评,37,3,10,1,3,0,0\n${B},李四,2026年3月,一事一评,20,0,5,0,0,0,0\n`);
    expect(r.bad).toBe(0);
    expect(r.good).toBe(2);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rows[0].row).toEqual({
      personId: "p-a",
      idNumber: A,
      name: "张三",
      period: "2026-03",
      channel: "一次一评",
      counts: { activeGood: 37, activeBad: 3, timeoutUnrated: 10, invalidBad: 1, repliedBad: 3, rectified: 0, satisfied: 0 },
    });
    expect(r.rows[1].row?.period).toBe("2026-03");
    // The row feeds the rates of app/domain/ratings.ts unchanged.
    expect(rates(r.rows[0].row!.counts).goodRate).toBeCloseTo(48 / 50, 12);
  });

  it("allows the current month (Asia/Shanghai) and the same person in another month or channel", () => {
    const r = check(
      `${A},张三,2026-11,一次一评,1,0,0,0,0,0,0\n${A},张三,2026-10,一次一评,1,0,0,0,0,0,0\n${A},张三,2026-11,综合点评,1,0,0,0,0,0,0\n`,
    );
    expect(r.bad).toBe(0);
  });

  it("skips blank lines but still counts them for line numbers", () => {
    const r = check(`\n${A},张三,2026-03,监督查评,1,0,0,0,0,0,0\n,,,,,,,,,,\n`);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].line).toBe(3);
  });

  it("reads a GBK file as Excel saves it", () => {
    const text = `${HEADER}\r\n${A},张三,2026/3,一次一评,5,1,0,0,1,1,1\r\n`;
    const decoded = decodeCsv(iconv.encode(text, "gbk"), "auto");
    expect(decoded.encoding).toBe("gbk");
    const r = checkRatingsCsv(decoded.text, ctx);
    expect(r.ok && r.good).toBe(1);
  });
});

describe("好差评 CSV: header variants", () => {
  it("accepts columns in any order, aliases, a BOM, blanks and unit notes, and ignores extra columns", () => {
    const header = "\uFEFF序号,渠道,整改满意数,已整改数,已回复差评数,无效差评数,超时未评数（次）,差评数,好评数, 月份 ,姓名,身份证号码";
    const r = checkRatingsCsv(`${header}\n1,一事一评,1,2,3,1,10,4,50,2026-05,张三,${A}\n`, ctx);
    if (!r.ok) throw new Error(r.fileError);
    expect(r.bad).toBe(0);
    expect(r.rows[0].row?.channel).toBe("一事一评");
    expect(r.rows[0].row?.counts).toEqual({
      activeGood: 50,
      activeBad: 4,
      timeoutUnrated: 10,
      invalidBad: 1,
      repliedBad: 3,
      rectified: 2,
      satisfied: 1,
    });
    expect(r.rows[0].raw["渠道"]).toBe("一事一评");
  });

  it("names every missing column", () => {
    const r = checkRatingsCsv(`身份证号,姓名,月份,好评数\n${A},张三,2026-03,1\n`, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fileError).toContain("缺少必需的列：渠道、差评数、超时未评数、无效差评数、已回复差评数、已整改数、整改满意数");
  });

  it("refuses an empty file and a file without data rows", () => {
    expect(checkRatingsCsv("", ctx)).toEqual({ ok: false, fileError: "文件是空的" });
    expect(checkRatingsCsv(`${HEADER}\n\n`, ctx)).toEqual({ ok: false, fileError: "文件中没有数据行" });
  });

  it("matches the downloadable template", () => {
    const template = readFileSync("public/ratings-import-template.csv", "utf8");
    expect(template.startsWith("\uFEFF")).toBe(true);
    expect(template.slice(1).split(/\r?\n/)[0]).toBe(HEADER);
  });
});

describe("好差评 CSV: each error kind, with its line", () => {
  const errorsOf = (line: string) => check(line).rows[0].errors;

  it("non-integer, negative and blank counts", () => {
    expect(errorsOf(`${A},张三,2026-03,一次一评,1.5,0,abc,-2,,0,0`)).toEqual([
      "好评数应为整数，实际为“1.5”",
      "超时未评数应为整数，实际为“abc”",
      "无效差评数不能为负数",
      "已回复差评数不能为空（没有请填 0）",
    ]);
  });

  it("counts that contradict each other (checkCounts)", () => {
    expect(errorsOf(`${A},张三,2026-03,一次一评,10,2,0,3,0,0,0`)).toEqual(["无效差评数不能大于差评数"]);
    expect(errorsOf(`${A},张三,2026-03,一次一评,10,2,0,0,3,0,0`)).toEqual(["已回复差评数不能大于差评数"]);
    expect(errorsOf(`${A},张三,2026-03,一次一评,10,3,0,1,3,3,0`)).toEqual(["已整改数不能大于有效差评数"]);
    expect(errorsOf(`${A},张三,2026-03,一次一评,10,3,0,0,3,1,2`)).toEqual(["整改满意数不能大于已整改数"]);
  });

  it("unknown channel", () => {
    expect(errorsOf(`${A},张三,2026-03,电话回访,1,0,0,0,0,0,0`)).toEqual([
      "渠道“电话回访”不存在，应为：一次一评、一事一评、综合点评、监督查评",
    ]);
    expect(errorsOf(`${A},张三,2026-03,,1,0,0,0,0,0,0`)).toEqual(["渠道不能为空"]);
  });

  it("bad and future months", () => {
    expect(errorsOf(`${A},张三,2026-13,一次一评,1,0,0,0,0,0,0`)).toEqual(["月份“2026-13”格式不正确（例如 2026-03 或 2026年3月）"]);
    expect(errorsOf(`${A},张三,三月,一次一评,1,0,0,0,0,0,0`)).toEqual(["月份“三月”格式不正确（例如 2026-03 或 2026年3月）"]);
    expect(errorsOf(`${A},张三,2026-12,一次一评,1,0,0,0,0,0,0`)).toEqual(["月份 2026-12 晚于本月（2026-11），不能导入未来月份的数据"]);
    expect(errorsOf(`${A},张三,,一次一评,1,0,0,0,0,0,0`)).toEqual(["月份不能为空"]);
  });

  it("duplicate person, month and channel within the file (also when the month is written differently)", () => {
    const r = check(
      `${A},张三,2026-03,一次一评,1,0,0,0,0,0,0\n${B},李四,2026-03,一次一评,1,0,0,0,0,0,0\n${A},张三,2026年3月,一次一评,2,0,0,0,0,0,0\n`,
    );
    expect(r.rows.map((x) => x.errors)).toEqual([[], [], ["与第 2 行重复（同一人员、月份、渠道只能有一行）"]]);
    expect(r.good).toBe(2);
    expect(r.bad).toBe(1);
    expect(r.rows[2].row).toBeNull();
  });

  it("unknown person, another center's person, name mismatch, invalid ID number", () => {
    expect(errorsOf(`${UNKNOWN},王五,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual(["该身份证号未在系统中登记，请先在人员管理中登记该人员"]);
    expect(errorsOf(`${C},钱进,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual(["该身份证号的人员不是本中心人员"]);
    expect(errorsOf(`${A},李四,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual(["姓名“李四”与该身份证号登记的姓名“张三”不一致"]);
    expect(errorsOf(`${A.slice(0, 17)}${A[17] === "1" ? "2" : "1"},张三,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual([
      "身份证号校验位不正确，请核对是否输错",
    ]);
    expect(errorsOf(`3.10107E+17,张三,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual([expect.stringContaining("科学计数法")]);
    expect(errorsOf(`${A},,2026-03,一次一评,1,0,0,0,0,0,0`)).toEqual(["姓名不能为空"]);
  });

  it("lists every error of a row, and a bad row does not stop the good ones", () => {
    const r = check(`${A},张三,2026-03,一次一评,1,0,0,0,0,0,0\n${UNKNOWN},王五,2099-01,快评,x,0,0,0,0,0,0\n`);
    expect(r.good).toBe(1);
    expect(r.rows[1].line).toBe(3);
    expect(r.rows[1].errors).toHaveLength(4);
    expect(r.rows[1].errors[0]).toContain("未在系统中登记");
    expect(r.rows[1].errors[1]).toContain("晚于本月");
    expect(r.rows[1].errors[2]).toContain("渠道“快评”不存在");
    expect(r.rows[1].errors[3]).toBe("好评数应为整数，实际为“x”");
  });
});

describe("helpers", () => {
  it("parseMonth", () => {
    expect(parseMonth("2026-03")).toBe("2026-03");
    expect(parseMonth("2026/3")).toBe("2026-03");
    expect(parseMonth("2026年3月")).toBe("2026-03");
    expect(parseMonth("2026年 12 月")).toBe("2026-12");
    expect(parseMonth("2026.03")).toBe("2026-03");
    expect(parseMonth("202603")).toBe("2026-03");
    expect(parseMonth("2026/3/1")).toBe("2026-03"); // Excel's reading of "2026-03"
    expect(parseMonth("2026/3/15")).toBeNull();
    expect(parseMonth("2026-00")).toBeNull();
    expect(parseMonth("26-03")).toBeNull();
  });
  it("parseChannel", () => {
    expect(parseChannel(" “综合点评” ")).toBe("综合点评");
    expect(parseChannel("监督考评")).toBeNull();
  });
  it("parseCount", () => {
    expect(parseCount("1,234", "好评数")).toEqual({ ok: true, value: 1234 });
    expect(parseCount("12.0", "好评数")).toEqual({ ok: true, value: 12 });
    expect(parseCount("0", "好评数")).toEqual({ ok: true, value: 0 });
    expect(parseCount("2000000", "好评数")).toEqual({ ok: false, error: "好评数过大，请核对" });
  });
  it("shanghaiMonth crosses midnight in Shanghai, not UTC", () => {
    expect(shanghaiMonth(new Date("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(shanghaiMonth(new Date("2026-11-30T15:30:00Z"))).toBe("2026-11");
  });
  it("ratingCsvIdNumbers lists the distinct, normalised ID numbers to look up", () => {
    const x = id("31010719930303004").replace(/X$/, "x");
    expect(
      ratingCsvIdNumbers(
        `${HEADER}\n${A},张三,2026-03,一次一评,1,0,0,0,0,0,0\n ${A} ,张三,2026-04,一次一评,1,0,0,0,0,0,0\n${x},赵六,2026-04,一次一评,1,0,0,0,0,0,0\nbad,x,,,,,,,,,\n`,
      ),
    ).toEqual([A, x.toUpperCase()]);
    expect(ratingCsvIdNumbers("不是表头\n1")).toEqual([]);
  });
});

// ---- server layer and demo seed, on the per-worker test database ----

describe("ratings.server: import, re-import and the year queries", async () => {
  const { db, ensureDbReady } = await import("~/platform/db.server");
  const server = await import("~/features/ratings/service.server");
  const { seedRatings } = await import("../../prisma/seed-ratings");
  const { formatRate } = await import("~/domain/ratings");

  const tag = Date.now().toString(36);
  const now = new Date("2026-11-22T10:00:00+08:00");
  const actorOf = (centerId: string) => ({
    id: "u-test",
    username: "t",
    displayName: "测试管理员",
    centerId,
    centerName: null,
    personId: null,
    roles: ["center_admin" as const],
    mustChangePassword: false,
  });
  const file = (text: string) => new File([text], "评价.csv", { type: "text/csv" });

  it("imports a clean file at once, stages a file with errors, imports its good rows on request, replaces on re-import", async () => {
    await ensureDbReady();
    const c1 = await db.center.create({ data: { name: `好差评测试甲${tag}`, code: `RA${tag}`, kind: "district" } });
    const c2 = await db.center.create({ data: { name: `好差评测试乙${tag}`, code: `RB${tag}`, kind: "district" } });
    const seq = String(Date.now() % 1000).padStart(3, "0");
    const pa = await db.person.create({
      data: { centerId: c1.id, name: "甲一", idNumber: id(`11010119800101${seq}`), phone: "13800000000" },
    });
    const pb = await db.person.create({
      data: { centerId: c2.id, name: "乙一", idNumber: id(`11010119800102${seq}`), phone: "13800000000" },
    });
    const actor = actorOf(c1.id);

    const first = await server.uploadRatings(
      c1.id,
      file(`${HEADER}\n${pa.idNumber},甲一,2026-03,一次一评,37,3,10,1,3,0,0\n${pa.idNumber},甲一,2025-12,一次一评,9,0,1,0,0,0,0\n`),
      "auto",
      actor,
      "127.0.0.1",
      now,
    );
    expect(first).toEqual({ kind: "imported", imported: 2, year: 2026 });

    const staged = await server.uploadRatings(
      c1.id,
      file(
        `${HEADER}\n${pa.idNumber},甲一,2026-03,一次一评,38,3,10,1,3,2,1\n${pb.idNumber},乙一,2026-03,一次一评,1,0,0,0,0,0,0\n${pa.idNumber},甲一,2026-04,一事一评,5,1,0,0,1,1,1\n`,
      ),
      "auto",
      actor,
      "127.0.0.1",
      now,
    );
    expect(staged.kind).toBe("review");
    if (staged.kind !== "review") return;
    const { check } = await server.checkRatingsBatch(staged.batchId, c1.id, now);
    expect(check.ok && check.rows[1].errors).toEqual(["该身份证号的人员不是本中心人员"]);
    // Nothing of the staged file is in yet.
    expect((await db.ratingCount.findFirstOrThrow({ where: { personId: pa.id, period: "2026-03" } })).activeGood).toBe(37);
    await expect(server.checkRatingsBatch(staged.batchId, c2.id, now)).rejects.toMatchObject({ init: { status: 404 } });

    expect(await server.importGoodRatingRows(staged.batchId, c1.id, actor, "127.0.0.1", now)).toEqual({
      imported: 2,
      skipped: 1,
      year: 2026,
    });
    await expect(server.importGoodRatingRows(staged.batchId, c1.id, actor, "127.0.0.1", now)).rejects.toMatchObject({
      init: { status: 409 },
    });
    const rows = await db.ratingCount.findMany({ where: { personId: pa.id }, orderBy: [{ period: "asc" }, { channel: "asc" }] });
    expect(rows.map((r) => [r.period, r.channel, r.activeGood, r.rectified, r.centerId === c1.id])).toEqual([
      ["2025-12", "一次一评", 9, 0, true],
      ["2026-03", "一次一评", 38, 2, true], // replaced, not added
      ["2026-04", "一事一评", 5, 1, true],
    ]);
    expect(await db.ratingCount.count({ where: { personId: pb.id } })).toBe(0);
    const log = await db.auditLog.findMany({ where: { action: "ratings.import", centerId: c1.id }, orderBy: { at: "asc" } });
    expect(log.map((l) => JSON.parse(l.detail!).mode)).toEqual(["all", "good"]);

    // The year's totals (lead's evaluation query) and the monthly trend.
    const year = await server.ratingCountsForYear(c1.id, 2026);
    expect([...year.keys()]).toEqual([pa.id]);
    expect(year.get(pa.id)).toEqual({
      activeGood: 43,
      activeBad: 4,
      timeoutUnrated: 10,
      invalidBad: 1,
      repliedBad: 4,
      rectified: 3,
      satisfied: 2,
    });
    expect((await server.ratingCountsForYear(c1.id, 2025)).get(pa.id)?.activeGood).toBe(9);
    expect((await server.ratingCountsForYear(c2.id, 2026)).size).toBe(0);
    const trend = await server.personRatingTrend(pa.id, 2026);
    expect(trend).toHaveLength(12);
    expect(trend[2]).toMatchObject({ month: 3, period: "2026-03", total: 51 });
    expect(formatRate(trend[2].rates.goodRate)).toBe("96.0%");
    expect(trend[0].total).toBe(0);
    expect(trend[0].rates.goodRate).toBeNull();

    const overview = await server.centerRatingsYear(c1.id, 2026);
    expect(overview.total.total).toBe(57);
    expect(overview.byChannel.find((c) => c.channel === "监督查评")?.rates.goodRate).toBeNull();
    expect(overview.staff.map((s) => s.name)).toEqual(["甲一"]);
    expect(await server.ratingYears(c1.id)).toEqual([2026, 2025]);
    expect(await server.centerPerson(pa.id, c2.id)).toBeNull();
  });

  it("seedRatings: deterministic, only the center's people, up to the current month, with the no-data cases", async () => {
    await ensureDbReady();
    const center = await db.center.create({ data: { name: `好差评演示${tag}`, code: `RS${tag}`, kind: "district" } });
    const elsewhere = await db.center.create({ data: { name: `好差评演示外${tag}`, code: `RT${tag}`, kind: "district" } });
    const people = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const p = await db.person.create({
        data: {
          centerId: center.id,
          name: `演示${i}`,
          idNumber: id(`3101071990${String(i + 1).padStart(2, "0")}01${String(Date.now() % 1000).padStart(3, "0")}`),
          phone: "13800000000",
          staffRole: i % 3 === 0 ? "后台审批人员" : "综合窗口工作人员",
        },
      });
      people.set(p.name, p.id);
    }
    const outsider = await db.person.create({
      data: {
        centerId: elsewhere.id,
        name: "外人",
        idNumber: id(`32010219900101${String(Date.now() % 1000).padStart(3, "0")}`),
        phone: "13800000000",
      },
    });
    people.set("外人", outsider.id);

    const at = new Date("2026-10-31T17:00:00Z"); // already 1 November in Shanghai
    const n = await seedRatings(db, center.id, people, at);
    const rows = await db.ratingCount.findMany({ where: { centerId: center.id } });
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(10);
    expect(rows.some((r) => r.personId === outsider.id)).toBe(false);
    expect([...new Set(rows.map((r) => r.period))].sort().at(-1)).toBe("2026-11");
    expect(rows.every((r) => r.period.startsWith("2026-"))).toBe(true);
    for (const r of rows) expect(checkCountsOf(r)).toBeNull();
    expect(rows.some((r) => r.activeGood + r.activeBad + r.timeoutUnrated === 0)).toBe(true);
    expect(rows.some((r) => r.activeBad - r.invalidBad > 0 && r.rectified === 0)).toBe(true);
    const bad = rows.reduce((s, r) => s + r.activeBad, 0);
    const all = rows.reduce((s, r) => s + r.activeGood + r.activeBad, 0);
    expect(bad / all).toBeLessThan(0.1); // mostly good

    // Same input, same data; running it again replaces instead of adding.
    const snapshot = rows.map((r) => `${r.personId}${r.period}${r.channel}${r.activeGood},${r.activeBad},${r.rectified}`).sort();
    expect(await seedRatings(db, center.id, people, at)).toBe(n);
    const again = await db.ratingCount.findMany({ where: { centerId: center.id } });
    expect(again.map((r) => `${r.personId}${r.period}${r.channel}${r.activeGood},${r.activeBad},${r.rectified}`).sort()).toEqual(snapshot);
  });
});

function checkCountsOf(r: {
  activeGood: number;
  activeBad: number;
  timeoutUnrated: number;
  invalidBad: number;
  repliedBad: number;
  rectified: number;
  satisfied: number;
}) {
  const { activeGood, activeBad, timeoutUnrated, invalidBad, repliedBad, rectified, satisfied } = r;
  return checkCounts({ activeGood, activeBad, timeoutUnrated, invalidBad, repliedBad, rectified, satisfied });
}
