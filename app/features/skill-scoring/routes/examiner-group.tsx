import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/examiner-group";
import { requireGroupScorer } from "~/features/skill-scoring/access.server";
import { PageHeader, Notice } from "~/platform/ui/page";

export function meta() {
  return [{ title: "考评组 · 技能评分" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, group, paper } = await requireGroupScorer(request, context, params.groupId);
  const tasks = paper.sections.flatMap((s) => s.items.map((i) => ({ id: i.id, title: i.title, area: s.area, points: i.points })));
  return {
    group: { id: group.id, name: group.name, sitting: group.sitting.title, status: group.sitting.status },
    tasks,
    // Candidates by exam number only: examiners do not see names.
    rows: group.registrations.map((r) => ({
      id: r.id,
      ticket: r.ticketNumber,
      cells: tasks.map((t) => {
        const mine = r.scoreSheets.find((s) => s.taskId === t.id && s.examinerId === user.id);
        return { taskId: t.id, state: !mine ? "未评" : mine.status === "submitted" ? "已提交" : "草稿", total: mine?.total ?? null };
      }),
    })),
  };
}

export default function ExaminerGroup() {
  const { group, tasks, rows } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={`${group.sitting} · ${group.name}`}
        description="点击单元格按评分要素评分。"
        actions={
          <Link to="/examiner" className="btn-secondary">
            返回
          </Link>
        }
      />
      {group.status !== "scoring" ? (
        <Notice tone="warning">{group.status === "published" ? "成绩已发布，评分已结束。" : "中心尚未开始评分。"}</Notice>
      ) : null}
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">准考证号</th>
              {tasks.map((t) => (
                <th key={t.id} scope="col">
                  {t.title}
                  <div className="text-xs font-normal">
                    {t.area} · {t.points} 分
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="font-mono">
                  {r.ticket}
                </th>
                {r.cells.map((c) => (
                  <td key={c.taskId}>
                    {group.status === "scoring" ? (
                      <Link
                        className="link"
                        to={`/examiner/groups/${group.id}/score?reg=${r.id}&task=${c.taskId}`}
                        aria-label={`${r.ticket} ${tasks.find((t) => t.id === c.taskId)?.title} ${c.state}`}
                      >
                        {c.state}
                        {c.total !== null ? `（${c.total}）` : ""}
                      </Link>
                    ) : (
                      c.state
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
