import { useMemo, useState, type ChangeEvent } from "react";
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/center-department-assessment";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import {
  assessmentOf,
  centerDepartments,
  departmentHistoryOf,
  findDepartment,
  quarterStandingsOf,
  saveDepartmentAssessment,
} from "~/features/department-assessment/service.server";
import { serviceStars } from "~/features/evaluation/service.server";
import { formToObject, httpError } from "~/platform/http.server";
import { BASE_MAX, BONUS_MAX, departmentTotal } from "~/domain/department";
import {
  ASSESSMENT_LINES,
  DEPARTMENT_AREAS,
  ITEM_GUIDE,
  NOTE_MAX,
  YEAR_MIN,
  areaSubtotals,
  formatPoints,
  isFutureQuarter,
  normalizeNumber,
  parseAssessmentForm,
  parseQuarterQuery,
  pointsOf,
  quarterLabel,
  quarterOf,
  tieNote,
  type AssessmentItems,
  type YearQuarter,
} from "~/domain/department-form";
import { hasPermission } from "~/domain/permissions";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "部门考核 · 政务服务综合窗口办事员" }];
}

const PATH = "/center/department-assessment";
const QUARTER_NAMES = ["一季度", "二季度", "三季度", "四季度"];

function pageHref(q: YearQuarter, extra: Record<string, string> = {}) {
  return `${PATH}?${new URLSearchParams({ year: String(q.year), quarter: String(q.quarter), ...extra })}`;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const now = new Date();
  const url = new URL(request.url);
  const q = parseQuarterQuery(url.searchParams, now);
  if (!q) httpError(400, "年份或季度有误。");
  const current = quarterOf(now);
  const canEdit = hasPermission(user.roles, "update:evaluation:center");
  const future = isFutureQuarter(q, now);
  const base = { quarter: q, current, label: quarterLabel(q), canEdit, future };

  const departmentId = url.searchParams.get("department");
  if (departmentId !== null) {
    const department = await findDepartment(departmentId);
    if (!department) httpError(404, "未找到该部门。");
    await requireCenterAccess(request, context, user, "read", "evaluation", department.centerId);
    const stored = await assessmentOf(department.id, q);
    return {
      ...base,
      mode: "edit" as const,
      department: { id: department.id, name: department.name },
      stored: stored ? { items: stored.items, updatedBy: stored.updatedBy, updatedAt: formatDateTime(stored.updatedAt) } : null,
    };
  }

  const [standings, history, stars, departments] = await Promise.all([
    quarterStandingsOf(user.centerId, q),
    departmentHistoryOf(user.centerId, q.year),
    serviceStars(user.centerId, q.year),
    centerDepartments(user.centerId),
  ]);
  const savedId = url.searchParams.get("saved");
  const saved = savedId ? (departments.find((d) => d.id === savedId)?.name ?? null) : null;
  return {
    ...base,
    mode: "standings" as const,
    standings,
    history: { quarters: history.quarters.map((h) => ({ ...h, future: isFutureQuarter(h, now) })), rows: history.rows },
    stars: stars
      ? {
          ...stars,
          tieNote: tieNote(stars, "服务明星", "人"),
          winners: stars.winners.map((w) => ({ personId: w.personId, name: w.name, total: w.total, rank: w.rank })),
        }
      : null,
    saved,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const form = formToObject(await request.formData());
  // Scope first: a department of another center is refused whatever else the form says.
  const department = await findDepartment(form.departmentId ?? "");
  if (!department) httpError(404, "未找到该部门。");
  await requireCenterAccess(request, context, user, "update", "evaluation", department.centerId);
  const parsed = parseAssessmentForm(form);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const now = new Date();
  if (isFutureQuarter(parsed.value, now))
    return data({ ok: false as const, errors: { _form: "该季度尚未开始，不能评分。" } as Record<string, string> }, { status: 400 });
  await saveDepartmentAssessment(user.centerId, parsed.value, user, getAuth(context).clientAddress);
  return redirect(pageHref(parsed.value, { saved: department.id }));
}

export default function DepartmentAssessment() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        title="部门季度考核"
        description={`常驻部门从服务成效、综窗建设、一网通办、管理规范四个方面评分（${BASE_MAX}分），另设加分项（最高${BONUS_MAX}分）；每季度评选3个“先进集体”。`}
        actions={
          d.mode === "edit" ? (
            <Link to={pageHref(d.quarter)} className="btn-secondary">
              返回排名
            </Link>
          ) : undefined
        }
      />
      <QuarterPicker quarter={d.quarter} current={d.current} department={d.mode === "edit" ? d.department.id : null} />
      {d.mode === "edit" ? <EditAssessment key={`${d.department.id}-${d.quarter.year}-${d.quarter.quarter}`} /> : <Standings />}
    </div>
  );
}

function QuarterPicker({ quarter, current, department }: { quarter: YearQuarter; current: YearQuarter; department: string | null }) {
  const years: number[] = [];
  for (let y = current.year; y >= Math.max(YEAR_MIN, current.year - 6); y--) years.push(y);
  if (!years.includes(quarter.year)) years.push(quarter.year);
  return (
    <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label="选择季度">
      {department ? <input type="hidden" name="department" value={department} /> : null}
      <div>
        <label htmlFor="year" className="label">
          年度
        </label>
        <select id="year" name="year" defaultValue={quarter.year} className="input w-32">
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="quarter" className="label">
          季度
        </label>
        <select id="quarter" name="quarter" defaultValue={quarter.quarter} className="input w-32">
          {QUARTER_NAMES.map((n, i) => (
            <option key={n} value={i + 1}>
              第{i + 1}季度
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        查看
      </button>
      <p className="text-sm text-slate-500">当前为 {quarterLabel(current)}（北京时间）。</p>
    </Form>
  );
}

function Standings() {
  const d = useLoaderData<typeof loader>();
  if (d.mode !== "standings") return null;
  const { standings, history, stars, quarter } = d;
  const advanced = standings.rows.filter((r) => r.advanced);
  const editable = d.canEdit && !d.future;
  return (
    <>
      {d.saved ? (
        <Notice tone="success">
          已保存：{d.saved} {d.label}的考核评分。
        </Notice>
      ) : null}
      {d.future ? <Notice tone="warning">{d.label}尚未开始，不能评分。</Notice> : null}

      <section className="card p-0" aria-labelledby="standings-h">
        <div className="flex flex-wrap items-baseline justify-between gap-2 px-5 pt-5 pb-3">
          <h2 id="standings-h" className="text-lg font-medium">
            {d.label}考核排名
          </h2>
          <p className="text-sm text-slate-600">
            已评 {standings.rows.length - standings.unscored} 个部门，未评 {standings.unscored} 个
          </p>
        </div>
        <div className="overflow-x-auto">
          <table className="table" aria-label="考核排名">
            <thead>
              <tr>
                <th scope="col">名次</th>
                <th scope="col">部门</th>
                {DEPARTMENT_AREAS.map((a) => (
                  <th key={a.area} scope="col" className="text-right">
                    {a.area}
                    <span className="block text-xs font-normal text-slate-400">满分{a.max}</span>
                  </th>
                ))}
                <th scope="col" className="text-right">
                  基础分
                </th>
                <th scope="col" className="text-right">
                  加分
                </th>
                <th scope="col" className="text-right">
                  总分
                </th>
                <th scope="col">先进集体</th>
                {d.canEdit ? (
                  <th scope="col">
                    <span className="sr-only">操作</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {standings.rows.map((r) => (
                <tr key={r.departmentId} data-testid={`standing-${r.departmentId}`} className={r.advanced ? "bg-amber-50/60" : undefined}>
                  <td className="font-medium">{r.rank ?? "—"}</td>
                  <td className="whitespace-nowrap">{r.name}</td>
                  {r.areas
                    ? r.areas.map((a) => (
                        <td key={a.area} className="text-right tabular-nums">
                          {formatPoints(a.points)}
                        </td>
                      ))
                    : DEPARTMENT_AREAS.map((a) => (
                        <td key={a.area} className="text-right text-slate-400">
                          —
                        </td>
                      ))}
                  <td className="text-right tabular-nums">{r.base === null ? "—" : formatPoints(r.base)}</td>
                  <td className="text-right tabular-nums">{r.bonus === null ? "—" : formatPoints(r.bonus)}</td>
                  <td className="text-right font-semibold tabular-nums">
                    {r.total === null ? <span className="badge">未评</span> : formatPoints(r.total)}
                  </td>
                  <td>{r.advanced ? <span className="badge bg-amber-100 text-amber-900">先进集体</span> : null}</td>
                  {d.canEdit ? (
                    <td className="text-right">
                      {editable ? (
                        <Link
                          className="link whitespace-nowrap"
                          to={pageHref(quarter, { department: r.departmentId })}
                          aria-label={`${r.total === null ? "评分" : "修改"}：${r.name}`}
                        >
                          {r.total === null ? "评分" : "修改"}
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
              {standings.rows.length === 0 ? (
                <tr>
                  <td colSpan={11} className="text-slate-500">
                    本中心尚无常驻部门，请先在“部门管理”中添加。
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <div className="space-y-1 px-5 py-4 text-sm text-slate-700">
          {advanced.length > 0 ? (
            <p>
              先进集体：{advanced.map((r) => r.name).join("、")}
              {standings.tieNote ? (
                <strong className="ml-2 text-amber-900" data-testid="advanced-tie">
                  {standings.tieNote}
                </strong>
              ) : null}
            </p>
          ) : (
            <p className="text-slate-500">本季度尚无评分。</p>
          )}
          {advanced.length > 0 && standings.unscored > 0 ? (
            <p className="text-amber-900">尚有 {standings.unscored} 个部门未评，排名与先进集体为暂定结果。</p>
          ) : null}
          <p className="text-slate-500">先进集体每季度评选3个，按总分从高到低；第3名并列者全部入选。名次相同者并列，其后名次顺延。</p>
        </div>
      </section>

      <section className="card p-0" aria-labelledby="history-h">
        <div className="px-5 pt-5 pb-3">
          <h2 id="history-h" className="text-lg font-medium">
            历史得分与名次（{quarter.year - 1}—{quarter.year}年）
          </h2>
          <p className="mt-1 text-sm text-slate-600">每格为该季度总分与名次；★ 为先进集体，— 为未评。</p>
        </div>
        <div className="overflow-x-auto">
          <table className="table" aria-label="历史得分与名次">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  部门
                </th>
                {[quarter.year - 1, quarter.year].map((y) => (
                  <th key={y} scope="colgroup" colSpan={4} className="text-center">
                    {y}年
                  </th>
                ))}
              </tr>
              <tr>
                {history.quarters.map((h) => (
                  <th key={`${h.year}-${h.quarter}`} scope="col" className="text-center" aria-label={quarterLabel(h)}>
                    {QUARTER_NAMES[h.quarter - 1]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.rows.map((r) => (
                <tr key={r.departmentId}>
                  <th scope="row" className="whitespace-nowrap text-left font-normal text-slate-900">
                    {r.name}
                  </th>
                  {r.cells.map((c, i) => {
                    const h = history.quarters[i];
                    const current = h.year === quarter.year && h.quarter === quarter.quarter;
                    return (
                      <td
                        key={i}
                        className={`text-center tabular-nums ${current ? "bg-brand-50" : ""}`}
                        data-testid={`history-${r.departmentId}-${h.year}-${h.quarter}`}
                      >
                        {c ? (
                          <>
                            <span className="font-medium">{formatPoints(c.total)}</span>
                            <span className="block text-xs text-slate-500">
                              第{c.rank}名{c.advanced ? " ★" : ""}
                            </span>
                          </>
                        ) : (
                          <span className="text-slate-300" title={h.future ? undefined : "未评"}>
                            {h.future ? "" : "—"}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="stars-h">
        <h2 id="stars-h" className="text-lg font-medium">
          服务明星（按年度评价得分前10%）
        </h2>
        <p className="mt-1 text-sm text-slate-600">{quarter.year}年度。人数按10%向上取整，至少1人；并列者全部入选。</p>
        {stars === null ? (
          <p className="mt-3 text-sm text-slate-500">本中心尚未开展{quarter.year}年度能力评价，暂无服务明星。</p>
        ) : (
          <div className="mt-3 space-y-2 text-sm">
            <p>
              {`参评人员 ${stars.staffCount} 人，应评选 ${stars.count} 人，实际入选 ${stars.winners.length} 人。`}
              {stars.tieNote ? <strong className="ml-1 text-amber-900">{stars.tieNote}</strong> : null}
            </p>
            {stars.unscored > 0 ? <p className="text-amber-900">另有 {stars.unscored} 人尚无年度评价总分，未参与排名。</p> : null}
            {stars.winners.length > 0 ? (
              <table className="table max-w-lg" aria-label="服务明星">
                <thead>
                  <tr>
                    <th scope="col">名次</th>
                    <th scope="col">姓名</th>
                    <th scope="col" className="text-right">
                      年度评价得分
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stars.winners.map((w) => (
                    <tr key={w.personId}>
                      <td>{w.rank}</td>
                      <td>{w.name}</td>
                      <td className="text-right tabular-nums">{Math.round(w.total * 100) / 100}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-slate-500">尚无已得出总分的人员。</p>
            )}
          </div>
        )}
      </section>
    </>
  );
}

type Values = Record<string, string>;

function Cols() {
  return (
    <colgroup>
      <col className="w-[38%]" />
      <col className="w-[8%]" />
      <col className="w-[12%]" />
      <col />
    </colgroup>
  );
}

function initialValues(stored: AssessmentItems | null): Values {
  const v: Values = {};
  for (const line of ASSESSMENT_LINES) {
    const s = stored?.[line.key];
    v[`points.${line.key}`] = s ? String(s.points) : line.kind === "bonus" ? "0" : "";
    v[`note.${line.key}`] = s?.note ?? "";
  }
  return v;
}

/** What the form shows as the running subtotals: unreadable or out-of-range entries count as 0. */
function runningItems(values: Values): { items: AssessmentItems; invalid: number } {
  const items: AssessmentItems = {};
  let invalid = 0;
  for (const line of ASSESSMENT_LINES) {
    const raw = normalizeNumber(values[`points.${line.key}`] ?? "");
    const n = Number(raw);
    const ok = raw !== "" && Number.isFinite(n) && n >= 0 && n <= line.max && Number.isInteger(n * 2);
    if (raw !== "" && !ok) invalid++;
    items[line.key] = { points: ok ? n : 0, note: "" };
  }
  return { items, invalid };
}

function EditAssessment() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [values, setValues] = useState<Values>(() => initialValues(d.mode === "edit" ? (d.stored?.items ?? null) : null));
  const { items, invalid } = useMemo(() => runningItems(values), [values]);
  if (d.mode !== "edit") return null;
  const errors: Record<string, string> = actionData && !actionData.ok ? actionData.errors : {};
  const subtotals = areaSubtotals(items);
  const t = departmentTotal(pointsOf(items, "base"), pointsOf(items, "bonus"));
  const readOnly = !d.canEdit || d.future;
  const set = (name: string) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const formLevel = Object.entries(errors).filter(([k]) => !k.startsWith("points.") && !k.startsWith("note."));
  const errorCount = Object.keys(errors).length;

  const line = (l: (typeof ASSESSMENT_LINES)[number]) => {
    const pName = `points.${l.key}`;
    const nName = `note.${l.key}`;
    const error = errors[pName] ?? errors[nName];
    return (
      <tr key={l.key} data-testid={`item-${l.key}`} className={error ? "bg-red-50" : undefined}>
        <td>
          <span className="font-medium text-slate-900">{l.name}</span>
          <span className="mt-0.5 block text-xs text-slate-500">{ITEM_GUIDE[l.key]}</span>
        </td>
        <td className="text-right tabular-nums">{l.max}</td>
        <td>
          <input
            id={`points-${l.key}`}
            name={pName}
            inputMode="decimal"
            autoComplete="off"
            className="input text-right tabular-nums"
            value={values[pName]}
            onChange={set(pName)}
            aria-label={l.kind === "base" ? `${l.name}得分` : `${l.name}加分`}
            aria-invalid={!!errors[pName]}
            aria-describedby={error ? `err-${l.key}` : undefined}
          />
        </td>
        <td>
          <input
            id={`note-${l.key}`}
            name={nName}
            maxLength={NOTE_MAX}
            className="input"
            value={values[nName]}
            onChange={set(nName)}
            aria-label={`${l.name}说明`}
            aria-invalid={!!errors[nName]}
            aria-describedby={error ? `err-${l.key}` : undefined}
            placeholder={l.kind === "base" ? "未得满分时填写扣分原因" : "有加分时填写加分依据"}
          />
          {error ? (
            <p id={`err-${l.key}`} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </td>
      </tr>
    );
  };

  return (
    <Form method="post" className="space-y-4" noValidate aria-label={`${d.department.name}考核评分`}>
      <input type="hidden" name="departmentId" value={d.department.id} />
      <input type="hidden" name="year" value={d.quarter.year} />
      <input type="hidden" name="quarter" value={d.quarter.quarter} />
      <div className="card">
        <h2 className="text-lg font-medium">
          {d.department.name} · {d.label}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          每项得分 0 至该项分值，最小单位 0.5 分。未得满分的项须填写扣分说明，有加分的项须填写加分依据。
          {d.stored ? `最后修改：${d.stored.updatedBy}，${d.stored.updatedAt}。` : "本季度尚未评分。"}
        </p>
      </div>
      {d.future ? <Notice tone="warning">{d.label}尚未开始，不能评分。</Notice> : null}
      {!d.canEdit ? <Notice tone="info">您只有查看权限。</Notice> : null}
      {errorCount > 0 ? (
        <Notice tone="error">
          未保存：{formLevel.length ? formLevel.map(([, m]) => m).join("；") : `有 ${errorCount} 处需要修改，请查看标红的评分项。`}
        </Notice>
      ) : null}
      <fieldset disabled={readOnly} className="space-y-4">
        {DEPARTMENT_AREAS.map((a, i) => (
          <section key={a.area} className="card p-0" aria-label={a.area}>
            <table className="table table-fixed">
              <Cols />
              <thead>
                <tr>
                  <th scope="col">
                    {a.area}（{a.max}分）
                  </th>
                  <th scope="col" className="text-right">
                    分值
                  </th>
                  <th scope="col">得分</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>{ASSESSMENT_LINES.filter((l) => l.kind === "base" && l.area === a.area).map(line)}</tbody>
              <tfoot>
                <tr>
                  <td colSpan={2} className="text-right text-slate-600">
                    {a.area}小计
                  </td>
                  <td className="text-right font-semibold tabular-nums" data-testid={`subtotal-${a.area}`}>
                    {formatPoints(subtotals[i].points)} / {a.max}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </section>
        ))}
        <section className="card p-0" aria-label="加分项">
          <table className="table table-fixed">
            <Cols />
            <thead>
              <tr>
                <th scope="col">附加分评分项（最高{BONUS_MAX}分）</th>
                <th scope="col" className="text-right">
                  分值
                </th>
                <th scope="col">加分</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>{ASSESSMENT_LINES.filter((l) => l.kind === "bonus").map(line)}</tbody>
            <tfoot>
              <tr>
                <td colSpan={2} className="text-right text-slate-600">
                  加分合计
                </td>
                <td className="text-right font-semibold tabular-nums">
                  {formatPoints(t.bonus)} / {BONUS_MAX}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </section>
        <div className="card flex flex-wrap items-center justify-between gap-4">
          <p className="text-sm text-slate-700" aria-live="polite">
            基础分{" "}
            <strong className="tabular-nums" data-testid="base-total">
              {formatPoints(t.base)}
            </strong>{" "}
            / {BASE_MAX}
            <span className="mx-2 text-slate-300">|</span>加分 <strong className="tabular-nums">{formatPoints(t.bonus)}</strong> /{" "}
            {BONUS_MAX}
            <span className="mx-2 text-slate-300">|</span>总分{" "}
            <strong className="text-lg tabular-nums" data-testid="grand-total">
              {formatPoints(t.total)}
            </strong>{" "}
            / {BASE_MAX + BONUS_MAX}
            {invalid > 0 ? <span className="ml-2 text-amber-900">（有 {invalid} 项分值无效，暂按 0 分计）</span> : null}
          </p>
          {readOnly ? null : (
            <button type="submit" className="btn-primary" disabled={busy}>
              {busy ? "正在保存…" : "保存评分"}
            </button>
          )}
        </div>
      </fieldset>
    </Form>
  );
}
