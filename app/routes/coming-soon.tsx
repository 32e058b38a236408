import { useLoaderData } from "react-router";
import type { Route } from "./+types/coming-soon";
import { httpError, pageUrl } from "~/server/http.server";
import { requireUserWithPermission } from "~/server/auth.server";
import { findNavItem } from "~/ui/navigation";
import { PageHeader, Notice } from "~/ui/page";

// Pages that later work fills. Each one already checks its own permission on the server.
export async function loader({ request, context }: Route.LoaderArgs) {
  const item = findNavItem(pageUrl(request).pathname.replace(/\/$/, ""));
  if (!item) httpError(404, "您访问的页面不存在。");
  const user = await requireUserWithPermission(request, context, item.permission);
  if (item.role && !user.roles.includes(item.role)) httpError(403, "您没有访问此页面或执行此操作的权限。");
  return { title: item.label, description: item.description };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.title ?? "功能"} · 政务服务综合窗口办事员` }];
}

export default function ComingSoon() {
  const { title, description } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={title} description={description} />
      <Notice>该功能尚未开放，敬请期待。</Notice>
    </div>
  );
}
