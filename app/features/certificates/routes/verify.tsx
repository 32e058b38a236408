import { Form, Link, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/verify";
import { getAuth } from "~/platform/auth.server";
import { maskIdNumber } from "~/domain/id-number";
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
            {result.kind === "valid" || result.kind === "void" ? (
              <div className={`rounded-md p-4 ${result.kind === "valid" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
                <p className="text-lg font-semibold">{result.kind === "valid" ? "证书有效" : "该证书已作废"}</p>
                <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
                  <dt>证书编号</dt>
                  <dd className="font-mono">{result.number}</dd>
                  <dt>姓名</dt>
                  <dd>{result.holder}</dd>
                  <dt>身份证号</dt>
                  <dd className="font-mono">{result.idNumber}</dd>
                  <dt>职业</dt>
                  <dd>{result.occupation}</dd>
                  <dt>等级</dt>
                  <dd>{result.level}</dd>
                  <dt>发证日期</dt>
                  <dd>{result.issued}</dd>
                </dl>
              </div>
            ) : null}
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
