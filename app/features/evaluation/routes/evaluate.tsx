import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/evaluate";
import { requireUserWithPermission } from "~/platform/auth.server";
import { assignmentsOf } from "~/features/evaluation/service.server";
import { RELATIONS } from "~/domain/evaluation";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "评价打分 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "score:evaluation:own");
  return { linked: user.personId !== null, tasks: user.personId ? await assignmentsOf(user.personId) : [] };
}

export default function Evaluate() {
  const { linked, tasks } = useLoaderData<typeof loader>();
  if (!linked) return <Notice>本账号未关联人员档案，没有评价任务。</Notice>;
  const open = tasks.filter((t) => !t.submittedAt).length;
  return (
    <div>
      <PageHeader
        title="评价打分"
        description={`年度能力评价的自评、同事互评与负责人评分。待完成 ${open} 项，共 ${tasks.length} 项。每项指标分数不超过其分值；提交后不能修改。`}
      />
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">评价类型</th>
              <th scope="col">被评价人</th>
              <th scope="col">岗位</th>
              <th scope="col">状态</th>
              <th scope="col">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.id}>
                <td>{t.year}</td>
                <td>{RELATIONS[t.relation]}</td>
                <td>{t.subject}</td>
                <td>{[t.department, t.staffRole].filter(Boolean).join(" · ") || "—"}</td>
                <td>{t.submittedAt ? <span className="text-green-700">已提交</span> : <span className="text-amber-700">待评分</span>}</td>
                <td>
                  <Link className="link" to={`/evaluate/${t.id}`} aria-label={`${t.year} 年度${RELATIONS[t.relation]}：${t.subject}`}>
                    {t.submittedAt ? "查看" : "评分"}
                  </Link>
                </td>
              </tr>
            ))}
            {tasks.length === 0 ? (
              <tr>
                <td colSpan={6} className="text-slate-500">
                  暂无进行中的评价任务
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
