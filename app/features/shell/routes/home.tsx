import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { requireUser } from "~/platform/auth.server";
import { PageHeader } from "~/platform/ui/page";
import { navFor } from "../navigation";
import { homeStats } from "../service.server";

export function meta() {
  return [{ title: "首页 · 政务服务综合窗口办事员 认证与能力平台" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const stats = await homeStats(user);
  return { displayName: user.displayName, centerName: user.centerName, nav: navFor(user.roles, user.centerId !== null), stats };
}

export default function Home() {
  const { displayName, centerName, nav, stats } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={`您好，${displayName}`} description={centerName ? `所属：${centerName}` : "平台管理"} />
      {stats.length > 0 ? (
        <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4">
          {stats.map((s) => (
            <div key={s.label} className="card">
              <dt className="text-sm text-slate-500">{s.label}</dt>
              <dd className="mt-1 text-3xl font-semibold text-brand-800">{s.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {nav.map((g) => (
        <section key={g.title} className="mb-6">
          <h2 className="mb-3 text-base font-semibold text-slate-700">{g.title}</h2>
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {g.items.map((i) => (
              <li key={i.to}>
                <Link to={i.to} className="card block h-full hover:border-brand-600 hover:shadow">
                  <span className="font-medium text-brand-800">{i.label}</span>
                  <span className="mt-1 block text-sm text-slate-600">{i.description}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
