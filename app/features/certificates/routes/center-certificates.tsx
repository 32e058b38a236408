import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/center-certificates";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { constraintsOf } from "~/platform/forms";
import { LEVEL_LABELS } from "~/domain/levels";
import { Field } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { certificateSearchSchema } from "../schemas";
import { findCertificates } from "../service/life.server";
import { StatusBadge } from "../ui/status-badge";

export function meta() {
  return [{ title: "证书管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:certificate:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const parsed = certificateSearchSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  const q = parsed.success ? parsed.data.q : "";
  return { q, error: parsed.success ? null : parsed.error.issues[0].message, certificates: await findCertificates(user.centerId, q) };
}

export default function CenterCertificates() {
  const { q, error, certificates } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <PageHeader title="证书管理" description="按证书编号或持证人姓名查找本中心人员的证书，办理作废、补发和姓名更正。" />
      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-3" role="search">
        <Field label="证书编号或姓名" name="q" error={error ?? undefined} className="min-w-[16rem] flex-1">
          {(p) => (
            <input
              {...p}
              defaultValue={q}
              className="input"
              autoComplete="off"
              {...constraintsOf(certificateSearchSchema.shape.q)}
              required={false}
            />
          )}
        </Field>
        <button type="submit" className="btn-primary">
          查找
        </button>
      </Form>
      {certificates.length === 0 ? <Notice>{q ? "没有找到相符的证书。" : "本中心暂无证书。"}</Notice> : null}
      {certificates.length > 0 ? (
        <div className="card overflow-x-auto p-0">
          <table className="table" aria-label="证书列表">
            <thead>
              <tr>
                <th scope="col">证书编号</th>
                <th scope="col">持证人</th>
                <th scope="col">等级</th>
                <th scope="col">发证日期</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td className="font-mono">
                    <Link to={`/center/certificates/${c.id}`} className="link">
                      {c.number}
                    </Link>
                  </td>
                  <td>{c.holderName}</td>
                  <td>{LEVEL_LABELS[c.level]}</td>
                  <td>{c.issued}</td>
                  <td>
                    <StatusBadge status={c.status} />
                    {c.source !== "platform" ? <span className="ml-2 text-xs text-slate-600">外部录入</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
