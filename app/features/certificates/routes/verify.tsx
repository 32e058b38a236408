import { Form, Link, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/verify";
import { getAuth } from "~/platform/auth.server";
import { maskIdNumber } from "~/domain/id-number";
import { CERTIFICATE_STATUS_LABELS } from "~/domain/certificate";
import { LEVEL_LABELS } from "~/domain/levels";
import { Field } from "~/platform/ui/field";
import { verifyQuerySchema } from "../schemas";
import { lookupCertificate } from "../service.server";

export function meta() {
  return [{ title: "证书查询 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const n = url.searchParams.get("n") ?? "";
  const name = url.searchParams.get("name");
  if (name === null) return { n, name: "", result: null };
  const parsed = verifyQuerySchema.safeParse({ n, name });
  if (!parsed.success) return { n, name, result: { kind: "error" as const, message: parsed.error.issues[0].message } };
  const r = await lookupCertificate(parsed.data.n, parsed.data.name, getAuth(context).clientAddress, new Date());
  if (r.kind === "error" || r.kind === "none") return { n, name, result: r };
  return { n, name, result: { ...r, level: LEVEL_LABELS[r.level], idNumber: maskIdNumber(r.idNumber) } };
}

type FoundResult = Extract<NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["result"]>, { kind: "found" }>;

// Each state is said in words (not colour alone): 有效, 已作废 on a date, 已补发 on a date.
function Found({ result: r }: { result: FoundResult }) {
  const headline =
    r.status === "valid"
      ? "证书有效"
      : r.status === "void"
        ? `该证书已作废${r.endedOn ? `（${r.endedOn} 作废）` : ""}`
        : `该证书已补发新证书，原证书失效${r.endedOn ? `（${r.endedOn} 补发）` : ""}`;
  return (
    <div
      className={`rounded-md p-4 ${r.status === "valid" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}
      data-testid="verify-result"
    >
      <p className="text-lg font-semibold">{headline}</p>
      {r.status === "replaced" ? <p className="mt-1 text-sm">持证人已申请补发，请以补发后的新证书核验。</p> : null}
      {r.replacesNumber ? (
        <p className="mt-1 text-sm">
          本证书为补发证书，原证书编号 <span className="font-mono">{r.replacesNumber}</span> 已失效。
        </p>
      ) : null}
      {r.nameCorrectedOn ? (
        <p className="mt-1 text-sm">
          {r.askedFormer ? `持证人姓名已于 ${r.nameCorrectedOn} 更正，现为“${r.holder}”。` : `持证人姓名已于 ${r.nameCorrectedOn} 更正。`}
        </p>
      ) : null}
      <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        <dt>证书编号</dt>
        <dd className="font-mono">{r.number}</dd>
        <dt>状态</dt>
        <dd>{CERTIFICATE_STATUS_LABELS[r.status]}</dd>
        <dt>姓名</dt>
        <dd>{r.holder}</dd>
        <dt>身份证号</dt>
        <dd className="font-mono">{r.idNumber}</dd>
        <dt>职业</dt>
        <dd>{r.occupation}</dd>
        <dt>等级</dt>
        <dd>{r.level}</dd>
        <dt>发证日期</dt>
        <dd>{r.issued}</dd>
      </dl>
    </div>
  );
}

export default function Verify() {
  const { n, name, result } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto mt-16 max-w-xl px-4">
      <div className="card">
        <h1 className="text-xl font-semibold">职业技能等级证书查询</h1>
        <p className="mt-1 text-sm text-slate-600">输入证书编号和持证人姓名，核验证书真伪。无需登录。</p>
        <Form method="get" className="mt-4 space-y-3">
          <Field label="证书编号" name="n">
            {(p) => <input {...p} defaultValue={n} className="input font-mono" autoComplete="off" />}
          </Field>
          <Field label="持证人姓名" name="name">
            {(p) => <input {...p} defaultValue={name} className="input" autoComplete="off" maxLength={30} />}
          </Field>
          <button className="btn-primary" disabled={busy}>
            查询
          </button>
        </Form>
        {result ? (
          <div className="mt-6" role="status">
            {result.kind === "error" ? <p className="rounded-md bg-red-50 p-3 text-red-800">{result.message}</p> : null}
            {result.kind === "none" ? (
              <p className="rounded-md bg-amber-50 p-3 text-amber-900">未查到与该编号和姓名相符的证书。请核对后重试。</p>
            ) : null}
            {result.kind === "found" ? <Found result={result} /> : null}
          </div>
        ) : null}
        <p className="mt-6 text-sm">
          <Link to="/login" className="link">
            工作人员登录
          </Link>
        </p>
      </div>
    </main>
  );
}
