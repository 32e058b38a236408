import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Form, redirect, useLoaderData, useNavigate } from "react-router";
import type { Route } from "./+types/exam-paper";
import { attemptOrder, clearExamCookie, clockPayload, heavyExamTurn, loadExam } from "~/features/exam-taking/service.server";
import { paperOf } from "~/features/sittings/service.server";
import { ANNOUNCE_AT_MINUTES } from "~/domain/exam-clock";
import { LEVEL_LABELS, THEORY_WEIGHTS, type Area, type Level } from "~/domain/levels";

export function meta() {
  return [{ title: "理论知识考试 · 作答" }];
}

export function loader({ request }: Route.LoaderArgs) {
  return heavyExamTurn(() => paperData(request));
}

async function paperData(request: Request) {
  const now = new Date();
  const exam = await loadExam(request, now, { withAnswers: true });
  if (!exam) throw redirect("/exam");
  const { reg, attempt } = exam;
  const level = reg.sitting.level as Level;
  const header = {
    name: reg.person.name,
    ticket: reg.ticketNumber,
    title: reg.sitting.title,
    level: LEVEL_LABELS[level],
    room: reg.room.name,
    seat: reg.seat,
  };
  if (attempt.status === "submitted") {
    const published = reg.sitting.status === "published";
    const byArea = published && attempt.areaScores ? (JSON.parse(attempt.areaScores) as { area: Area; points: number; max: number }[]) : [];
    return {
      view: "done" as const,
      header,
      result: published
        ? {
            score: attempt.score,
            passed: attempt.passed,
            byArea: byArea.map((a) => ({ ...a, weight: THEORY_WEIGHTS[level][a.area] ?? a.max })),
          }
        : null,
      reason: attempt.submitReason,
    };
  }
  const { items } = paperOf(reg.sitting.paper);
  const order = await attemptOrder(attempt.id);
  // No keys, explanations or requirement codes leave the server before submission.
  const questions = order.map((o, idx) => {
    const it = items.get(o.itemId)!;
    return {
      id: it.id,
      no: idx + 1,
      type: it.type,
      points: it.points,
      area: it.area,
      stem: it.stem,
      options:
        it.type === "判断"
          ? [
              { value: "正确", label: "", text: "正确" },
              { value: "错误", label: "", text: "错误" },
            ]
          : o.options.map((k, i) => ({ value: k, label: "ABCDE"[i], text: it.options?.[k as "A"] ?? "" })),
    };
  });
  return {
    view: "exam" as const,
    header,
    attemptId: attempt.id,
    questions,
    answers: Object.fromEntries(attempt.answers.map((a) => [a.itemId, JSON.parse(a.value) as Value])),
    clock: clockPayload(exam.clock, now),
  };
}

export async function action() {
  return redirect("/exam", { headers: { "Set-Cookie": clearExamCookie() } });
}

type Value = string | string[] | null;
type Clock = { phase: string; serverNow: number; deadline: number | null; graceMs: number };
type Pending = Record<string, { value: Value; seq: number }>;

export default function ExamPaper() {
  const data = useLoaderData<typeof loader>();
  if (data.view === "done") return <Done {...data} />;
  return <ExamTaker {...data} />;
}

function Done({ header, result, reason }: Extract<Route.ComponentProps["loaderData"], { view: "done" }>) {
  return (
    <main className="mx-auto mt-16 max-w-2xl px-4">
      <div className="card">
        <h1 className="text-2xl font-semibold">{reason === "deadline" ? "考试时间到，已自动交卷" : "已交卷"}</h1>
        <p className="mt-2 text-slate-600">
          {header.title} · {header.level} · 准考证号 {header.ticket} · {header.name}
        </p>
        {result ? (
          <div className="mt-6">
            <p className="text-lg">
              成绩：<strong className="text-3xl">{result.score}</strong> 分
              <span className={`badge ml-3 text-base ${result.passed ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
                {result.passed ? "合格" : "不合格"}
              </span>
            </p>
            <p className="mt-1 text-sm text-slate-500">合格线为 60 分（含）。</p>
            <table className="table mt-4" aria-label="各鉴定范围得分">
              <thead>
                <tr>
                  <th scope="col">鉴定范围</th>
                  <th scope="col">权重（分）</th>
                  <th scope="col">得分</th>
                </tr>
              </thead>
              <tbody>
                {result.byArea.map((a) => (
                  <tr key={a.area}>
                    <td>{a.area}</td>
                    <td>{a.weight}</td>
                    <td>{a.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-6 rounded-md bg-brand-50 p-4 text-brand-800">答卷已保存。成绩待中心发布后可在此页面或“我的考试”中查看。</p>
        )}
        <Form method="post" className="mt-6">
          <button className="btn-secondary">退出考试系统</button>
        </Form>
      </div>
    </main>
  );
}

function storageKey(attemptId: string) {
  return `zw-exam-pending-${attemptId}`;
}

function ExamTaker({
  header,
  attemptId,
  questions,
  answers: initialAnswers,
  clock: initialClock,
}: Extract<Route.ComponentProps["loaderData"], { view: "exam" }>) {
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Record<string, Value>>(initialAnswers);
  const [flags, setFlags] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState(0);
  const [clock, setClock] = useState<Clock>(initialClock);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => initialClock.serverNow);
  const [online, setOnline] = useState(true);
  const [superseded, setSuperseded] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [ready, setReady] = useState(false);
  const windowId = useRef<string>("");
  const seq = useRef(0);
  const pending = useRef<Pending>({});
  const inFlight = useRef<Map<string, Promise<void>>>(new Map());
  const submitting = useRef(false);
  const announced = useRef<Set<number>>(new Set());

  const persist = useCallback(() => {
    localStorage.setItem(storageKey(attemptId), JSON.stringify(pending.current));
    setPendingCount(Object.keys(pending.current).length);
  }, [attemptId]);

  const applyClock = useCallback((c: Clock) => {
    setClock(c);
    setOffset(c.serverNow - Date.now());
  }, []);

  const post = useCallback(async (body: object) => {
    const res = await fetch("/exam/api", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const json = await res.json().catch(() => ({}));
    return { status: res.status, json };
  }, []);

  // One save per question in flight; a second call while one is in flight gets that request.
  const send = useCallback(
    (itemId: string): Promise<void> => {
      const running = inFlight.current.get(itemId);
      if (running) return running;
      const p = pending.current[itemId];
      if (!p || superseded) return Promise.resolve();
      const job = (async () => {
        try {
          const { status, json } = await post({ op: "save", windowId: windowId.current, itemId, value: p.value, seq: p.seq });
          setOnline(true);
          if (json.clock) applyClock(json.clock);
          if (status === 200) {
            if (pending.current[itemId]?.seq === p.seq) delete pending.current[itemId];
            persist();
            setSavedAt(json.savedAt);
          } else if (status === 409) setSuperseded(true);
          else if (status === 410) navigate(".", { replace: true });
          // 423 (paused): keep it pending; the retry loop sends it after the pause.
        } catch {
          setOnline(false);
        } finally {
          inFlight.current.delete(itemId);
        }
      })();
      inFlight.current.set(itemId, job);
      return job;
    },
    [post, persist, applyClock, navigate, superseded],
  );

  // Waits for the saves in flight first: a submit must not overtake an answer that is on its way.
  const flush = useCallback(async () => {
    await Promise.all([...inFlight.current.values()]);
    await Promise.all(Object.keys(pending.current).map((id) => send(id)));
  }, [send]);

  // Claim this window, merge unsent local answers, then keep retrying and polling.
  useEffect(() => {
    windowId.current = crypto.randomUUID().toLowerCase();
    seq.current = Date.now();
    try {
      pending.current = JSON.parse(localStorage.getItem(storageKey(attemptId)) ?? "{}");
    } catch {
      pending.current = {};
    }
    let cancelled = false;
    (async () => {
      try {
        const { status, json } = await post({ op: "claim", windowId: windowId.current });
        if (cancelled) return;
        if (status === 410) return navigate(".", { replace: true });
        if (status === 200) {
          applyClock(json.clock);
          const local = Object.fromEntries(Object.entries(pending.current).map(([k, v]) => [k, v.value]));
          setAnswers({ ...json.answers, ...local });
          // Re-number unsent answers for this window so that they win over older saves.
          for (const k of Object.keys(pending.current)) pending.current[k].seq = ++seq.current;
          persist();
          setReady(true);
          void flush();
        }
      } catch {
        setOnline(false);
        setReady(true);
      }
    })();
    const retry = setInterval(() => void flush(), 3000);
    const poll = setInterval(async () => {
      try {
        const res = await fetch("/exam/api", { credentials: "same-origin" });
        const json = await res.json();
        setOnline(true);
        if (json.clock) applyClock(json.clock);
        if (json.status === "submitted") navigate(".", { replace: true });
        else if (json.activeWindow && json.activeWindow !== windowId.current) setSuperseded(true);
      } catch {
        setOnline(false);
      }
    }, 10_000);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    return () => {
      cancelled = true;
      clearInterval(retry);
      clearInterval(poll);
      clearInterval(tick);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attemptId]);

  const paused = clock.phase === "paused";
  // While paused the server keeps pushing the deadline back; show the time left when it paused.
  const remainingMs = clock.deadline === null ? 0 : paused ? clock.deadline - clock.serverNow : clock.deadline - (now + offset);

  const submit = useCallback(async () => {
    if (submitting.current) return;
    submitting.current = true;
    await flush();
    try {
      const { status } = await post({ op: "submit", windowId: windowId.current });
      if (status === 409) setSuperseded(true);
      localStorage.removeItem(storageKey(attemptId));
      navigate(".", { replace: true });
    } catch {
      setOnline(false);
    } finally {
      submitting.current = false;
    }
  }, [flush, post, navigate, attemptId]);

  // Auto-submit at 0:00 with what was saved; the server does the same if this page is gone.
  useEffect(() => {
    if (ready && !paused && clock.deadline !== null && remainingMs <= 0 && !superseded) void submit();
  }, [ready, paused, remainingMs, clock.deadline, superseded, submit]);

  // Screen readers hear the time at 30, 10, 5 and 1 minutes left, not every second.
  useEffect(() => {
    for (const m of ANNOUNCE_AT_MINUTES) {
      if (remainingMs <= m * 60_000 && remainingMs > (m - 1) * 60_000 && !announced.current.has(m)) {
        announced.current.add(m);
        setAnnouncement(`距离考试结束还有 ${m} 分钟`);
      }
    }
  }, [remainingMs]);

  const choose = (itemId: string, value: Value) => {
    setAnswers((a) => ({ ...a, [itemId]: value }));
    pending.current[itemId] = { value, seq: ++seq.current };
    persist();
    void send(itemId);
  };

  const reclaim = async () => {
    const { status } = await post({ op: "claim", windowId: windowId.current });
    if (status === 200) window.location.reload();
  };

  const q = questions[current];
  const isAnswered = (id: string) => {
    const v = answers[id];
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  };
  const unanswered = useMemo(() => questions.filter((x) => !isAnswered(x.id)).map((x) => x.no), [questions, answers]); // eslint-disable-line react-hooks/exhaustive-deps
  const mmss = (ms: number) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    return `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  const saveLabel = !online
    ? "未保存（网络断开，恢复后自动重试）"
    : pendingCount > 0
      ? "正在保存…"
      : savedAt
        ? `已保存 ${new Date(savedAt).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}`
        : "已保存";

  return (
    <div className="min-h-screen bg-slate-100">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="text-sm">
            <p className="font-semibold">
              {header.title} · {header.level}
            </p>
            <p className="text-slate-600">
              {header.name} · 准考证号 {header.ticket} · {header.room} 第 {header.seat} 座
            </p>
          </div>
          <div className="flex items-center gap-4">
            <p className="text-sm" data-testid="save-state" aria-live="polite">
              {saveLabel}
            </p>
            <p
              className={`font-mono text-2xl font-semibold ${remainingMs < 5 * 60_000 ? "text-red-700" : "text-slate-900"}`}
              aria-hidden="true"
              data-testid="countdown"
            >
              {mmss(remainingMs)}
            </p>
            <span className="sr-only" aria-live="assertive">
              {announcement}
            </span>
            <button type="button" className="btn-primary" onClick={() => setConfirming(true)} disabled={superseded}>
              交卷
            </button>
          </div>
        </div>
        {!online ? (
          <p role="alert" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
            网络已断开：答案已暂存在本机，网络恢复后会自动保存，请勿关闭页面。
          </p>
        ) : null}
      </header>

      {superseded ? (
        <div
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="sup-h"
          className="fixed inset-0 z-20 flex items-center justify-center bg-black/50 p-4"
        >
          <div className="card max-w-md">
            <h2 id="sup-h" className="text-lg font-semibold">
              本场考试已在另一个窗口打开
            </h2>
            <p className="mt-2 text-sm text-slate-700">
              为防止答案被覆盖，此窗口已停止保存。请在最新打开的窗口继续作答；如需改用此窗口，请点击下方按钮（另一个窗口将停止保存）。
            </p>
            <button type="button" className="btn-primary mt-4" onClick={reclaim}>
              在此窗口继续作答
            </button>
          </div>
        </div>
      ) : null}
      {paused && !superseded ? (
        <div role="alertdialog" aria-modal="true" className="fixed inset-0 z-20 flex items-center justify-center bg-black/50 p-4">
          <div className="card max-w-md">
            <h2 className="text-lg font-semibold">考试已暂停</h2>
            <p className="mt-2 text-sm">监考员已暂停本考场考试，计时已停止。请保持安静，等待恢复。</p>
          </div>
        </div>
      ) : null}

      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 lg:grid-cols-[1fr_18rem]">
        <main className="card" aria-labelledby="q-h">
          {q ? (
            <>
              <p className="text-sm text-slate-500">
                {q.area} · {q.type}题 · {q.points} 分{q.type === "多选" ? "（多选、少选、错选均不得分）" : ""}
              </p>
              <h1 id="q-h" className="mt-2 text-lg leading-relaxed">
                第 {q.no} 题　{q.stem}
              </h1>
              <fieldset className="mt-4 space-y-2" disabled={superseded || paused}>
                <legend className="sr-only">第 {q.no} 题选项</legend>
                {q.options.map((o) => {
                  const v = answers[q.id];
                  const checked = q.type === "多选" ? Array.isArray(v) && v.includes(o.value) : v === o.value;
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
                            const cur = Array.isArray(v) ? v : [];
                            choose(q.id, e.target.checked ? [...cur, o.value].sort() : cur.filter((x) => x !== o.value));
                          } else choose(q.id, o.value);
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
                <button
                  type="button"
                  className="btn-secondary"
                  aria-pressed={flags.has(q.id)}
                  onClick={() =>
                    setFlags((f) => {
                      const n = new Set(f);
                      if (n.has(q.id)) n.delete(q.id);
                      else n.add(q.id);
                      return n;
                    })
                  }
                >
                  {flags.has(q.id) ? "取消标记" : "标记此题"}
                </button>
              </div>
            </>
          ) : null}
        </main>
        <nav aria-label="答题卡" className="card">
          <p className="mb-2 text-sm font-medium">
            答题卡{" "}
            <span className="text-slate-500">
              已答 {questions.length - unanswered.length}/{questions.length}
            </span>
          </p>
          <ol className="grid grid-cols-6 gap-1.5">
            {questions.map((x, i) => (
              <li key={x.id}>
                <button
                  type="button"
                  onClick={() => setCurrent(i)}
                  aria-label={`第 ${x.no} 题${isAnswered(x.id) ? "，已答" : "，未答"}${flags.has(x.id) ? "，已标记" : ""}`}
                  aria-current={i === current ? "true" : undefined}
                  className={`relative h-9 w-full rounded text-sm ${i === current ? "ring-2 ring-brand-600" : ""} ${isAnswered(x.id) ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700"}`}
                >
                  {x.no}
                  {flags.has(x.id) ? <span className="absolute -top-1 -right-1 size-2.5 rounded-full bg-amber-500" /> : null}
                </button>
              </li>
            ))}
          </ol>
          <p className="mt-3 text-xs text-slate-500">深色为已答，橙点为已标记。</p>
        </nav>
      </div>

      {confirming ? (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="confirm-h"
          className="fixed inset-0 z-30 flex items-center justify-center bg-black/50 p-4"
        >
          <div className="card max-w-lg">
            <h2 id="confirm-h" className="text-lg font-semibold">
              确认交卷？
            </h2>
            {unanswered.length ? (
              <p className="mt-2 text-sm text-red-800">
                还有 {unanswered.length} 题未作答：第 {unanswered.join("、")} 题。
              </p>
            ) : (
              <p className="mt-2 text-sm">全部题目均已作答。</p>
            )}
            <p className="mt-1 text-sm text-slate-600">交卷后不能再修改答案。</p>
            <div className="mt-4 flex gap-3">
              <button
                type="button"
                className="btn-primary"
                onClick={() => {
                  setConfirming(false);
                  void submit();
                }}
              >
                确认交卷
              </button>
              <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
                继续作答
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
