import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/evaluation-report";
import { requireUserWithPermission } from "~/platform/auth.server";
import { centerNameOf, requireCycle, subjectReport } from "~/features/evaluation/service.server";
import { httpError } from "~/platform/http.server";
import { formatPoints, verdict } from "~/domain/evaluation";
import { rates, ratingPoints } from "~/domain/ratings";
import { formatDateTime } from "~/domain/time";
import { IndicatorTable, RatingSummary } from "~/features/evaluation/ui/evaluation-report";
import { ForceProfile } from "~/features/evaluation/ui/radar";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.name ?? ""} ${data?.year ?? ""} 年度能力评价报告` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const [report, center] = await Promise.all([subjectReport(cycle, params.personId), centerNameOf(user.centerId)]);
  const counts = report.result.ratings;
  return {
    cycleId: cycle.id,
    year: cycle.year,
    passMark: cycle.passMark,
    penalty: cycle.ratingPenalty,
    center,
    name: report.result.name,
    person: { staffRole: report.result.staffRole, department: report.result.department },
    result: report.result.result,
    verdict: verdict(report.result.result),
    indicators: report.indicators,
    adjustments: report.detail.adjustments,
    veto: report.detail.veto,
    ratings: counts ? { counts, rates: rates(counts), points: ratingPoints(counts, cycle.ratingPenalty) } : null,
    profile: report.profile,
    average: report.average,
    printedAt: formatDateTime(new Date()),
  };
}

export default function EvaluationReport() {
  const d = useLoaderData<typeof loader>();
  return (
    <article className="mx-auto max-w-4xl bg-white p-2 text-slate-900">
      <p className="no-print mb-4 flex gap-2">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          打印（A4）
        </button>
        <Link className="btn-secondary" to={`/center/evaluation/${d.cycleId}/people/${d.profile.personId}`}>
          返回
        </Link>
      </p>
      <header className="border-b pb-3 text-center">
        <h1 className="text-xl font-semibold">
          {d.center} {d.year} 年度政务服务人员能力评价报告
        </h1>
        <p className="mt-1 text-sm">
          姓名：{d.name} · {[d.person.department, d.person.staffRole].filter(Boolean).join(" · ") || "—"}
        </p>
      </header>
      <section className="mt-4 grid grid-cols-3 gap-3 text-center text-sm">
        <div className="rounded border p-3">
          <p className="text-slate-500">总分</p>
          <p className="text-2xl font-semibold" data-testid="report-total">
            {formatPoints(d.result.total)}
          </p>
        </div>
        <div className="rounded border p-3">
          <p className="text-slate-500">合格分数线</p>
          <p className="text-2xl font-semibold">{d.passMark}</p>
        </div>
        <div className="rounded border p-3">
          <p className="text-slate-500">评价结论</p>
          <p className="text-2xl font-semibold">{d.verdict}</p>
        </div>
      </section>
      {d.result.missing.length && !d.result.vetoed ? (
        <p className="mt-3 text-sm text-amber-800">尚缺：{d.result.missing.join("、")}（缺评项不按 0 分计）。</p>
      ) : null}
      <section className="mt-6 break-inside-avoid">
        <h2 className="text-lg font-medium">一、评价得分（主观：自评 20% + 互评平均 30% + 负责人 50%）</h2>
        <IndicatorTable indicators={d.indicators} result={d.result} />
      </section>
      <section className="mt-6 break-inside-avoid text-sm">
        <h2 className="text-lg font-medium">二、客观数据与加减分</h2>
        <RatingSummary ratings={d.ratings} penalty={d.penalty} />
        <ul className="mt-2 list-disc pl-5">
          {d.adjustments.map((a) => (
            <li key={a.id}>
              {a.kind === "award"
                ? `表彰（${a.awardLevel}级）+${a.points}`
                : a.kind === "majorEvent"
                  ? `重大活动表现 +${a.points}`
                  : `扣分 −${a.points}`}
              ：{a.reason}（{a.evidence}）
            </li>
          ))}
          {d.veto ? <li className="text-red-700">一票否决：{d.veto}</li> : null}
          {d.adjustments.length === 0 && !d.veto ? <li>无加减分</li> : null}
        </ul>
      </section>
      <section className="mt-6 break-inside-avoid">
        <h2 className="mb-2 text-lg font-medium">三、五力画像</h2>
        <ForceProfile forces={d.profile.forces} average={d.average} name={d.name} />
      </section>
      <footer className="mt-8 flex justify-between text-sm text-slate-600">
        <span>评价单位（盖章）：{d.center}</span>
        <span>打印时间：{d.printedAt}</span>
      </footer>
    </article>
  );
}
