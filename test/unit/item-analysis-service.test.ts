// The item-analysis service against a real migrated SQLite file: a small set made by the demo
// seed (prisma/seed-item-analysis.ts) is read back by the service, whose figures must equal
// what the domain computes from the seed's own record of the answers; the xlsx must parse back
// (exceljs) with the same numbers.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { isCorrect } from "~/domain/grading";
import { analyseAttempts, ITEM_FLAG_LABELS, type AnalysisAttempt, type AnalysisItem } from "~/domain/item-analysis";
import { hasPermission } from "~/domain/permissions";
import { AnalysisFilterSchema, analysisExport, importBank, itemAnalysisReport, loadBankFromDisk } from "~/features/bank/index.server";
import { db } from "~/platform/db.server";
import { seedItemAnalysis, type SeededSitting } from "../../prisma/seed-item-analysis";
import { user } from "../support/service-helpers";

const FIRST = 24;
const SECOND = 20;
let seeded: SeededSitting[] = [];

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
  const center = await db.center.create({ data: { name: "题目分析测试中心", code: "TMFX", kind: "district" } });
  await user(center.id, "tmfx-admin", "center_admin");
  await user(center.id, "tmfx-proctor", "proctor");
  seeded = await seedItemAnalysis(db, center.id, bank.items, bank.version, new Date(), { first: FIRST, second: SECOND, retakes: 5 });
}, 60_000);

/** The domain's analysis computed from the seed's record, not from the database. */
function expected(sittings: SeededSitting[]) {
  const items = new Map<string, AnalysisItem>();
  const attempts: AnalysisAttempt[] = [];
  for (const s of sittings) {
    for (const it of s.snapshot)
      items.set(it.id, { id: it.id, type: it.type, requirement: it.requirement, options: it.options, key: it.key });
    for (const a of s.attempts) {
      const responses = s.snapshot.map((it) => {
        const response = a.answers[it.id] ?? null;
        return { itemId: it.id, response, earned: isCorrect(it, response) ? it.points : 0, max: it.points };
      });
      expect(responses.reduce((sum, r) => sum + r.earned, 0)).toBe(a.score);
      attempts.push({ attemptId: a.attemptId, paperId: s.paperId, total: a.score, responses });
    }
  }
  return analyseAttempts(items, attempts);
}

describe("item analysis service", () => {
  it("seeds two published sittings with graded attempts", async () => {
    expect(seeded.map((s) => s.attempts.length)).toEqual([FIRST, SECOND]);
    const sittings = await db.sitting.findMany({ where: { id: { in: seeded.map((s) => s.sittingId) } }, include: { rooms: true } });
    expect(sittings.every((s) => s.status === "published" && s.rooms.every((r) => r.status === "closed"))).toBe(true);
    expect(
      await db.attempt.count({ where: { status: "submitted", registration: { sittingId: { in: seeded.map((s) => s.sittingId) } } } }),
    ).toBe(FIRST + SECOND);
    // Retakers of the second sitting failed the first.
    const retakes = await db.registration.findMany({ where: { sittingId: seeded[1].sittingId, retake: true }, select: { personId: true } });
    expect(retakes.length).toBeGreaterThan(0);
    const first = await db.registration.findMany({
      where: { sittingId: seeded[0].sittingId, personId: { in: retakes.map((r) => r.personId) } },
      include: { attempt: true },
    });
    expect(first.every((r) => r.attempt?.passed === false)).toBe(true);
  });

  it("gives the figures the domain computes from the same answers", async () => {
    const report = await itemAnalysisReport({ level: "L5" });
    const want = expected(seeded);
    expect(report.attempts).toBe(FIRST + SECOND);
    expect(report.mismatches).toBe(0);
    const strip = ({
      itemId,
      type,
      requirement,
      n,
      papers,
      facility,
      pointBiserial,
      upperLower,
      groupSize,
      reliable,
      blank,
      options,
      flags,
    }: (typeof want.items)[number]) => ({
      itemId,
      type,
      requirement,
      n,
      papers,
      facility,
      pointBiserial,
      upperLower,
      groupSize,
      reliable,
      blank,
      options,
      flags,
    });
    expect(report.items.map(strip)).toEqual(want.items.map(strip));
    const byId = <T extends { paperId: string }>(xs: T[]) => [...xs].sort((a, b) => a.paperId.localeCompare(b.paperId));
    expect(byId(report.papers).map(({ level: _l, sittings: _s, ...p }) => p)).toEqual(byId(want.papers));
    expect(report.requirements.map(({ workContent: _w, ...r }) => r)).toEqual(want.requirements);
    // The seed's model makes the paper reliable and most items discriminate.
    for (const p of report.papers) expect(p.kr20!).toBeGreaterThan(0.7);
    const rs = report.items.flatMap((i) => (i.pointBiserial === null ? [] : [i.pointBiserial]));
    expect(rs.reduce((a, b) => a + b, 0) / rs.length).toBeGreaterThan(0.2);
  });

  it("filters by sitting, level and date", async () => {
    const one = await itemAnalysisReport({ sitting: seeded[0].sittingId });
    expect(one.attempts).toBe(FIRST);
    expect(one.papers.map((p) => p.paperId)).toEqual([seeded[0].paperId]);
    expect((await itemAnalysisReport({ level: "L4" })).attempts).toBe(0);
    expect((await itemAnalysisReport({ from: "2000-01-01", to: "2000-12-31" })).attempts).toBe(0);
    const start = await db.sitting.findUniqueOrThrow({ where: { id: seeded[1].sittingId } });
    const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(start.startsAt);
    const onDay = await itemAnalysisReport({ from: ymd, to: ymd });
    expect(onDay.papers.map((p) => p.paperId)).toEqual([seeded[1].paperId]);
  });

  it("refuses a bad query with a Chinese message", () => {
    expect(AnalysisFilterSchema.safeParse({ level: "", from: "", to: "", sitting: "" }).success).toBe(true);
    const bad = AnalysisFilterSchema.safeParse({ from: "2026-02-30" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe("日期应为 YYYY-MM-DD 格式");
    expect(AnalysisFilterSchema.safeParse({ from: "2026-05-02", to: "2026-05-01" }).error!.issues[0].message).toBe(
      "开始日期不能晚于结束日期",
    );
    expect(AnalysisFilterSchema.safeParse({ level: "L9" }).error!.issues[0].message).toBe("等级应为 L5、L4 或 L3");
  });

  it("is for bank maintainers", () => {
    expect(hasPermission(["bank_maintainer"], "read:bank:any")).toBe(true);
    expect(hasPermission(["center_admin"], "read:bank:any")).toBe(false);
    expect(hasPermission(["platform_admin"], "read:bank:any")).toBe(false);
  });

  it("exports an xlsx that parses back with the same numbers", async () => {
    const report = await itemAnalysisReport({ level: "L5" });
    const { body, filename } = await analysisExport({ level: "L5" }, new Date("2026-06-01T02:00:00Z"));
    expect(filename).toBe("题目分析-L5-2026-06-01.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["题目分析", "干扰项", "试卷", "考核要求", "说明"]);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const cell = (v: unknown) => (v === undefined ? null : v);

    const items = rows("题目分析");
    expect(items[0].slice(0, 10)).toEqual([
      "题目编号",
      "题型",
      "等级",
      "领域",
      "考核要求",
      "作答人数",
      "试卷数",
      "难度P（得分率）",
      "区分度（点二列，校正）",
      "区分度D（高低分组27%）",
    ]);
    expect(items.length - 1).toBe(report.items.length);
    for (const [k, i] of report.items.entries()) {
      const r = items[k + 1];
      expect([r[0], r[5], r[6], r[7], cell(r[8]), cell(r[9]), r[11]]).toEqual([
        i.itemId,
        i.n,
        i.papers,
        i.facility,
        i.pointBiserial,
        i.upperLower,
        i.blank,
      ]);
      expect(cell(r[13]) ?? "").toBe(i.flags.map((f) => ITEM_FLAG_LABELS[f]).join("、"));
    }

    const options = rows("干扰项");
    const single = report.items.find((i) => i.type === "单选")!;
    const mine = options.filter((r) => r[0] === single.itemId);
    expect(mine.map((r) => [r[2], r[3], r[4]])).toEqual([
      ...single.options!.map((o) => [o.option, o.isKey ? "是" : "否", o.count]),
      ["（未作答）", "", single.blank],
    ]);

    const papers = rows("试卷");
    expect(papers[0].slice(0, 7)).toEqual(["试卷编号", "等级", "场次", "考试日期", "人数", "题数", "KR-20"]);
    for (const p of report.papers) {
      const r = papers.find((x) => x[0] === p.paperId)!;
      expect([r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]]).toEqual([
        p.n,
        p.k,
        p.kr20,
        p.mean,
        p.sd,
        p.min,
        p.max,
        p.passed,
        p.passRate,
      ]);
      expect(r.slice(14)).toEqual(p.bins.map((b) => b.count));
    }

    const reqs = rows("考核要求");
    expect(reqs.length - 1).toBe(report.requirements.length);
    for (const [k, q] of report.requirements.entries())
      expect([reqs[k + 1][0], reqs[k + 1][2], reqs[k + 1][3], reqs[k + 1][4]]).toEqual([
        q.requirement,
        q.items,
        q.responses,
        q.meanFacility,
      ]);
  });
});
