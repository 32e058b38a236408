import { Form } from "react-router";
import { formatPoints, type EvaluationResult } from "~/domain/evaluation";
import type { RatingCounts, Rates } from "~/domain/ratings";
import { errorOf, valueOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { RatingSummary } from "./evaluation-report";

type Detail = {
  completionDone: number | null;
  completionTarget: number | null;
  completionSource: string | null;
  complaintsPoints: number | null;
  complaintsEvidence: string | null;
  praisePoints: number | null;
  praiseEvidence: string | null;
};

const FIELDS: { name: keyof Detail; label: string; decimal?: boolean; placeholder?: string }[] = [
  { name: "completionDone", label: "完成量", decimal: true },
  { name: "completionTarget", label: "目标量", decimal: true },
  { name: "complaintsPoints", label: "投诉情况（0–5 分）", decimal: true },
  { name: "complaintsEvidence", label: "投诉情况依据", placeholder: "如：全年无有效投诉" },
  { name: "praisePoints", label: "表扬褒奖（0–5 分）", decimal: true },
  { name: "praiseEvidence", label: "表扬褒奖依据", placeholder: "如：锦旗2面、表扬信1封" },
];

/** An entered objective figure with its evidence, or 缺评. */
function Recorded({ label, points, evidence }: { label: string; points: number | null; evidence: string | null }) {
  return (
    <p>
      {label}：
      {points === null ? (
        <span className="text-amber-700">缺评</span>
      ) : (
        <>
          {points} 分（依据：{evidence}）
        </>
      )}
    </p>
  );
}

/** The objective part (45 points): what is recorded, and the form that records it. */
export function PersonObjective({
  detail,
  objective,
  ratings,
  penalty,
  canEdit,
  result,
}: {
  detail: Detail;
  objective: EvaluationResult["objective"];
  ratings: { counts: RatingCounts; rates: Rates; points: number | null } | null;
  penalty: number;
  canEdit: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  const completionShown = detail.completionDone !== null && detail.completionTarget !== null;
  return (
    <section className="card" aria-labelledby="obj-h">
      <h2 id="obj-h" className="text-lg font-medium">
        客观评价（45 分）
      </h2>
      <div className="mt-2 space-y-2 text-sm">
        <p>
          工作完成度：
          {completionShown ? (
            <>
              25 × {detail.completionDone} ÷ {detail.completionTarget} = <strong>{formatPoints(objective.completion)}</strong> 分（来源：
              {detail.completionSource}）
            </>
          ) : (
            <span className="text-amber-700">缺评（未录入完成量与目标量）</span>
          )}
        </p>
        <RatingSummary ratings={ratings} penalty={penalty} />
        <Recorded label="投诉情况" points={detail.complaintsPoints} evidence={detail.complaintsEvidence} />
        <Recorded label="表扬褒奖" points={detail.praisePoints} evidence={detail.praiseEvidence} />
      </div>
      {canEdit ? (
        <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="objective" />
          {FIELDS.map((f) => (
            <Field key={f.name} label={f.label} name={f.name} error={errorOf(result, f.name)}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode={f.decimal ? "decimal" : undefined}
                  maxLength={f.decimal ? undefined : 500}
                  placeholder={f.placeholder}
                  defaultValue={valueOf(result, f.name) ?? detail[f.name] ?? ""}
                />
              )}
            </Field>
          ))}
          <div className="sm:col-span-2">
            <button className="btn-secondary">保存客观评价</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
