import { Link, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/bank-analysis";
import {
  LOW_DISCRIMINATION_BELOW,
  MIN_ITEM_RESPONSES,
  MIN_PAPER_ATTEMPTS,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
  UNUSED_DISTRACTOR_MIN_RESPONSES,
} from "~/domain/item-analysis";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { Notice, PageHeader } from "~/platform/ui/page";
import { AnalysisFilterSchema, analysisSittings, itemAnalysisReport } from "../service/analysis.server";
import { AnalysisFilters } from "../ui/analysis-filters";
import { ITEM_FILTERS, ITEM_SORTS, ItemTable, type ItemView } from "../ui/analysis-items";
import { PaperPanels } from "../ui/analysis-papers";
import { RequirementTable } from "../ui/analysis-requirements";

const blank = (v: unknown) => (v === "" ? undefined : v);
const ViewSchema = z.object({
  sort: z.preprocess(blank, z.enum(ITEM_SORTS).optional()),
  dir: z.preprocess(blank, z.enum(["asc", "desc"]).optional()),
  flag: z.preprocess(blank, z.enum(ITEM_FILTERS).optional()),
});

export function meta() {
  return [{ title: "题目分析 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:bank:any");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = AnalysisFilterSchema.safeParse(params);
  const view = ViewSchema.safeParse(params);
  if (!filter.success) httpError(400, `查询条件有误：${filter.error.issues[0]?.message ?? "请检查筛选条件"}。`);
  if (!view.success) httpError(400, "排序或标记筛选参数有误。");
  const [report, sittings] = await Promise.all([itemAnalysisReport(filter.data), analysisSittings()]);
  const exportQuery = new URLSearchParams(Object.entries(filter.data).filter((e): e is [string, string] => typeof e[1] === "string"));
  const itemView: ItemView = {
    sort: view.data.sort ?? "id",
    dir: view.data.dir ?? (view.data.sort ? "desc" : "asc"),
    flag: view.data.flag ?? null,
  };
  return { report, sittings, view: itemView, exportHref: `/bank/analysis/export.xlsx${exportQuery.size ? `?${exportQuery}` : ""}` };
}

export default function BankAnalysis() {
  const { report, sittings, view, exportHref } = useLoaderData<typeof loader>();
  const flagged = report.items.filter((i) => i.flags.length > 0).length;
  return (
    <div className="space-y-6">
      <PageHeader
        title="题目分析"
        description="根据各中心已交卷的理论考试答卷，统计每道题的难度、区分度和选项选择情况，以及每套试卷的信度和成绩分布，供题库维护参考。"
        actions={
          <>
            <Link className="btn-secondary" to="/bank">
              返回题库
            </Link>
            <a className="btn-primary" href={exportHref} download>
              导出 xlsx
            </a>
          </>
        }
      />
      <AnalysisFilters values={report.filter} sittings={sittings} />
      <p className="text-sm text-slate-700" data-testid="analysis-summary">
        共分析 <strong>{report.attempts}</strong> 份答卷、<strong>{report.papers.length}</strong> 套试卷、
        <strong>{report.items.length}</strong> 道题，其中 <strong>{flagged}</strong> 道有标记。
      </p>
      {report.mismatches > 0 ? (
        <Notice tone="warning">
          有 {report.mismatches} 份答卷的记录成绩与按试卷答案重新计算的得分不一致（可能是评分规则变更后未重新评分），统计以记录成绩为总分。
        </Notice>
      ) : null}
      {report.attempts === 0 ? <Notice>没有符合条件的已交卷答卷。</Notice> : null}

      <section aria-labelledby="papers-heading" className="space-y-3">
        <h2 id="papers-heading" className="text-lg font-medium">
          试卷信度与成绩分布
        </h2>
        <PaperPanels papers={report.papers} />
      </section>

      <section aria-labelledby="items-heading" className="space-y-3">
        <h2 id="items-heading" className="text-lg font-medium">
          逐题分析
        </h2>
        <p className="text-xs text-slate-600">
          难度P为得分率（越高越容易）；区分度为该题得分与其余各题总分的点二列相关，D 为总分前后 27% 考生的得分率之差。标记：过易 P &gt;{" "}
          {TOO_EASY_ABOVE}
          ，过难 P &lt; {TOO_HARD_BELOW}，负区分 点二列 &lt; 0，区分度低 点二列 &lt; {LOW_DISCRIMINATION_BELOW}，无人选择的干扰项（作答 ≥{" "}
          {UNUSED_DISTRACTOR_MIN_RESPONSES} 人时）。作答少于 {MIN_ITEM_RESPONSES} 人的题目不作标记；试卷少于 {MIN_PAPER_ATTEMPTS}{" "}
          份答卷时信度仅供参考。
        </p>
        <ItemTable items={report.items} view={view} />
      </section>

      <section aria-labelledby="requirements-heading" className="space-y-3">
        <h2 id="requirements-heading" className="text-lg font-medium">
          按考核要求
        </h2>
        <RequirementTable rows={report.requirements} />
      </section>
    </div>
  );
}
