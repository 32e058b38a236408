import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/me-certificates";
import { requireUserWithPermission } from "~/platform/auth.server";
import { CERTIFICATE_STATUS_LABELS, certificateStatusOf } from "~/domain/certificate";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDate } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";
import { myCertificates } from "../service.server";

export function meta() {
  return [{ title: "我的证书 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:certificate:own");
  const certs = user.personId ? await myCertificates(user.personId) : [];
  return {
    certs: certs.map((c) => ({
      id: c.id,
      number: c.number,
      level: LEVEL_LABELS[c.level as Level],
      issued: formatDate(c.issuedAt),
      status: certificateStatusOf(c.status),
      source: c.source,
    })),
  };
}

export default function MyCertificates() {
  const { certs } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title="我的证书" description="理论知识考试和技能考核均合格后颁发职业技能等级证书，可打印并扫码核验。" />
      {certs.length === 0 ? <Notice>暂无证书。</Notice> : null}
      <ul className="space-y-3">
        {certs.map((c) => (
          <li key={c.id} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-medium">行政办事员（政务服务综合窗口办事员）· {c.level}</p>
              <p className="text-sm text-slate-600">
                证书编号 <span className="font-mono">{c.number}</span> · 发证日期 {c.issued} · {CERTIFICATE_STATUS_LABELS[c.status]}
              </p>
            </div>
            {c.source === "platform" ? (
              <Link to={`/certificates/${c.id}/print`} className="btn-secondary" target="_blank">
                打印证书
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
