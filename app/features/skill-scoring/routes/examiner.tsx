import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/examiner";
import { requireUserWithPermission } from "~/platform/auth.server";
import { examinerGroupsOf } from "~/features/skill-scoring/service.server";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "技能评分 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:scoring:center");
  return { groups: await examinerGroupsOf(user.id) };
}

export default function Examiner() {
  const { groups } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title="技能评分" description="您所在的考评组。请独立评分，评分提交前其他考评员看不到您的分数。" />
      {groups.length === 0 ? <Notice>暂无指派给您的考评组。</Notice> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {groups.map((g) => (
          <li key={g.id}>
            <Link to={`/examiner/groups/${g.id}`} className="card block hover:border-brand-600">
              <p className="font-medium text-brand-800">
                {g.sitting} · {g.name}
                {g.isChief ? "（您是组长）" : ""}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {g.level} · {g.startsAt} · 考生 {g.candidates} 名 · <span className="badge">{g.status}</span>
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
