import type { AnswerValue } from "../answer-sync";

export type ExamQuestion = {
  id: string;
  no: number;
  type: "判断" | "单选" | "多选";
  points: number;
  area: string;
  stem: string;
  options: { value: string; label: string; text: string }[];
};

/** One question with its options; a 多选 toggles letters, the others choose one. */
export function QuestionView({
  q,
  value,
  disabled,
  onChoose,
}: {
  q: ExamQuestion;
  value: AnswerValue | undefined;
  disabled: boolean;
  onChoose: (value: AnswerValue) => void;
}) {
  return (
    <>
      <p className="text-sm text-slate-500">
        {q.area} · {q.type}题 · {q.points} 分{q.type === "多选" ? "（多选、少选、错选均不得分）" : ""}
      </p>
      <h1 id="q-h" className="mt-2 text-lg leading-relaxed">
        第 {q.no} 题　{q.stem}
      </h1>
      <fieldset className="mt-4 space-y-2" disabled={disabled}>
        <legend className="sr-only">第 {q.no} 题选项</legend>
        {q.options.map((o) => {
          const checked = q.type === "多选" ? Array.isArray(value) && value.includes(o.value) : value === o.value;
          return (
            <label
              key={o.value}
              className={`flex cursor-pointer items-start gap-3 rounded-md border px-4 py-3 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:bg-slate-50"}`}
            >
              <input
                type={q.type === "多选" ? "checkbox" : "radio"}
                name={`q-${q.id}`}
                value={o.value}
                checked={checked}
                className="mt-1 size-4"
                onChange={(e) => {
                  if (q.type === "多选") {
                    const cur = Array.isArray(value) ? value : [];
                    onChoose(e.target.checked ? [...cur, o.value].sort() : cur.filter((x) => x !== o.value));
                  } else onChoose(o.value);
                }}
              />
              <span>
                {o.label ? `${o.label}. ` : ""}
                {o.text}
              </span>
            </label>
          );
        })}
      </fieldset>
    </>
  );
}
