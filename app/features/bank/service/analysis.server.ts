// Item analysis for the bank's maintainers (issue 17): reads the finished attempts of theory
// papers across every center, pools items by id and hands them to the pure rules of
// domain/item-analysis. Read-only: nothing here writes.
import ExcelJS from "exceljs";
import { z } from "zod";
import { isIsoDate } from "~/domain/bank";
import { isCorrect, type AnswerValue } from "~/domain/grading";
import {
  analyseAttempts,
  ITEM_FLAG_LABELS,
  LOW_DISCRIMINATION_BELOW,
  MIN_ITEM_RESPONSES,
  MIN_PAPER_ATTEMPTS,
  NEGATIVE_DISCRIMINATION_BELOW,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
  UNUSED_DISTRACTOR_MIN_RESPONSES,
  UPPER_LOWER_SHARE,
  type AnalysisAttempt,
  type AnalysisItem,
  type ItemStats,
  type PaperStats,
  type RequirementStats,
} from "~/domain/item-analysis";
import { LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { paperOf, type SnapshotItem } from "~/domain/paper";
import { REQUIREMENTS } from "~/domain/standard";
import { formatDate, formatDateTime, shanghaiDateToInstant } from "~/domain/time";
import { db } from "~/platform/db.server";

const isoDate = z.string().refine(isIsoDate, "日期应为 YYYY-MM-DD 格式");
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** The query of /bank/analysis and its export: which attempts to analyse (empty fields: all). */
export const AnalysisFilterSchema = z
  .object({
    level: z.preprocess(blankToUndefined, z.enum(LEVELS, { message: "等级应为 L5、L4 或 L3" }).optional()),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
    sitting: z.preprocess(blankToUndefined, z.string().max(40, "场次编号有误").optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "开始日期不能晚于结束日期", path: ["to"] });
export type AnalysisFilter = z.infer<typeof AnalysisFilterSchema>;

const DAY_MS = 24 * 60 * 60_000;

/** Theory sittings that have finished attempts, newest first (the filter's choices). */
export async function analysisSittings() {
  const rows = await db.sitting.findMany({
    where: { kind: "theory", paperId: { not: null }, registrations: { some: { attempt: { status: "submitted", score: { not: null } } } } },
    select: { id: true, title: true, level: true, startsAt: true, center: { select: { name: true } } },
    orderBy: { startsAt: "desc" },
  });
  return rows.map((s) => ({ id: s.id, title: s.title, level: s.level as Level, date: formatDate(s.startsAt), center: s.center.name }));
}

export type AnalysedItem = ItemStats & {
  area: string;
  level: string;
  stem: string;
  /** The key as shown: letters joined, or 正确/错误. */
  key: string;
  optionTexts: Record<string, string>;
  /** Distinct snapshots of this id among the papers (more than 1: the item was edited between papers). */
  versions: number;
};
export type AnalysedPaper = PaperStats & { level: Level; sittings: { id: string; title: string; date: string; center: string }[] };
export type AnalysedRequirement = RequirementStats & { workContent: string };

/** The inputs of the analysis, as the domain takes them, for the attempts the filter selects. */
export async function analysisInput(filter: AnalysisFilter) {
  const sittings = await db.sitting.findMany({
    where: {
      kind: "theory",
      paperId: { not: null },
      ...(filter.level ? { level: filter.level } : {}),
      ...(filter.sitting ? { id: filter.sitting } : {}),
      ...(filter.from || filter.to
        ? {
            startsAt: {
              ...(filter.from ? { gte: shanghaiDateToInstant(filter.from) } : {}),
              ...(filter.to ? { lt: new Date(shanghaiDateToInstant(filter.to).getTime() + DAY_MS) } : {}),
            },
          }
        : {}),
    },
    select: {
      id: true,
      title: true,
      level: true,
      startsAt: true,
      center: { select: { name: true } },
      paper: { select: { id: true, content: true, items: true, createdAt: true } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const attempts = await db.attempt.findMany({
    where: { status: "submitted", score: { not: null }, registration: { sittingId: { in: sittings.map((s) => s.id) } } },
    select: { id: true, score: true, registration: { select: { sittingId: true } }, answers: { select: { itemId: true, value: true } } },
    orderBy: { id: "asc" },
  });
  const sittingById = new Map(sittings.map((s) => [s.id, s]));
  // Items are described by the latest paper that has them (papers in order of creation).
  const papers = [...new Map(sittings.map((s) => [s.paper!.id, s.paper!])).values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const snapshots = new Map<string, SnapshotItem>();
  const versions = new Map<string, Set<string>>();
  for (const p of papers) {
    for (const it of paperOf(p).items.values()) {
      snapshots.set(it.id, it);
      const v = versions.get(it.id) ?? new Set<string>();
      v.add(JSON.stringify([it.stem, it.options, it.key]));
      versions.set(it.id, v);
    }
  }
  let mismatches = 0;
  const input: AnalysisAttempt[] = attempts.map((a) => {
    const paper = sittingById.get(a.registration.sittingId)!.paper!;
    const answers = new Map(a.answers.map((x) => [x.itemId, JSON.parse(x.value) as AnswerValue]));
    // Earned points re-derived with the grading rule, from the paper's own snapshot (its key).
    const responses = [...paperOf(paper).items.values()].map((it) => {
      const response = answers.get(it.id) ?? null;
      return { itemId: it.id, response, earned: isCorrect(it, response) ? it.points : 0, max: it.points };
    });
    const total = a.score!;
    if (Math.abs(responses.reduce((s, r) => s + r.earned, 0) - total) > 1e-9) mismatches++;
    return { attemptId: a.id, paperId: paper.id, total, responses };
  });
  const items = new Map<string, AnalysisItem>(
    [...snapshots.values()].map((it) => [
      it.id,
      { id: it.id, type: it.type, requirement: it.requirement, options: it.options, key: it.key },
    ]),
  );
  return { sittings, attempts: input, items, snapshots, versions, mismatches };
}

/** The whole analysis, with what the screen and the export show next to the figures. */
export async function itemAnalysisReport(filter: AnalysisFilter) {
  const { sittings, attempts, items, snapshots, versions, mismatches } = await analysisInput(filter);
  const analysis = analyseAttempts(items, attempts);
  const analysedItems: AnalysedItem[] = analysis.items.map((s) => {
    const it = snapshots.get(s.itemId)!;
    return {
      ...s,
      area: it.area,
      level: it.level,
      stem: it.stem,
      key: Array.isArray(it.key) ? it.key.join("") : it.key,
      optionTexts: Object.fromEntries(Object.entries(it.options ?? {}).map(([k, v]) => [k, v ?? ""])),
      versions: versions.get(s.itemId)?.size ?? 1,
    };
  });
  const sittingsOf = (paperId: string) =>
    sittings
      .filter((s) => s.paper!.id === paperId)
      .map((s) => ({ id: s.id, title: s.title, date: formatDate(s.startsAt), center: s.center.name }));
  const levelOf = new Map(sittings.map((s) => [s.paper!.id, s.level as Level]));
  // In the order of their (first) sitting: `sittings` is sorted by start.
  const paperOrder = [...new Set(sittings.map((s) => s.paper!.id))];
  const analysedPapers: AnalysedPaper[] = analysis.papers
    .map((p) => ({ ...p, level: levelOf.get(p.paperId)!, sittings: sittingsOf(p.paperId) }))
    .sort((a, b) => paperOrder.indexOf(a.paperId) - paperOrder.indexOf(b.paperId));
  const requirements: AnalysedRequirement[] = analysis.requirements.map((r) => ({
    ...r,
    workContent: REQUIREMENTS.get(r.requirement)?.workContent ?? "—",
  }));
  return { filter, attempts: analysis.attempts, mismatches, items: analysedItems, papers: analysedPapers, requirements };
}
export type ItemAnalysisReport = Awaited<ReturnType<typeof itemAnalysisReport>>;

// ---- xlsx ----

const num3 = "0.000";
const pct1 = "0.0%";

function filterText(f: AnalysisFilter, sittingTitle: string | null): string {
  const parts = [
    f.level ? `等级：${LEVEL_LABELS[f.level]}` : "等级：全部",
    f.sitting ? `场次：${sittingTitle ?? f.sitting}` : null,
    f.from || f.to ? `考试日期：${f.from ?? "…"} 至 ${f.to ?? "…"}` : null,
  ];
  return parts.filter(Boolean).join("；");
}

function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]) {
  ws.addRow(titles).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** The analysis as a workbook: 题目分析, 干扰项, 试卷, 考核要求, 说明 (first row of each sheet: headers). */
export async function analysisWorkbook(r: ItemAnalysisReport, now: Date, sittingTitle: string | null = null) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政务服务综合窗口办事员认证与能力平台";
  const items = wb.addWorksheet("题目分析");
  header(
    items,
    [
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
      "每组人数",
      "未作答",
      "样本充足",
      "标记",
      "题干",
      "答案",
    ],
    [16, 6, 8, 10, 16, 9, 7, 12, 14, 14, 8, 7, 9, 22, 60, 8],
  );
  for (const i of r.items) {
    items.addRow([
      i.itemId,
      i.type,
      i.level === "common" ? "公共" : i.level,
      i.area,
      i.requirement,
      i.n,
      i.papers,
      i.facility,
      i.pointBiserial,
      i.upperLower,
      i.groupSize,
      i.blank,
      i.reliable ? "是" : "否",
      i.flags.map((f) => ITEM_FLAG_LABELS[f]).join("、"),
      i.stem,
      i.key,
    ]);
  }
  for (const c of [8, 9, 10]) items.getColumn(c).numFmt = num3;

  const options = wb.addWorksheet("干扰项");
  header(
    options,
    ["题目编号", "题型", "选项", "是否答案", "选择人数", "选择比例", "选择者平均分", "作答人数", "选项内容"],
    [16, 6, 10, 9, 9, 10, 12, 9, 60],
  );
  for (const i of r.items) {
    if (!i.options) continue;
    for (const o of i.options)
      options.addRow([
        i.itemId,
        i.type,
        o.option,
        o.isKey ? "是" : "否",
        o.count,
        o.share,
        o.meanTotal,
        i.n,
        i.optionTexts[o.option] ?? "",
      ]);
    options.addRow([i.itemId, i.type, "（未作答）", "", i.blank, i.n ? i.blank / i.n : 0, null, i.n, ""]);
  }
  options.getColumn(6).numFmt = pct1;
  options.getColumn(7).numFmt = "0.0";

  const papers = wb.addWorksheet("试卷");
  const binTitles = r.papers[0]?.bins.map((b) => `${b.from}–${b.to}分`) ?? [];
  header(
    papers,
    [
      "试卷编号",
      "等级",
      "场次",
      "考试日期",
      "人数",
      "题数",
      "KR-20",
      "平均分",
      "标准差",
      "最低分",
      "最高分",
      "及格人数",
      "及格率",
      "样本充足",
      ...binTitles,
    ],
    [28, 12, 30, 12, 7, 7, 9, 9, 9, 8, 8, 9, 9, 9, ...binTitles.map(() => 9)],
  );
  for (const p of r.papers) {
    papers.addRow([
      p.paperId,
      LEVEL_LABELS[p.level],
      p.sittings.map((s) => s.title).join("、"),
      p.sittings.map((s) => s.date).join("、"),
      p.n,
      p.k,
      p.kr20,
      p.mean,
      p.sd,
      p.min,
      p.max,
      p.passed,
      p.passRate,
      p.reliable ? "是" : "否",
      ...p.bins.map((b) => b.count),
    ]);
  }
  papers.getColumn(7).numFmt = num3;
  for (const c of [8, 9]) papers.getColumn(c).numFmt = "0.00";
  papers.getColumn(13).numFmt = pct1;

  const reqs = wb.addWorksheet("考核要求");
  header(
    reqs,
    ["考核要求代码", "工作内容", "题数", "作答人次", "平均难度P", "平均区分度（点二列）", "样本充足题数"],
    [18, 26, 7, 10, 11, 18, 12],
  );
  for (const q of r.requirements)
    reqs.addRow([q.requirement, q.workContent, q.items, q.responses, q.meanFacility, q.meanPointBiserial, q.reliableItems]);
  for (const c of [5, 6]) reqs.getColumn(c).numFmt = num3;

  const notes = wb.addWorksheet("说明");
  notes.getColumn(1).width = 24;
  notes.getColumn(2).width = 90;
  for (const row of [
    ["导出时间", `${formatDateTime(now)}（北京时间）`],
    ["筛选条件", filterText(r.filter, sittingTitle)],
    ["已分析答卷", r.attempts],
    ["难度P", "得分率：作答者所得分占该题满分比例的平均值（越高越容易）。"],
    ["区分度（点二列，校正）", "该题得分与“总分减去该题得分”的相关系数。"],
    ["区分度D", `总分最高与最低各 ${UPPER_LOWER_SHARE * 100}% 考生的该题得分率之差。`],
    ["KR-20", "试卷信度；每题以得满分为 1、否则为 0 计算（部分得分按未得满分计）。"],
    ["样本充足", `题目作答人数 ≥ ${MIN_ITEM_RESPONSES}、试卷人数 ≥ ${MIN_PAPER_ATTEMPTS} 时为“是”；样本不足时不作标记，数据仅供参考。`],
    [
      "标记规则",
      `过易：P > ${TOO_EASY_ABOVE}；过难：P < ${TOO_HARD_BELOW}；负区分：点二列 < ${NEGATIVE_DISCRIMINATION_BELOW}；区分度低：点二列 < ${LOW_DISCRIMINATION_BELOW}；无人选择的干扰项：作答人数 ≥ ${UNUSED_DISTRACTOR_MIN_RESPONSES} 时某干扰项无人选择。`,
    ],
  ])
    notes.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The analysis for `filter` as an .xlsx file, with the name it is downloaded under. */
export async function analysisExport(filter: AnalysisFilter, now: Date) {
  const report = await itemAnalysisReport(filter);
  const title = filter.sitting
    ? ((await db.sitting.findUnique({ where: { id: filter.sitting }, select: { title: true } }))?.title ?? null)
    : null;
  const body = await analysisWorkbook(report, now, title);
  return { body, filename: `题目分析-${filter.level ?? "全部等级"}-${formatDate(now)}.xlsx` };
}
