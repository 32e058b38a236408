import type { ExamQuestion } from "./question-view";

/** The navigator: every question, answered or not, flagged or not, the current one ringed. */
export function AnswerCard({
  questions,
  current,
  answered,
  flags,
  unansweredCount,
  onGo,
}: {
  questions: ExamQuestion[];
  current: number;
  answered: (id: string) => boolean;
  flags: ReadonlySet<string>;
  unansweredCount: number;
  onGo: (index: number) => void;
}) {
  return (
    <nav aria-label="答题卡" className="card">
      <p className="mb-2 text-sm font-medium">
        答题卡{" "}
        <span className="text-slate-500">
          已答 {questions.length - unansweredCount}/{questions.length}
        </span>
      </p>
      <ol className="grid grid-cols-6 gap-1.5">
        {questions.map((x, i) => (
          <li key={x.id}>
            <button
              type="button"
              onClick={() => onGo(i)}
              aria-label={`第 ${x.no} 题${answered(x.id) ? "，已答" : "，未答"}${flags.has(x.id) ? "，已标记" : ""}`}
              aria-current={i === current ? "true" : undefined}
              className={`relative h-9 w-full rounded text-sm ${i === current ? "ring-2 ring-brand-600" : ""} ${answered(x.id) ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700"}`}
            >
              {x.no}
              {flags.has(x.id) ? <span className="absolute -top-1 -right-1 size-2.5 rounded-full bg-amber-500" /> : null}
            </button>
          </li>
        ))}
      </ol>
      <p className="mt-3 text-xs text-slate-500">深色为已答，橙点为已标记。</p>
    </nav>
  );
}
