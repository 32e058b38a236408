import { Form, useNavigation } from "react-router";
import type { ReviewRow } from "~/features/skill-scoring/service.server";
import { constraintsOf, errorOf, type ActionResult } from "~/platform/forms";
import { Correction, Decision } from "~/features/skill-scoring/schemas";
import { Field } from "~/platform/ui/field";
import { Notice } from "~/platform/ui/page";

const LABEL = { scoring: "评分中", review: "待组长复核", done: "已完成" } as const;

/** Which form a row offers: a correction after publication, a decision on a flagged task while scoring. */
export function reviewForms(row: Pick<ReviewRow, "state" | "sheets">, status: string): "correct" | "decide" | "none" {
  if (status === "published" && row.sheets.length) return "correct";
  if (row.state === "review" && status === "scoring") return "decide";
  return "none";
}

/**
 * One candidate's task on the chief's review page: state, everyone's scores side by side, and the
 * row's form. `result` is a refusal of this row's form, shown in place.
 */
export function TaskReview({
  row: r,
  examinerCount,
  status,
  result,
}: {
  row: ReviewRow;
  examinerCount: number;
  status: string;
  result?: ActionResult | null;
}) {
  const busy = useNavigation().state !== "idle";
  const forms = reviewForms(r, status);
  const refusal = errorOf(result, "_form");
  return (
    <section className={`card ${r.state === "review" ? "border-amber-400" : ""}`} data-testid={`review-${r.ticket}-${r.taskId}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-medium">
          <span className="font-mono">{r.ticket}</span> · {r.title}（{r.points} 分）
        </h2>
        <span
          className={`badge ${r.state === "review" ? "bg-amber-100 text-amber-900" : r.state === "done" ? "bg-green-100 text-green-800" : ""}`}
        >
          {LABEL[r.state]}
          {r.state === "scoring" ? `（已交 ${r.submitted}/${examinerCount}）` : ""}
        </span>
      </div>
      {r.sheets.length ? (
        <div className="mt-3 overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">评分要素</th>
                {r.sheets.map((s) => (
                  <th key={s.examiner} scope="col">
                    {s.examiner}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.criteria.map((c, i) => (
                <tr key={c}>
                  <td>{c}</td>
                  {r.sheets.map((s) => (
                    <td key={s.examiner}>{s.scores[i]}</td>
                  ))}
                </tr>
              ))}
              <tr className="font-medium">
                <td>合计（分差 {r.spread}）</td>
                {r.sheets.map((s) => (
                  <td key={s.examiner}>{s.total}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {refusal && forms !== "none" ? (
        <div className="mt-3">
          <Notice tone="error">{refusal}</Notice>
        </div>
      ) : null}
      {forms === "correct" ? (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2" noValidate>
          <input type="hidden" name="intent" value="correct" />
          <input type="hidden" name="registrationId" value={r.registrationId} />
          <input type="hidden" name="taskId" value={r.taskId} />
          <Field label="更正：考评员" name="examinerId" id={`ce-${r.key}`} error={errorOf(result, "examinerId")}>
            {(p) => (
              <select {...p} className="input w-32">
                {r.sheets.map((s) => (
                  <option key={s.examinerId} value={s.examinerId}>
                    {s.examiner}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="评分要素" name="criterion" id={`cc-${r.key}`} error={errorOf(result, "criterion")}>
            {(p) => (
              <select {...p} className="input w-48">
                {r.criteria.map((c, i) => (
                  <option key={c} value={i}>
                    {i + 1}. {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="更正为" name="value" id={`cv-${r.key}`} error={errorOf(result, "value")}>
            {(p) => <input {...p} type="number" step={0.5} className="input w-24" />}
          </Field>
          <Field label="更正理由" name="reason" id={`cr-${r.key}`} className="flex-1" error={errorOf(result, "reason")}>
            {(p) => <input {...p} className="input" {...constraintsOf(Correction.shape.reason)} />}
          </Field>
          <button className="btn-secondary" disabled={busy}>
            记录更正
          </button>
        </Form>
      ) : null}
      {forms === "decide" ? (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2" noValidate>
          <input type="hidden" name="registrationId" value={r.registrationId} />
          <input type="hidden" name="taskId" value={r.taskId} />
          <Field label="理由" name="reason" id={`reason-${r.key}`} className="flex-1" error={errorOf(result, "reason")}>
            {(p) => <input {...p} className="input" {...constraintsOf(Decision.shape.reason)} />}
          </Field>
          <button name="intent" value="rescore" className="btn-secondary" disabled={busy}>
            退回重评
          </button>
          <button name="intent" value="confirm" className="btn-primary" disabled={busy}>
            确认评分
          </button>
        </Form>
      ) : null}
    </section>
  );
}
