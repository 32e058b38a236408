import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/me-applications";
import { requireUserWithPermission } from "~/platform/auth.server";
import { Notice, PageHeader } from "~/platform/ui/page";
import { applicationsOverview } from "../service.server";
import { StatusBadge } from "../ui/status";

export function meta() {
  return [{ title: "网上报名 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "apply:exam:own");
  if (!user.personId || !user.centerId) return { open: [], mine: [], linked: false };
  return { ...(await applicationsOverview({ id: user.personId, centerId: user.centerId }, new Date())), linked: true };
}

export default function MyApplications() {
  const { open, mine, linked } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        title="网上报名"
        description={
          <>
            申请中心开放网上报名的考试场次，审核通过后即完成报名，准考证号见{" "}
            <Link to="/me/exams" className="link">
              我的考试
            </Link>
            。
          </>
        }
      />
      {!linked ? <Notice tone="warning">您的账号未关联人员信息，不能网上报名。</Notice> : null}
      <section aria-labelledby="mine-title" className="space-y-3">
        <h2 id="mine-title" className="text-lg font-medium">
          我的申请
        </h2>
        {mine.length === 0 ? <p className="text-sm text-slate-600">您还没有提交报名申请。</p> : null}
        {mine.map((a) => (
          <article key={a.id} className="card" data-testid={`application-${a.sitting.title}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium">
                {a.sitting.title}{" "}
                <span className="text-sm text-slate-500">
                  {a.sitting.level} · {a.sitting.kind} · {a.sitting.startsAt} 开考
                </span>
              </h3>
              <StatusBadge status={a.status} label={a.statusLabel} position={a.position} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              提交于 {a.submittedAt}
              {a.reviewedAt ? ` · 审核于 ${a.reviewedAt}` : ""}
            </p>
            {a.status === "rejected" && a.note ? <p className="mt-2 text-sm">驳回原因：{a.note}</p> : null}
            {a.status === "needs_info" && a.note ? <p className="mt-2 text-sm">需要补充：{a.note}</p> : null}
            {a.status === "waitlisted" ? (
              <p className="mt-2 text-sm">名额已满，您在候补名单第 {a.position} 位；中心增加名额时按候补顺序依次递补并自动报名。</p>
            ) : null}
            {a.status === "approved" ? <p className="mt-2 text-sm">审核已通过，已为您报名；准考证号见“我的考试”。</p> : null}
            <p className="mt-2">
              <Link to={`/me/applications/${a.sitting.id}`} className="link text-sm">
                {a.status === "needs_info" ? "补充并重新提交" : "查看申请"}
              </Link>
            </p>
          </article>
        ))}
      </section>
      <section aria-labelledby="open-title" className="space-y-3">
        <h2 id="open-title" className="text-lg font-medium">
          可申请的考试
        </h2>
        {open.length === 0 ? <p className="text-sm text-slate-600">目前没有开放网上报名的考试。</p> : null}
        {open.map((s) => (
          <article key={s.id} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <h3 className="font-medium">{s.title}</h3>
              <p className="text-sm text-slate-600">
                {s.level} · {s.kind} · {s.startsAt} 开考 · 报名时间 {s.opensAt} 至 {s.closesAt} · 名额 {s.seats} 人 · {s.windowLabel}
              </p>
            </div>
            {s.windowState === "open" ? (
              <Link to={`/me/applications/${s.id}`} className="btn-primary">
                申请报名
              </Link>
            ) : (
              <Link to={`/me/applications/${s.id}`} className="btn-secondary">
                查看
              </Link>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
