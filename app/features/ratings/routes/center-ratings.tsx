import { redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-ratings";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { actionFail, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import {
  centerPerson,
  centerRatingsYear,
  discardRatingsBatch,
  importGoodRatingRows,
  MAX_UPLOAD_BYTES,
  personRatingTrend,
  ratingsBatchReview,
  ratingYears,
  uploadRatings,
} from "~/features/ratings/service.server";
import { BatchSchema, CUID, RatingsIntentSchema, UploadSchema, yearSchema } from "~/features/ratings/schemas";
import { ImportPanel } from "~/features/ratings/ui/import-panel";
import { ChannelRates, PersonTrend, StaffRatings, YearPicker } from "~/features/ratings/ui/overview";
import { Sparkline, TrendTable } from "~/features/ratings/ui/trend";
import { hasPermission } from "~/domain/permissions";
import { shanghaiMonth } from "~/domain/ratings-import";
import { PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "好差评 · 政务服务综合窗口办事员" }];
}

async function requireCenterUser(
  request: Request,
  context: Route.LoaderArgs["context"],
  permission: "read:evaluation:center" | "update:evaluation:center",
) {
  const user = await requireUserWithPermission(request, context, permission);
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return { user, centerId: user.centerId };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, centerId } = await requireCenterUser(request, context, "read:evaluation:center");
  const now = new Date();
  const thisMonth = shanghaiMonth(now);
  const thisYear = Number(thisMonth.slice(0, 4));
  const params = new URL(request.url).searchParams;

  const yearParsed = yearSchema(thisYear).safeParse(params.get("year") ?? thisYear);
  if (!yearParsed.success) httpError(400, `年份有误：应为 2000 至 ${thisYear} 之间的年份。`);
  const year = yearParsed.data;

  const canImport = hasPermission(user.roles, "update:evaluation:center");
  const batchId = params.get("batch");
  if (batchId && canImport && !CUID.test(batchId)) httpError(400, "导入批次编号有误。");
  const review = batchId && canImport ? await ratingsBatchReview(batchId, centerId, now) : null;

  let person = null;
  const personId = params.get("person");
  if (personId) {
    if (!CUID.test(personId)) httpError(400, "人员编号有误。");
    const p = await centerPerson(personId, centerId);
    if (!p) httpError(404, "未找到该人员，或该人员不属于本中心。");
    person = { id: p.id, name: p.name, staffRole: p.staffRole, months: await personRatingTrend(p.id, year) };
  }

  const [overview, years] = await Promise.all([centerRatingsYear(centerId, year), ratingYears(centerId)]);
  return {
    centerName: user.centerName,
    canImport,
    year,
    thisMonth,
    years: [...new Set([thisYear, year, ...years])].sort((a, b) => b - a),
    review,
    person,
    overview,
  };
}

const doneUrl = (r: { imported: number; skipped: number; year: number | null }) =>
  `/center/ratings?done=${r.imported}&skipped=${r.skipped}${r.year ? `&year=${r.year}` : ""}`;

export async function action({ request, context }: Route.ActionArgs) {
  const { user, centerId } = await requireCenterUser(request, context, "update:evaluation:center");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return actionFail(413, "文件过大：单个文件不能超过 2 MB。");
  const formData = await request.formData();
  const form = formToObject(formData);
  const ip = getAuth(context).clientAddress;
  const now = new Date();
  const intent = parseWith(RatingsIntentSchema, form);
  if (!intent.ok) return intent.response;

  if (intent.data.intent === "upload") {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return actionFail(400, "请选择要导入的 CSV 文件。");
    if (file.size > MAX_UPLOAD_BYTES) return actionFail(413, "文件过大：单个文件不能超过 2 MB。");
    const upload = parseWith(UploadSchema, { encoding: form.encoding ?? "auto" });
    if (!upload.ok) return upload.response;
    const result = await uploadRatings(centerId, file, upload.data.encoding, user, ip, now);
    if (result.kind === "fileError") return actionFail(400, result.error);
    if (result.kind === "review") return redirect(`/center/ratings?batch=${result.batchId}`);
    return redirect(doneUrl({ ...result, skipped: 0 }));
  }
  const batch = parseWith(BatchSchema, form);
  if (!batch.ok) return batch.response;
  if (intent.data.intent === "commit")
    return runAction(async () => redirect(doneUrl(await importGoodRatingRows(batch.data.batchId, centerId, user, ip, now))));
  await discardRatingsBatch(batch.data.batchId, centerId, { ...user, ip });
  return redirect("/center/ratings");
}

export default function CenterRatings() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const o = d.overview;
  const perYearLabel = `${d.year}年`;
  return (
    <div className="space-y-6">
      <PageHeader
        title="好差评"
        description={`${d.centerName ?? "本中心"}政务服务“好差评”数据（GB/T 39735—2020 附录A）：按月、按渠道导入评价次数，查看六项比率、月度趋势与人员情况。`}
      />
      {d.canImport ? <ImportPanel review={d.review} result={result} /> : null}
      <YearPicker
        year={d.year}
        years={d.years}
        personId={d.person?.id ?? null}
        summary={`${perYearLabel}共导入 ${o.rowCount} 条月度记录，评价总数 ${o.total.total} 次。`}
      />
      {d.person ? <PersonTrend person={d.person} year={d.year} thisMonth={d.thisMonth} /> : null}
      <ChannelRates year={d.year} byChannel={o.byChannel} total={o.total} />
      <section className="card" aria-labelledby="trend-title">
        <h2 id="trend-title" className="mb-3 text-lg font-medium">
          {perYearLabel}本中心月度趋势
        </h2>
        <Sparkline months={o.months} label={`本中心${perYearLabel}各月好评率`} />
        <TrendTable months={o.months} thisMonth={d.thisMonth} label="本中心月度趋势" />
      </section>
      <StaffRatings year={d.year} staff={o.staff} selected={d.person?.id ?? null} />
    </div>
  );
}
