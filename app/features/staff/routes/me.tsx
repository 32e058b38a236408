import { useLoaderData } from "react-router";
import type { Route } from "./+types/me";
import { requireUserWithPermission } from "~/platform/auth.server";
import { PLATFORM_ROLE_LABELS } from "~/domain/roles";
import { PageHeader, Notice } from "~/platform/ui/page";
import { ownProfile } from "../service.server";

export function meta() {
  return [{ title: "个人信息 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:profile:own");
  const person = user.personId ? await ownProfile(user.personId) : null;
  return {
    account: { username: user.username, displayName: user.displayName, roles: user.roles.map((r) => PLATFORM_ROLE_LABELS[r]) },
    person,
  };
}

export default function Me() {
  const { account, person } = useLoaderData<typeof loader>();
  const rows: [string, string][] = [
    ["账号", account.username],
    ["姓名", person?.name ?? account.displayName],
    ["平台角色", account.roles.join("、")],
    ...(person
      ? ([
          ["身份证号", person.idNumber],
          ["手机号", person.phone],
          ["所属中心", person.center],
          ["部门", person.department],
          ["岗位", person.staffRole],
          ["入职日期", person.hireDate],
        ] as [string, string][])
      : []),
  ];
  return (
    <div>
      <PageHeader title="个人信息" description="信息如有错误，请联系所在中心的管理员更正。" />
      {!person ? <Notice>本账号未关联人员档案。</Notice> : null}
      <dl className="card grid max-w-2xl grid-cols-[8rem_1fr] gap-x-4 gap-y-3 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
