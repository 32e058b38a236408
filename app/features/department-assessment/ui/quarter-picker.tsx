import { Form } from "react-router";
import { quarterLabel, YEAR_MIN, type YearQuarter } from "~/domain/department-form";
import { Field } from "~/platform/ui/field";
import { QUARTER_NAMES } from "../links";

/** The year and quarter shown (a GET form); keeps the department when its form is open. */
export function QuarterPicker({ quarter, current, department }: { quarter: YearQuarter; current: YearQuarter; department: string | null }) {
  const years: number[] = [];
  for (let y = current.year; y >= Math.max(YEAR_MIN, current.year - 6); y--) years.push(y);
  if (!years.includes(quarter.year)) years.push(quarter.year);
  return (
    <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label="选择季度">
      {department ? <input type="hidden" name="department" value={department} /> : null}
      <Field label="年度" name="year">
        {(p) => (
          <select {...p} defaultValue={quarter.year} className="input w-32">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="季度" name="quarter">
        {(p) => (
          <select {...p} defaultValue={quarter.quarter} className="input w-32">
            {QUARTER_NAMES.map((n, i) => (
              <option key={n} value={i + 1}>
                第{i + 1}季度
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="btn-secondary">
        查看
      </button>
      <p className="text-sm text-slate-500">当前为 {quarterLabel(current)}（北京时间）。</p>
    </Form>
  );
}
