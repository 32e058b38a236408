import { useMemo, useState, type ChangeEvent } from "react";
import { Form, useNavigation } from "react-router";
import { BASE_MAX, BONUS_MAX, departmentTotal } from "~/domain/department";
import {
  ASSESSMENT_LINES,
  DEPARTMENT_AREAS,
  ITEM_GUIDE,
  NOTE_MAX,
  areaSubtotals,
  formatPoints,
  normalizeNumber,
  pointsOf,
  type AssessmentItems,
  type YearQuarter,
} from "~/domain/department-form";
import type { ActionResult } from "~/platform/forms";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice } from "~/platform/ui/page";

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

type Props = {
  department: { id: string; name: string };
  quarter: YearQuarter;
  label: string;
  stored: { items: AssessmentItems; updatedBy: string; updatedAt: string } | null;
  canEdit: boolean;
  future: boolean;
  result: ActionResult<unknown> | undefined;
};

/** One department's quarter: every item with its points and note, the running subtotals and total. */
export function AssessmentForm(d: Props) {
  const busy = useNavigation().state === "submitting";
  const [values, setValues] = useState<Values>(() => initialValues(d.stored?.items ?? null));
  const { items, invalid } = useMemo(() => runningItems(values), [values]);
  const errors: Record<string, string> = d.result && !d.result.ok ? d.result.errors : {};
  const subtotals = areaSubtotals(items);
  const t = departmentTotal(pointsOf(items, "base"), pointsOf(items, "bonus"));
  const readOnly = !d.canEdit || d.future;
  const set = (name: string) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));

  const line = (l: (typeof ASSESSMENT_LINES)[number]) => {
    const pName = `points.${l.key}`;
    const nName = `note.${l.key}`;
    return (
      <tr key={l.key} data-testid={`item-${l.key}`} className={errors[pName] || errors[nName] ? "bg-red-50" : undefined}>
        <td>
          <span className="font-medium text-slate-900">{l.name}</span>
          <span className="mt-0.5 block text-xs text-slate-500">{ITEM_GUIDE[l.key]}</span>
        </td>
        <td className="text-right tabular-nums">{l.max}</td>
        <td>
          <Field
            label={<span className="sr-only">{l.kind === "base" ? `${l.name}得分` : `${l.name}加分`}</span>}
            name={pName}
            id={`points-${l.key}`}
            error={errors[pName]}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                autoComplete="off"
                className="input text-right tabular-nums"
                value={values[pName]}
                onChange={set(pName)}
              />
            )}
          </Field>
        </td>
        <td>
          <Field label={<span className="sr-only">{`${l.name}说明`}</span>} name={nName} id={`note-${l.key}`} error={errors[nName]}>
            {(p) => (
              <input
                {...p}
                maxLength={NOTE_MAX}
                className="input"
                value={values[nName]}
                onChange={set(nName)}
                placeholder={l.kind === "base" ? "未得满分时填写扣分原因" : "有加分时填写加分依据"}
              />
            )}
          </Field>
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
      <FormResult result={d.result} />
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
