import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-ratings";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import {
  centerPerson,
  centerRatingsYear,
  checkRatingsBatch,
  discardRatingsBatch,
  importGoodRatingRows,
  MAX_UPLOAD_BYTES,
  personRatingTrend,
  ratingYears,
  uploadRatings,
} from "~/features/ratings/service.server";
import { maskIdNumber } from "~/domain/id-number";
import { hasPermission } from "~/domain/permissions";
import { CHANNELS, formatRate, type Rates } from "~/domain/ratings";
import { RATING_CSV_HEADER, shanghaiMonth } from "~/domain/ratings-import";
import { CSV_ENCODINGS } from "~/domain/staff-import";
import { CsvFileFields, RowCheck } from "~/platform/ui/file-input";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "好差评 · 政务服务综合窗口办事员" }];
}

// The six rates of GB/T 39735-2020 Annex A (REFERENCE §4), in the standard's order.
const RATE_COLUMNS: { key: keyof Rates; label: string; definition: string }[] = [
  { key: "goodRate", label: "好评率", definition: "（总评价次数 − 有效差评次数）÷ 总评价次数；总评价次数 = 主动评价次数 + 超时未评次数" },
  { key: "activeGoodRate", label: "主动评价好评率", definition: "主动评价为好评的次数 ÷（主动评价次数 − 经核实的无效差评次数）" },
  { key: "unratedRate", label: "未评率", definition: "（超时未评次数 + 无效差评次数）÷ 总评价次数" },
  { key: "replyRate", label: "差评回复率", definition: "已回复的差评件数 ÷ 全部差评件数" },
  {
    key: "rectificationRate",
    label: "差评回访整改率",
    definition: "经回访已整改完成的差评件数 ÷ 有效差评件数（有效差评 = 差评 − 无效差评）",
  },
  { key: "rectificationSatisfaction", label: "差评回访整改满意率", definition: "经回访对整改结果满意的件数 ÷ 经回访已整改完成的差评件数" },
];
const IDENTITY_COLUMNS = ["姓名", "身份证号", "月份", "渠道"];
const POINTS_LABEL = "好差评情况（按默认换算：10×好评率−2×未整改差评占比）";

const CUID = /^[a-z0-9]{10,40}$/;

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

  const yearParsed = z.coerce
    .number()
    .int()
    .min(2000)
    .max(thisYear)
    .safeParse(params.get("year") ?? thisYear);
  if (!yearParsed.success) httpError(400, `年份有误：应为 2000 至 ${thisYear} 之间的年份。`);
  const year = yearParsed.data;

  const canImport = hasPermission(user.roles, "update:evaluation:center");
  let review = null;
  const batchId = params.get("batch");
  if (batchId && canImport) {
    if (!CUID.test(batchId)) httpError(400, "导入批次编号有误。");
    const { batch, check } = await checkRatingsBatch(batchId, centerId, now);
    review = {
      batch: { id: batch.id, filename: batch.filename, encoding: batch.encoding, status: batch.status },
      check: check.ok
        ? {
            ok: true as const,
            good: check.good,
            bad: check.bad,
            rows: check.rows.map((r) => ({
              line: r.line,
              cells: [r.raw["姓名"], maskIdNumber(r.raw["身份证号"] ?? ""), r.raw["月份"], r.raw["渠道"]],
              counts: RATING_CSV_HEADER.slice(4)
                .map((k) => r.raw[k] || "（空）")
                .join(" / "),
              errors: r.errors,
            })),
          }
        : { ok: false as const, fileError: check.fileError },
    };
  }

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

const CommitSchema = z.object({ intent: z.literal("commit"), batchId: z.string().regex(CUID, "导入批次编号有误") });
const DiscardSchema = z.object({ intent: z.literal("discard"), batchId: z.string().regex(CUID, "导入批次编号有误") });

export async function action({ request, context }: Route.ActionArgs) {
  const { user, centerId } = await requireCenterUser(request, context, "update:evaluation:center");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) httpError(413, "文件过大：单个文件不能超过 2 MB。");
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = getAuth(context).clientAddress;
  const now = new Date();

  if (intent === "upload") {
    const file = form.get("file");
    const encoding = z.enum(CSV_ENCODINGS).safeParse(form.get("encoding") ?? "auto");
    if (!(file instanceof File) || file.size === 0) return data({ error: "请选择要导入的 CSV 文件。" }, { status: 400 });
    if (file.size > MAX_UPLOAD_BYTES) return data({ error: "文件过大：单个文件不能超过 2 MB。" }, { status: 413 });
    if (!encoding.success) return data({ error: "文件编码选项有误。" }, { status: 400 });
    const result = await uploadRatings(centerId, file, encoding.data, user, ip, now);
    if (result.kind === "fileError") return data({ error: result.error }, { status: 400 });
    if (result.kind === "review") return redirect(`/center/ratings?batch=${result.batchId}`);
    return redirect(`/center/ratings?done=${result.imported}&skipped=0${result.year ? `&year=${result.year}` : ""}`);
  }
  if (intent === "commit") {
    const parsed = CommitSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) httpError(400, "参数有误。");
    const result = await importGoodRatingRows(parsed.data.batchId, centerId, user, ip, now);
    return redirect(`/center/ratings?done=${result.imported}&skipped=${result.skipped}${result.year ? `&year=${result.year}` : ""}`);
  }
  if (intent === "discard") {
    const parsed = DiscardSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) httpError(400, "参数有误。");
    await discardRatingsBatch(parsed.data.batchId, centerId);
    return redirect("/center/ratings");
  }
  httpError(400, "未知的操作。");
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type MonthRow = LoaderData["overview"]["months"][number];

function RateCells({ r }: { r: Rates }) {
  return (
    <>
      {RATE_COLUMNS.map((c) => (
        <td key={c.key} className={`whitespace-nowrap tabular-nums ${r[c.key] === null ? "text-slate-400" : ""}`}>
          {formatRate(r[c.key])}
        </td>
      ))}
    </>
  );
}

function GoodRateBar({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="text-slate-400">无数据</span>;
  const pct = Math.max(0, Math.min(100, rate * 100));
  return (
    <span className="flex items-center gap-2">
      <span className="inline-block h-2 w-24 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <span
          className={`block h-full ${rate >= 0.95 ? "bg-green-600" : rate >= 0.9 ? "bg-brand-600" : "bg-amber-500"}`}
          style={{ width: `${pct}%` }}
        />
      </span>
      <span className="tabular-nums">{formatRate(rate)}</span>
    </span>
  );
}

/** 好评率 over the 12 months as a small SVG line; months without data leave a gap. */
function Sparkline({ months, label }: { months: MonthRow[]; label: string }) {
  const values = months.map((m) => m.rates.goodRate);
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const W = 360,
    H = 80,
    padX = 28,
    padY = 10;
  const lo = Math.min(0.8, Math.floor(Math.min(...known) * 20) / 20);
  const x = (i: number) => padX + (i * (W - padX - 8)) / 11;
  const y = (v: number) => padY + (1 - (v - lo) / (1 - lo)) * (H - 2 * padY);
  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current);
  const described = months
    .filter((m) => m.rates.goodRate !== null)
    .map((m) => `${m.month}月 ${formatRate(m.rates.goodRate)}`)
    .join("，");
  return (
    <figure className="mb-3">
      <svg viewBox={`0 0 ${W} ${H + 14}`} className="h-24 w-full max-w-md" role="img" aria-label={`${label}：${described}`}>
        <line x1={padX} x2={W - 8} y1={y(1)} y2={y(1)} className="stroke-slate-200" strokeDasharray="3 3" />
        <line x1={padX} x2={W - 8} y1={y(lo)} y2={y(lo)} className="stroke-slate-200" />
        <text x={padX - 4} y={y(1) + 3} textAnchor="end" className="fill-slate-500" fontSize="9">
          100%
        </text>
        <text x={padX - 4} y={y(lo) + 3} textAnchor="end" className="fill-slate-500" fontSize="9">
          {Math.round(lo * 100)}%
        </text>
        {segments.map((s, i) =>
          s.length > 1 ? <polyline key={i} points={s.join(" ")} fill="none" className="stroke-brand-600" strokeWidth="2" /> : null,
        )}
        {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2.5" className="fill-brand-700" />))}
        {months.map((m, i) => (
          <text key={m.month} x={x(i)} y={H + 10} textAnchor="middle" className="fill-slate-500" fontSize="9">
            {m.month}
          </text>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-500">{label}（横轴为月份）</figcaption>
    </figure>
  );
}

function TrendTable({ months, thisMonth, label }: { months: MonthRow[]; thisMonth: string; label: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col">评价总数</th>
            {RATE_COLUMNS.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.period} className={m.period > thisMonth ? "text-slate-400" : undefined}>
              <th scope="row" className="!bg-white font-normal">
                {m.month}月{m.period > thisMonth ? "（未到）" : ""}
              </th>
              <td className="tabular-nums">{m.total}</td>
              <td>
                <GoodRateBar rate={m.rates.goodRate} />
              </td>
              {RATE_COLUMNS.slice(1).map((c) => (
                <td key={c.key} className={`whitespace-nowrap tabular-nums ${m.rates[c.key] === null ? "text-slate-400" : ""}`}>
                  {formatRate(m.rates[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportPanel({ review }: { review: LoaderData["review"] }) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = params.get("done");
  const skipped = params.get("skipped");

  if (review) {
    const { batch, check } = review;
    return (
      <section className="card mb-6" aria-labelledby="review-title">
        <h2 id="review-title" className="text-lg font-medium">
          导入检查结果
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          文件：{batch.filename}（识别为 {batch.encoding === "gbk" ? "GBK" : "UTF-8"} 编码）
        </p>
        {batch.status !== "pending" ? <Notice tone="warning">该批次已处理，请重新上传文件。</Notice> : null}
        {!check.ok ? (
          <Notice tone="error">{check.fileError}</Notice>
        ) : (
          <>
            {check.bad > 0 ? (
              <Notice tone="error">
                共 {check.good + check.bad} 行，其中 <strong>{check.bad} 行有误</strong>，{check.good} 行无误。
                <strong>尚未导入任何数据。</strong>请修正后重新上传{check.good > 0 ? "，或选择仅导入无误的行" : ""}。
              </Notice>
            ) : (
              <Notice tone="success">共 {check.good} 行，现已全部无误，可以导入。</Notice>
            )}
            {batch.status === "pending" ? (
              <div className="mb-4 flex flex-wrap gap-3">
                {check.good > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="commit" />
                    <input type="hidden" name="batchId" value={batch.id} />
                    <button type="submit" className={check.bad > 0 ? "btn-secondary" : "btn-primary"} disabled={busy}>
                      {check.bad > 0 ? `仅导入无误的行（${check.good} 行）` : `导入（${check.good} 行）`}
                    </button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="discard" />
                  <input type="hidden" name="batchId" value={batch.id} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    放弃，重新上传
                  </button>
                </Form>
              </div>
            ) : (
              <Link to="/center/ratings" className="btn-secondary mb-4">
                重新上传
              </Link>
            )}
            <div className="overflow-x-auto rounded-md border border-slate-200">
              <table className="table" aria-label="逐行检查结果">
                <thead>
                  <tr>
                    <th scope="col">行号</th>
                    {IDENTITY_COLUMNS.map((h) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                    <th
                      scope="col"
                      className="!whitespace-normal"
                      title="好评数 / 差评数 / 超时未评数 / 无效差评数 / 已回复差评数 / 已整改数 / 整改满意数"
                    >
                      好评/差评/超时未评/无效差评/已回复/已整改/满意
                    </th>
                    <th scope="col">检查结果</th>
                  </tr>
                </thead>
                <tbody>
                  {check.rows.map((r) => (
                    <tr key={r.line} className={r.errors.length ? "bg-red-50" : undefined} data-testid={`import-row-${r.line}`}>
                      <td className="whitespace-nowrap">第 {r.line} 行</td>
                      {r.cells.map((v, i) => (
                        <td key={IDENTITY_COLUMNS[i]} className={i === 1 ? "whitespace-nowrap font-mono text-xs" : "whitespace-nowrap"}>
                          {v}
                        </td>
                      ))}
                      <td className="whitespace-nowrap tabular-nums">{r.counts}</td>
                      <td className="min-w-60">
                        <RowCheck errors={r.errors} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="card mb-6" aria-labelledby="upload-title">
      <h2 id="upload-title" className="mb-3 text-lg font-medium">
        导入好差评数据
      </h2>
      {done ? (
        <Notice tone="success">
          已导入 {done} 行好差评数据{skipped && skipped !== "0" ? `，跳过有误的 ${skipped} 行` : ""}
          。同一人员、月份、渠道再次导入时以新数据为准。
        </Notice>
      ) : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <input type="hidden" name="intent" value="upload" />
          <CsvFileFields />
          <button type="submit" className="btn-primary" disabled={busy}>
            上传并导入
          </button>
        </Form>
        <div className="text-sm text-slate-700">
          <p>
            每行为一名工作人员某月某一渠道的评价次数。第一行为表头（列的顺序不限）：
            <code className="break-all text-xs">
              身份证号,姓名,月份,渠道,好评数,差评数,超时未评数,无效差评数,已回复差评数,已整改数,整改满意数
            </code>{" "}
            <a className="link" href="/ratings-import-template.csv" download="好差评导入模板.csv">
              下载模板
            </a>
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>月份如 2026-03 或 2026年3月，不能晚于本月；渠道为：{CHANNELS.join("、")}。</li>
            <li>差评数含经核实的无效差评；已整改数不超过有效差评数（差评 − 无效差评），整改满意数不超过已整改数。</li>
            <li>各数值为非负整数，没有请填 0。人员须为本中心已登记人员，姓名须与身份证号一致。</li>
            <li>有任何一行有误时不导入，并逐行列出错误；同一人员、月份、渠道再次导入会替换原数据。</li>
          </ul>
        </div>
      </div>
    </section>
  );
}

export default function CenterRatings() {
  const d = useLoaderData<typeof loader>();
  const o = d.overview;
  const perYearLabel = `${d.year}年`;
  return (
    <div className="space-y-6">
      <PageHeader
        title="好差评"
        description={`${d.centerName ?? "本中心"}政务服务“好差评”数据（GB/T 39735—2020 附录A）：按月、按渠道导入评价次数，查看六项比率、月度趋势与人员情况。`}
      />
      {d.canImport ? <ImportPanel review={d.review} /> : null}

      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="year" className="label">
            年份
          </label>
          <select id="year" name="year" className="input w-32" defaultValue={d.year} key={d.year}>
            {d.years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        {d.person ? <input type="hidden" name="person" value={d.person.id} /> : null}
        <button type="submit" className="btn-secondary">
          查看
        </button>
        <p className="pb-2 text-sm text-slate-600">
          {perYearLabel}共导入 {o.rowCount} 条月度记录，评价总数 {o.total.total} 次。
        </p>
      </Form>

      {d.person ? (
        <section className="card" aria-labelledby="person-title">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="person-title" className="text-lg font-medium">
              {d.person.name} · {perYearLabel}月度趋势
            </h2>
            <Link to={`/center/ratings?year=${d.year}`} className="link text-sm">
              关闭
            </Link>
          </div>
          <p className="mb-3 text-sm text-slate-600">{d.person.staffRole}；各月为全部渠道合计。</p>
          <Sparkline months={d.person.months} label={`${d.person.name} ${perYearLabel}各月好评率`} />
          <TrendTable months={d.person.months} thisMonth={d.thisMonth} label={`${d.person.name}月度趋势`} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="rates-title">
        <h2 id="rates-title" className="mb-3 text-lg font-medium">
          {perYearLabel}本中心六项比率
        </h2>
        <div className="overflow-x-auto">
          <table className="table" aria-label="按渠道的六项比率">
            <thead>
              <tr>
                <th scope="col">渠道</th>
                <th scope="col">评价总数</th>
                {RATE_COLUMNS.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {o.byChannel.map((c) => (
                <tr key={c.channel}>
                  <th scope="row" className="!bg-white font-normal">
                    {c.channel}
                  </th>
                  <td className="tabular-nums">{c.total}</td>
                  <RateCells r={c.rates} />
                </tr>
              ))}
              <tr className="font-medium">
                <th scope="row" className="!bg-slate-50">
                  合计
                </th>
                <td className="tabular-nums">{o.total.total}</td>
                <RateCells r={o.total.rates} />
              </tr>
            </tbody>
          </table>
        </div>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
          {RATE_COLUMNS.map((c) => (
            <div key={c.key}>
              <dt className="font-medium text-slate-800">{c.label}</dt>
              <dd className="text-slate-600">{c.definition}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">分母为 0 时显示“无数据”（不是 0% 或 100%）。比率按千分位截断到 0.1%。</p>
      </section>

      <section className="card" aria-labelledby="trend-title">
        <h2 id="trend-title" className="mb-3 text-lg font-medium">
          {perYearLabel}本中心月度趋势
        </h2>
        <Sparkline months={o.months} label={`本中心${perYearLabel}各月好评率`} />
        <TrendTable months={o.months} thisMonth={d.thisMonth} label="本中心月度趋势" />
      </section>

      <section className="card p-0" aria-labelledby="staff-title">
        <div className="px-5 pt-4">
          <h2 id="staff-title" className="text-lg font-medium">
            {perYearLabel}人员好差评情况
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            点击姓名查看该人员的月度趋势。好差评情况满分 10 分，无评价数据的人员不计分（显示“无数据”）。
          </p>
        </div>
        <div className="mt-3 overflow-x-auto">
          <table className="table" aria-label="人员好差评情况">
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">评价总数</th>
                {RATE_COLUMNS.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="!whitespace-normal">
                  {POINTS_LABEL}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.staff.map((s) => (
                <tr key={s.personId} className={d.person?.id === s.personId ? "bg-brand-50" : undefined}>
                  <th scope="row" className="!bg-transparent font-normal">
                    <Link to={`/center/ratings?year=${d.year}&person=${s.personId}`} className="link whitespace-nowrap">
                      {s.name}
                    </Link>
                    <span className="block text-xs text-slate-500">{s.department ?? s.staffRole}</span>
                  </th>
                  <td className="tabular-nums">{s.total}</td>
                  <RateCells r={s.rates} />
                  <td className={`tabular-nums ${s.points === null ? "text-slate-400" : "font-medium"}`}>
                    {s.points === null ? "无数据" : s.points.toFixed(2)}
                  </td>
                </tr>
              ))}
              {o.staff.length === 0 ? (
                <tr>
                  <td colSpan={9} className="text-slate-500">
                    本中心尚无人员
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
