import { useState } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/examiner-score";
import { requireGroupScorer } from "~/features/skill-scoring/access.server";
import { ScoreTarget, sheetSchema } from "~/features/skill-scoring/schemas";
import { saveSheet } from "~/features/skill-scoring/service.server";
import { actionFail, actionOk, parseForm, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { errorOf } from "~/platform/forms";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice } from "~/platform/ui/page";
import { sittingState } from "~/domain/sitting-lifecycle";

export function meta() {
  return [{ title: "评分 · 技能评分" }];
}

async function load(request: Request, context: Route.LoaderArgs["context"], groupId: string) {
  const loaded = await requireGroupScorer(request, context, groupId);
  const t = ScoreTarget.safeParse(Object.fromEntries(new URL(request.url).searchParams));
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
    scoring: sittingState(group.sitting) === "scoring",
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
  const { actor, group, reg, task } = await load(request, context, params.groupId);
  if (sittingState(group.sitting) !== "scoring") return actionFail(409, "当前不在评分阶段。");
  const p = await parseForm(request, sheetSchema(task.rubric.length));
  if (!p.ok) return p.response;
  const { scores, submit } = p.data;
  return runAction(async () => {
    await saveSheet({ registrationId: reg.id, taskId: task.id, scores, submit }, actor, group.sittingId, task, new Date());
    if (submit) return redirect(`/examiner/groups/${group.id}?submitted=${encodeURIComponent(reg.ticketNumber)}`);
    return actionOk("草稿已保存。");
  }, p.values);
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
      <FormResult result={actionData} />
      {sheet?.status === "submitted" ? <Notice>该评分已提交。如需修改，须由考评组长退回重评。</Notice> : null}
      <details className="card mb-4">
        <summary className="cursor-pointer font-medium">试题单</summary>
        <p className="mt-2 whitespace-pre-line text-sm">{task.sheet}</p>
      </details>
      <Form method="post" className="space-y-3" noValidate>
        {task.rubric.map((c, i) => (
          <Field
            key={i}
            className="card"
            name={`c${i}`}
            label={`${i + 1}. ${c.criterion}（${c.points} 分）`}
            hint={c.scoring}
            error={errorOf(actionData, `c${i}`)}
          >
            {(p) => (
              <input
                {...p}
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
            )}
          </Field>
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
