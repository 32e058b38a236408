import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/me-exams";
import { requireUserWithPermission } from "~/platform/auth.server";
import { myRegistrations } from "../service.server";
import { LEVEL_LABELS, SKILL_WEIGHTS, THEORY_WEIGHTS, type Area, type Level } from "~/domain/levels";
import { displayScore } from "~/domain/skill";
import { formatDateTime } from "~/domain/time";
import { SITTING_STATE_LABELS, sittingState } from "~/domain/sitting-lifecycle";
import { Notice, PageHeader } from "~/platform/ui/page";
import { ReviewLine } from "~/features/review";
import { reviewLines } from "~/features/review/index.server";

export function meta() {
  return [{ title: "我的考试 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:exam:own");
  if (!user.personId) return { exams: [], lines: {} };
  const [regs, lines] = await Promise.all([myRegistrations(user.personId), reviewLines(user.personId, new Date())]);
  return {
    lines: Object.fromEntries(lines),
    exams: regs.map((r) => {
      const state = sittingState(r.sitting);
      const published = state === "published";
      const level = r.sitting.level as Level;
      if (r.sitting.kind === "skill") {
        const res = published ? r.skillResult : null;
        const areas = res ? (JSON.parse(res.areaScores) as { area: Area; points: number; max: number }[]) : [];
        return {
          id: r.id,
          upcoming: state === "scheduled",
          title: r.sitting.title,
          level: LEVEL_LABELS[level],
          kind: "技能考核",
          startsAt: formatDateTime(r.sitting.startsAt),
          room: r.group?.name ?? "",
          seat: r.seat,
          ticket: r.ticketNumber,
          state: published ? "成绩已发布" : state === "scoring" ? SITTING_STATE_LABELS.scoring : "待考核",
          result: res
            ? {
                score: displayScore(res.score),
                passed: res.passed,
                byArea: areas.map((a) => ({ area: a.area, points: displayScore(a.points), weight: SKILL_WEIGHTS[level][a.area] ?? a.max })),
              }
            : null,
        };
      }
      const byArea = published && r.attempt?.areaScores ? (JSON.parse(r.attempt.areaScores) as { area: Area; points: number }[]) : [];
      return {
        id: r.id,
        // The ticket is for getting in: offered until the candidate has started.
        upcoming: state === "scheduled" && !r.attempt,
        title: r.sitting.title,
        level: LEVEL_LABELS[level],
        kind: "理论知识考试",
        startsAt: formatDateTime(r.sitting.startsAt),
        room: r.room?.name ?? "",
        seat: r.seat,
        ticket: r.ticketNumber,
        state: !r.attempt ? "未参加" : r.attempt.status === "in_progress" ? "作答中" : published ? "成绩已发布" : "已交卷，成绩待发布",
        result:
          published && r.attempt?.status === "submitted"
            ? {
                score: String(r.attempt.score),
                passed: r.attempt.passed,
                byArea: byArea.map((a) => ({ area: a.area, points: String(a.points), weight: THEORY_WEIGHTS[level][a.area] ?? 0 })),
              }
            : null,
      };
    }),
  };
}

export default function MyExams() {
  const { exams, lines } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title="我的考试"
        description={
          <>
            机考时请到{" "}
            <Link to="/exam" className="link">
              考生机考登录
            </Link>
            ，凭准考证号、身份证号和监考员宣布的开考码进入。申请中心开放报名的考试、查看审核结果请到{" "}
            <Link to="/me/applications" className="link">
              网上报名
            </Link>
            。
          </>
        }
      />
      {exams.length === 0 ? <Notice>您还没有报名考试。</Notice> : null}
      {exams.map((e) => (
        <section key={e.id} className="card">
          <h2 className="font-medium">
            {e.title}{" "}
            <span className="text-sm text-slate-500">
              {e.level} · {e.kind}
            </span>
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {e.startsAt} · {e.room} {e.kind === "技能考核" ? `第 ${e.seat} 号` : `第 ${e.seat} 座`} · 准考证号{" "}
            <span className="font-mono">{e.ticket}</span> · {e.state}
          </p>
          {e.upcoming ? (
            <p className="mt-2">
              <Link to={`/me/exams/${e.id}/admission-ticket`} className="btn-secondary" target="_blank">
                打印准考证
              </Link>
            </p>
          ) : null}
          {e.result ? (
            <div className="mt-3">
              <p>
                成绩 <strong className="text-xl">{e.result.score}</strong> 分{" "}
                <span className={`badge ml-2 ${e.result.passed ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
                  {e.result.passed ? "合格" : "不合格"}
                </span>
              </p>
              <table className="table mt-2 max-w-md">
                <thead>
                  <tr>
                    <th scope="col">鉴定范围</th>
                    <th scope="col">满分</th>
                    <th scope="col">得分</th>
                  </tr>
                </thead>
                <tbody>
                  {e.result.byArea.map((a) => (
                    <tr key={a.area}>
                      <td>{a.area}</td>
                      <td>{a.weight}</td>
                      <td>{a.points}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {e.result && lines[e.id] ? <ReviewLine data={lines[e.id]} /> : null}
        </section>
      ))}
    </div>
  );
}
