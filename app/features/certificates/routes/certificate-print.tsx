import QRCode from "qrcode";
import { useLoaderData } from "react-router";
import type { Route } from "./+types/certificate-print";
import { requireUser } from "~/platform/auth.server";
import { httpError, pageUrl } from "~/platform/http.server";
import { canActOnCenter } from "~/domain/permissions";
import { maskIdNumber } from "~/domain/id-number";
import { CERTIFICATE_STATUS_LABELS } from "~/domain/certificate";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDate } from "~/domain/time";
import { certificateForPrint } from "../service.server";

export function meta() {
  return [{ title: "职业技能等级证书" }];
}

// The holder or the center's admin may print; the QR code opens the public verification page.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const cert = await certificateForPrint(params.certificateId);
  const own = user.personId === cert.personId;
  if (!own && !canActOnCenter(user.roles, user.centerId, "read", "staff", cert.person.centerId))
    httpError(403, "您没有访问此页面或执行此操作的权限。");
  const url = pageUrl(request);
  const verifyUrl = `${url.protocol}//${url.host}/verify?n=${cert.number}&name=${encodeURIComponent(cert.holderName)}`;
  const qr = await QRCode.toString(verifyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    number: cert.number,
    level: LEVEL_LABELS[cert.level as Level],
    issued: formatDate(cert.issuedAt),
    name: cert.holderName,
    idNumber: maskIdNumber(cert.person.idNumber),
    center: cert.person.center.name,
    qr,
    verifyUrl,
    status: cert.status,
    replaces: cert.replaces ? { number: cert.replaces.number, issued: formatDate(cert.replaces.issuedAt) } : null,
  };
}

export default function CertificatePrint() {
  const c = useLoaderData<typeof loader>();
  return (
    <main className="certificate mx-auto my-8 max-w-[210mm] bg-white p-10 shadow print:my-0 print:shadow-none">
      <p className="no-print mb-6">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          打印（A4）
        </button>
      </p>
      <div className="border-4 border-double border-brand-800 p-10 text-center">
        <h1 className="text-3xl font-bold tracking-[0.3em] text-brand-800">职业技能等级证书</h1>
        {c.replaces ? (
          <p className="mt-2 text-lg font-semibold text-brand-800" data-testid="cert-reissue">
            （补发）
          </p>
        ) : null}
        {c.status !== "valid" ? <p className="mt-2 text-red-700">（{CERTIFICATE_STATUS_LABELS[c.status]}）</p> : null}
        <dl className="mx-auto mt-10 grid max-w-md grid-cols-[7rem_1fr] gap-y-3 text-left text-lg">
          <dt className="text-slate-600">姓　　名</dt>
          <dd data-testid="cert-name">{c.name}</dd>
          <dt className="text-slate-600">身份证号</dt>
          <dd className="font-mono">{c.idNumber}</dd>
          <dt className="text-slate-600">职业（工种）</dt>
          <dd>行政办事员（政务服务综合窗口办事员）</dd>
          <dt className="text-slate-600">职业编码</dt>
          <dd>3-01-01-01</dd>
          <dt className="text-slate-600">等　　级</dt>
          <dd>{c.level}</dd>
          <dt className="text-slate-600">证书编号</dt>
          <dd className="font-mono" data-testid="cert-number">
            {c.number}
          </dd>
          <dt className="text-slate-600">发证日期</dt>
          <dd>{c.issued}</dd>
          {c.replaces ? (
            <>
              <dt className="text-slate-600">原证书编号</dt>
              <dd className="font-mono" data-testid="cert-original">
                {c.replaces.number}
              </dd>
              <dt className="text-slate-600">原发证日期</dt>
              <dd>{c.replaces.issued}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-10 flex items-end justify-between text-left">
          <div className="text-sm text-slate-600">
            <p>评价机构：{c.center}</p>
            <p>扫码或访问本平台“证书查询”核验真伪</p>
          </div>
          <figure className="w-32" aria-label="证书核验二维码" data-testid="cert-qr">
            <div dangerouslySetInnerHTML={{ __html: c.qr }} />
            <figcaption className="mt-1 text-center text-xs text-slate-500">扫码核验</figcaption>
          </figure>
        </div>
      </div>
      <p className="no-print mt-4 break-all text-xs text-slate-500">核验地址：{c.verifyUrl}</p>
    </main>
  );
}
