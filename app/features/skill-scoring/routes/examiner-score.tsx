import { useState } from "react";
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/examiner-score";
import { httpError } from "~/platform/http.server";
import { requireGroupScorer } from "~/features/skill-scoring/access.server";
import { saveSheet } from "~/features/skill-scoring/service.server";
import { Notice } from "~/platform/ui/page";

export function meta() {
  return [{ title: "评分 · 技能评分" }];
}

const Target = z.object({ reg: z.string().min(1).max(40), task: z.string().regex(/^S-(L5|L4|L3)-[A-Z]{2}-\d{2}$/) });

async function load(request: Request, context: Route.LoaderArgs["context"], groupId: string) {
  const loaded = await requireGroupScorer(request, context, groupId);
  const t = Target.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!t.success) httpError(400, "缺少考生或任务参数。");
  const reg = loaded.group.registrations.find((r) => r.id === t.data.reg);
  const task = loaded.tasks.get(t.data.task);
  if (!reg || !task) httpError(404, "该考生或任务不在本考评组的试卷中。");
  return { ...loaded, reg, task };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, group, reg, task } = await load(request, context, params.groupId);
  // Only this examiner's own sheet: others' scores stay hidden until the chief's review.
  const mine = reg.scoreSheets.find((s) => s.taskId === task.id && s.examinerId === user.id);
  return {
    groupId: group.id,
    scoring: group.sitting.status === "scoring",
    ticket: reg.ticketNumber,
    task: {
      id: task.id,
      title: task.title,
      area: task.area,
      points: task.points,
      minutes: task.minutes,
      sheet: task.sheet,
      rubric: task.rubric,
    },
    sheet: mine ? { scores: JSON.parse(mine.scores) as (number | null)[], status: mine.status } : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, group, reg, task } = await load(request, context, params.groupId);
  if (group.sitting.status !== "scoring") return data({ error: "当前不在评分阶段。" }, { status: 409 });
  const form = await request.formData();
  const scores: (number | null)[] = [];
  for (let i = 0; i < task.rubric.length; i++) {
    const raw = String(form.get(`c${i}`) ?? "").trim();
    if (raw === "") scores.push(null);
    else {
      const n = Number(raw);
      if (!Number.isFinite(n)) return data({ error: `第 ${i + 1} 项评分不是数字。` }, { status: 400 });
      scores.push(n);
    }
  }
  const submit = form.get("intent") === "submit";
  const r = await saveSheet({ registrationId: reg.id, taskId: task.id, scores, submit }, user, group.sittingId, task, new Date());
  if (!r.ok) return data({ error: r.message }, { status: 400 });
  if (submit) return redirect(`/examiner/groups/${group.id}?submitted=${encodeURIComponent(reg.ticketNumber)}`);
  return data({ ok: "草稿已保存。" });
}

export default function ExaminerScore() {
  const { groupId, scoring, ticket, task, sheet } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [values, setValues] = useState<string[]>(() =>
    task.rubric.map((_, i) => ((sheet?.scores[i] ?? "") === "" ? "" : String(sheet?.scores[i]))),
  );
  const total = values.reduce((s, v) => s + (v === "" || Number.isNaN(Number(v)) ? 0 : Number(v)), 0);
  const locked = !scoring || sheet?.status === "submitted";
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">{task.title}</h1>
          <p className="text-sm text-slate-600">
            准考证号 <span className="font-mono">{ticket}</span> · {task.area} · 满分 {task.points} 分 · {task.minutes} 分钟
          </p>
        </div>
        <Link to={`/examiner/groups/${groupId}`} className="btn-secondary">
          返回名单
        </Link>
      </div>
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}
      {sheet?.status === "submitted" ? <Notice>该评分已提交。如需修改，须由考评组长退回重评。</Notice> : null}
      <details className="card mb-4">
        <summary className="cursor-pointer font-medium">试题单</summary>
        <p className="mt-2 whitespace-pre-line text-sm">{task.sheet}</p>
      </details>
      <Form method="post" className="space-y-3" noValidate>
        {task.rubric.map((c, i) => (
          <div key={i} className="card">
            <label htmlFor={`c${i}`} className="block font-medium">
              {i + 1}. {c.criterion}（{c.points} 分）
            </label>
            <p className="mt-1 text-sm text-slate-600">{c.scoring}</p>
            <input
              id={`c${i}`}
              name={`c${i}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={c.points}
              step={0.5}
              value={values[i]}
              disabled={locked}
              onChange={(e) => setValues((v) => v.map((x, j) => (j === i ? e.target.value : x)))}
              className="input mt-2 w-32 text-lg"
            />
          </div>
        ))}
        <div className="card sticky bottom-0 flex flex-wrap items-center justify-between gap-3">
          <p className="text-lg">
            合计 <strong data-testid="sheet-total">{total}</strong> / {task.points} 分
          </p>
          {!locked ? (
            <div className="flex gap-2">
              <button name="intent" value="draft" className="btn-secondary" disabled={busy}>
                保存草稿
              </button>
              <button name="intent" value="submit" className="btn-primary" disabled={busy}>
                提交评分
              </button>
            </div>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
