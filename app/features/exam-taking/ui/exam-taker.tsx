import { useEffect, useMemo, useState } from "react";
import type { CandidateOrder } from "~/domain/assembly";
import { ANNOUNCE_AT_MINUTES } from "~/domain/exam-clock";
import type { AnswerValue, ServerClock } from "../answer-sync";
import { type PaperPayload, questionsInOrder } from "../paper-questions";
import { AnswerCard } from "./answer-card";
import { PausedDialog, SubmitDialog, SupersededDialog } from "./exam-dialogs";
import { ExamDone } from "./exam-done";
import { type ExamHeader, ExamHeaderBar } from "./exam-header";
import { type ExamQuestion, QuestionView } from "./question-view";
import { useAnswerSync } from "./use-answer-sync";

export type ExamView = {
  header: ExamHeader;
  attemptId: string;
  paperId: string;
  order: CandidateOrder;
  answers: Record<string, AnswerValue>;
  clock: ServerClock;
};

type TakerProps = Omit<ExamView, "paperId" | "order"> & { questions: ExamQuestion[] };

/**
 * The exam page: the questions come from the paper payload (GET /exam/api/paper, the same cached
 * bytes for everyone of the paper), put in this candidate's order here. A failed fetch is retried.
 */
export function ExamPage({ paperId, order, ...view }: ExamView) {
  const [questions, setQuestions] = useState<ExamQuestion[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch("/exam/api/paper", { credentials: "same-origin" });
        if (res.status === 401) {
          window.location.assign("/exam");
          return;
        }
        if (!res.ok) throw new Error(String(res.status));
        const payload = (await res.json()) as PaperPayload;
        if (payload.paperId !== paperId) throw new Error("paper changed");
        if (!stop) setQuestions(questionsInOrder(payload, order));
      } catch {
        if (stop) return;
        setFailed(true);
        timer = setTimeout(() => void load(), 2000);
      }
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [paperId, order]);
  if (!questions)
    return (
      <main className="mx-auto max-w-xl px-4 py-16 text-center" aria-busy="true">
        <h1 className="text-xl font-semibold">正在加载试卷…</h1>
        <p role="status" className="mt-3 text-slate-600">
          {failed
            ? "试卷加载失败，正在自动重试。考试时间以服务器为准，加载期间已作答的内容不受影响。"
            : "请稍候，试卷加载完成后即可开始作答。"}
        </p>
      </main>
    );
  return <ExamTaker {...view} questions={questions} />;
}

const isAnswered = (v: AnswerValue | undefined) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** Screen readers hear the time at the announcement minutes, not every second. */
function announcementFor(remainingMs: number): string {
  const m = ANNOUNCE_AT_MINUTES.find((min) => remainingMs <= min * 60_000 && remainingMs > (min - 1) * 60_000);
  return m ? `距离考试结束还有 ${m} 分钟` : "";
}

function ExamTaker({ header, attemptId, questions, answers: initialAnswers, clock: initialClock }: TakerProps) {
  const { sync, state, remaining } = useAnswerSync(attemptId, { answers: initialAnswers, clock: initialClock });
  const { answers, online, superseded, pendingCount, savedAt, ready, clock, submitted } = state;
  const [flags, setFlags] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const paused = clock.phase === "paused";

  // Auto-submit at 0:00 with what was saved; the server does the same if this page is gone.
  useEffect(() => {
    if (ready && !paused && clock.deadline !== null && remaining <= 0 && !superseded) void sync.submit();
  }, [ready, paused, remaining, clock.deadline, superseded, sync]);

  const q = questions[current];
  const unanswered = useMemo(() => questions.filter((x) => !isAnswered(answers[x.id])).map((x) => x.no), [questions, answers]);
  const saveLabel = !online
    ? "未保存（网络断开，恢复后自动重试）"
    : pendingCount > 0
      ? "正在保存…"
      : savedAt
        ? `已保存 ${new Date(savedAt).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}`
        : "已保存";
  const toggleFlag = (id: string) =>
    setFlags((f) => {
      const n = new Set(f);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  // Results are never published while a room is open, so the done view needs nothing from the server.
  if (submitted) return <ExamDone header={header} result={null} reason={submitted.reason} />;

  return (
    <div className="min-h-screen bg-slate-100">
      <ExamHeaderBar
        header={header}
        saveLabel={saveLabel}
        remainingMs={remaining}
        announcement={announcementFor(remaining)}
        online={online}
        canSubmit={!superseded}
        onSubmit={() => setConfirming(true)}
      />
      {superseded ? <SupersededDialog onReclaim={() => void sync.reclaim()} /> : null}
      {paused && !superseded ? <PausedDialog /> : null}

      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 lg:grid-cols-[1fr_18rem]">
        <main className="card" aria-labelledby="q-h">
          {q ? (
            <>
              <QuestionView q={q} value={answers[q.id]} disabled={superseded || paused} onChoose={(v) => void sync.choose(q.id, v)} />
              <div className="mt-6 flex flex-wrap gap-3">
                <button type="button" className="btn-secondary" disabled={current === 0} onClick={() => setCurrent((c) => c - 1)}>
                  上一题
                </button>
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={current === questions.length - 1}
                  onClick={() => setCurrent((c) => c + 1)}
                >
                  下一题
                </button>
                <button type="button" className="btn-secondary" aria-pressed={flags.has(q.id)} onClick={() => toggleFlag(q.id)}>
                  {flags.has(q.id) ? "取消标记" : "标记此题"}
                </button>
              </div>
            </>
          ) : null}
        </main>
        <AnswerCard
          questions={questions}
          current={current}
          answered={(id) => isAnswered(answers[id])}
          flags={flags}
          unansweredCount={unanswered.length}
          onGo={setCurrent}
        />
      </div>

      {confirming ? (
        <SubmitDialog
          unanswered={unanswered}
          onConfirm={() => {
            setConfirming(false);
            void sync.submit();
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </div>
  );
}
