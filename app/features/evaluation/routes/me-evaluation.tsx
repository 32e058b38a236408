import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/me-evaluation";
import { requireUserWithPermission } from "~/platform/auth.server";
import { ownCycles, subjectReport } from "~/features/evaluation/service.server";
import { formatPoints, verdict } from "~/domain/evaluation";
import { Notice, PageHeader } from "~/platform/ui/page";
import { ForceProfile } from "~/features/evaluation/ui/radar";

export function meta() {
  return [{ title: "能力画像 · 政务服务综合窗口办事员" }];
}

/** Results are shown once the center has ended the cycle's scoring, so nobody sees a half-filled score. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:own");
  if (!user.personId) return { linked: false as const };
  const { open, closed } = await ownCycles(user.personId);
  const latest = closed[0] ?? null;
  const report = latest ? await subjectReport(latest, user.personId) : null;
  return {
    linked: true as const,
    name: user.displayName,
    openYear: open?.year ?? null,
    history: closed.map((c) => ({ year: c.year })),
    report:
      report && latest
        ? {
            year: latest.year,
            total: formatPoints(report.result.result.total),
            verdict: verdict(report.result.result),
            indicators: report.indicators.map((i) => ({ name: i.name, max: i.max, final: formatPoints(i.final) })),
            profile: report.profile,
            average: report.average,
          }
        : null,
  };
}

export default function MyEvaluation() {
  const d = useLoaderData<typeof loader>();
  if (!d.linked) return <Notice>本账号未关联人员档案。</Notice>;
  return (
    <div className="space-y-6">
      <PageHeader title="能力画像" description="年度能力评价结果与担当力、服务力、沟通力、抗逆力、学习力五个维度的画像。" />
      {d.openYear ? (
        <Notice>
          {d.openYear} 年度评价正在进行，请在
          <Link className="link" to="/evaluate">
            评价打分
          </Link>
          中完成自评和互评；结果在中心结束评分后显示。
        </Notice>
      ) : null}
      {d.report ? (
        <>
          <section className="card">
            <h2 className="text-lg font-medium">{d.report.year} 年度评价结果</h2>
            <p className="mt-1">
              总分 <strong>{d.report.total}</strong> · {d.report.verdict}
            </p>
            <table className="table mt-3 text-sm">
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">分值</th>
                  <th scope="col">得分</th>
                </tr>
              </thead>
              <tbody>
                {d.report.indicators.map((i) => (
                  <tr key={i.name}>
                    <td>{i.name}</td>
                    <td>{i.max}</td>
                    <td>{i.final}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2 className="mb-3 text-lg font-medium">五力画像</h2>
            <ForceProfile forces={d.report.profile.forces} average={d.report.average} name={d.name} />
          </section>
        </>
      ) : !d.openYear ? (
        <Notice>暂无已结束的年度评价。</Notice>
      ) : null}
    </div>
  );
}
