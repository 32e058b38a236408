import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/chief";
import { requireUserWithPermission } from "~/platform/auth.server";
import { chiefGroupsOf } from "~/features/skill-scoring/service.server";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "评分复核 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "review:scoring:center");
  return { groups: await chiefGroupsOf(user.id) };
}

export default function Chief() {
  const { groups } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title="评分复核" description="您担任考评组长的考评组：查看全部评分、处理分差超过 20% 的任务。" />
      {groups.length === 0 ? <Notice>您目前没有担任考评组长的考评组。</Notice> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {groups.map((g) => (
          <li key={g.id} className="card">
            <Link to={`/chief/groups/${g.id}`} className="link font-medium">
              {g.sitting} · {g.name}
            </Link>
            <p className="mt-1 text-sm">
              <Link className="link" to={`/center/skill-sittings/${g.sittingId}/audit`}>
                评分记录
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
