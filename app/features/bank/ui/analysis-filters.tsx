// The filter form of /bank/analysis: level, sitting and date range of the attempts analysed.
import { Form } from "react-router";
import { LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { Field } from "~/platform/ui/field";

export type FilterValues = { level?: Level; sitting?: string; from?: string; to?: string };
export type SittingChoice = { id: string; title: string; level: Level; date: string; center: string };

export function AnalysisFilters({ values, sittings }: { values: FilterValues; sittings: SittingChoice[] }) {
  return (
    <Form method="get" className="card mb-6 flex flex-wrap items-end gap-3" aria-label="分析范围">
      <Field label="等级" name="level">
        {(p) => (
          <select {...p} defaultValue={values.level ?? ""} className="input w-40">
            <option value="">全部等级</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="场次" name="sitting">
        {(p) => (
          <select {...p} defaultValue={values.sitting ?? ""} className="input w-80">
            <option value="">全部场次</option>
            {sittings.map((s) => (
              <option key={s.id} value={s.id}>
                {s.date} {s.title}（{s.center}）
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="考试日期自" name="from">
        {(p) => <input {...p} type="date" defaultValue={values.from ?? ""} className="input w-40" />}
      </Field>
      <Field label="至" name="to">
        {(p) => <input {...p} type="date" defaultValue={values.to ?? ""} className="input w-40" />}
      </Field>
      <button className="btn-secondary" type="submit">
        筛选
      </button>
    </Form>
  );
}
