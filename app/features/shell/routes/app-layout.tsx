import { Form, NavLink, Outlet, useLoaderData } from "react-router";
import type { Route } from "./+types/app-layout";
import { requireUser } from "~/platform/auth.server";
import { PLATFORM_ROLE_LABELS } from "~/domain/roles";
import { navFor } from "~/features/shell/navigation";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  return {
    user: {
      displayName: user.displayName,
      username: user.username,
      centerName: user.centerName,
      roles: user.roles.map((r) => PLATFORM_ROLE_LABELS[r]),
    },
    nav: navFor(user.roles, user.centerId !== null),
  };
}

export default function AppLayout() {
  const { user, nav } = useLoaderData<typeof loader>();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        跳到主要内容
      </a>
      <header className="no-print border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <NavLink to="/home" className="text-lg font-semibold tracking-wide">
            政务服务综合窗口办事员 · 认证与能力平台
          </NavLink>
          <div className="flex items-center gap-4 text-sm">
            <span>
              {user.centerName ?? "平台"} · <strong>{user.displayName}</strong>
              <span className="ml-2 text-brand-100">（{user.roles.join("、")}）</span>
            </span>
            <NavLink to="/account/password" className="underline-offset-2 hover:underline">
              修改密码
            </NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="rounded border border-white/40 px-3 py-1 hover:bg-white/10">
                退出
              </button>
            </Form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 lg:flex-row">
        <nav aria-label="主导航" className="no-print lg:w-52 lg:shrink-0">
          <ul className="flex gap-2 overflow-x-auto lg:flex-col lg:gap-4 lg:overflow-visible">
            {nav.map((g) => (
              <li key={g.title} className="shrink-0">
                <p className="hidden px-2 text-xs font-semibold tracking-wider text-slate-500 lg:block">{g.title}</p>
                <ul className="flex gap-1 lg:mt-1 lg:flex-col">
                  {g.items.map((i) => (
                    <li key={i.to}>
                      <NavLink
                        to={i.to}
                        end={i.to === "/me"}
                        className={({ isActive }) =>
                          `block rounded-md px-3 py-2 text-sm whitespace-nowrap ${isActive ? "bg-brand-100 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100"}`
                        }
                      >
                        {i.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
