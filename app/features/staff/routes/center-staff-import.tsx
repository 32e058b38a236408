import { Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-staff-import";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { actionFail, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { httpError } from "~/platform/http.server";
import { STAFF_ROLES } from "~/domain/roles";
import { CSV_ENCODINGS } from "~/domain/staff-import";
import { FormResult } from "~/platform/ui/field";
import { CsvFileFields } from "~/platform/ui/file-input";
import { Notice, PageHeader } from "~/platform/ui/page";
import { checkImport, commitImport, discardImport, MAX_UPLOAD_BYTES, stageImport } from "../service.server";
import { ImportCheck } from "../ui/import-check";

export function meta() {
  return [{ title: "批量导入人员 · 政务服务综合窗口办事员" }];
}

async function requireImporter(request: Request, context: Route.LoaderArgs["context"]) {
  const user = await requireUserWithPermission(request, context, "create:staff:center");
  if (!user.centerId) httpError(403, "平台管理员请以中心管理员身份导入人员。");
  return { user, centerId: user.centerId };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { centerId } = await requireImporter(request, context);
  const batchId = new URL(request.url).searchParams.get("batch");
  if (!batchId) return { batch: null };
  if (!/^[a-z0-9]{10,40}$/.test(batchId)) httpError(400, "导入批次编号有误。");
  const { batch, check } = await checkImport(batchId, centerId, new Date());
  return {
    batch: { id: batch.id, filename: batch.filename, encoding: batch.encoding, status: batch.status },
    check: check.ok
      ? {
          ok: true as const,
          good: check.good,
          bad: check.bad,
          rows: check.rows.map((r) => ({ line: r.line, raw: r.raw, errors: r.errors })),
        }
      : { ok: false as const, fileError: check.fileError },
  };
}

const IntentSchema = z.object({ intent: z.enum(["upload", "commit", "discard"], { message: "未知的操作" }) });
const UploadSchema = z.object({ encoding: z.enum(CSV_ENCODINGS, { message: "文件编码选项有误。" }).default("auto") });
const CommitSchema = z.object({ batchId: z.string().min(1).max(40), mode: z.enum(["all", "good"]) });
const DiscardSchema = z.object({ batchId: z.string().min(1).max(40) });

export async function action({ request, context }: Route.ActionArgs) {
  const { user, centerId } = await requireImporter(request, context);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) httpError(413, "文件过大：单个文件不能超过 2 MB。");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = parseWith(IntentSchema, values);
  if (!intent.ok) return intent.response;
  const ip = getAuth(context).clientAddress;

  if (intent.data.intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return actionFail(400, "请选择要导入的 CSV 文件。");
    if (file.size > MAX_UPLOAD_BYTES) return actionFail(413, "文件过大：单个文件不能超过 2 MB。");
    const parsed = parseWith(UploadSchema, values);
    if (!parsed.ok) return actionFail(400, "文件编码选项有误。");
    const batchId = await stageImport(centerId, file, parsed.data.encoding, user);
    return redirect(`/center/staff/import?batch=${batchId}`);
  }
  if (intent.data.intent === "commit") {
    const parsed = parseWith(CommitSchema, values);
    if (!parsed.ok) return actionFail(400, "参数有误。");
    const { batchId, mode } = parsed.data;
    return runAction(async () => {
      const result = await commitImport(batchId, centerId, mode, user, ip, new Date());
      return redirect(`/center/staff/import?done=${result.imported}&skipped=${result.skipped}`);
    });
  }
  const parsed = parseWith(DiscardSchema, values);
  if (!parsed.ok) return actionFail(400, "参数有误。");
  await discardImport(parsed.data.batchId, centerId, { ...user, ip });
  return redirect("/center/staff/import");
}

export default function StaffImport() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = params.get("done");

  if (!loaderData.batch) {
    return (
      <div className="max-w-3xl">
        <PageHeader
          title="批量导入人员"
          description="从 Excel 另存的 CSV 文件导入本中心人员（支持 UTF-8 与 GBK 编码）。"
          actions={
            <Link to="/center/staff" className="btn-secondary">
              返回人员列表
            </Link>
          }
        />
        {done ? (
          <Notice tone="success">
            已导入 {done} 人{params.get("skipped") !== "0" ? `，跳过有误的 ${params.get("skipped")} 行` : ""}。
          </Notice>
        ) : null}
        <FormResult result={actionData} />
        <Form method="post" encType="multipart/form-data" className="card space-y-4">
          <input type="hidden" name="intent" value="upload" />
          <CsvFileFields />
          <button type="submit" className="btn-primary" disabled={busy}>
            上传并检查
          </button>
        </Form>
        <section className="card mt-6 text-sm text-slate-700">
          <h2 className="mb-2 font-medium">文件格式</h2>
          <p>
            第一行为表头：<code>姓名,身份证号,手机号,岗位,部门,入职日期</code>（“部门”可留空）。
            <a className="link" href="/staff-import-template.csv" download>
              下载模板
            </a>
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>身份证号为18位，系统按国家标准核对校验位；请在 Excel 中将该列设为“文本”，以免变成科学计数法。</li>
            <li>岗位须为：{STAFF_ROLES.join("、")}。</li>
            <li>部门须为本中心已登记的常驻部门；入职日期如 2021-03-01 或 2021/3/1。</li>
            <li>上传后先检查，不会立即导入。有错误的行会逐行列出。</li>
          </ul>
        </section>
      </div>
    );
  }

  const { batch, check } = loaderData;
  return (
    <div>
      <PageHeader
        title="导入检查结果"
        description={`文件：${batch.filename}（识别为 ${batch.encoding === "gbk" ? "GBK" : "UTF-8"} 编码）`}
      />
      <FormResult result={actionData} />
      {batch.status !== "pending" ? <Notice tone="warning">该批次已处理，请重新上传文件。</Notice> : null}
      <ImportCheck batch={batch} check={check!} busy={busy} />
    </div>
  );
}
