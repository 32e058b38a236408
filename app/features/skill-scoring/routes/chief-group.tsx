import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/chief-group";
import { requireGroupScorer } from "~/features/skill-scoring/access.server";
import { confirmedTasks, confirmTask, correctScore, sendBackForRescore, taskState } from "~/features/skill-scoring/service.server";
import { httpError } from "~/platform/http.server";
import { SPREAD_LIMIT } from "~/domain/skill";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "评分复核 · 考评组" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { group, paper } = await requireGroupScorer(request, context, params.groupId, true);
  const examiners = group.examiners.map((e) => ({ id: e.userId, name: e.user.displayName }));
  const examinerIds = examiners.map((e) => e.id);
  const confirmed = await confirmedTasks(group.registrations.map((r) => r.id));
  const tasks = paper.sections.flatMap((s) => s.items.map((i) => ({ id: i.id, title: i.title, points: i.points, criteria: i.criteria })));
  return {
    group: { id: group.id, name: group.name, sitting: group.sitting.title, sittingId: group.sittingId, status: group.sitting.status },
    examiners,
    rows: group.registrations.flatMap((r) =>
      tasks.map((t) => {
        const sheets = r.scoreSheets.filter((s) => s.taskId === t.id && examinerIds.includes(s.examinerId));
        const state = taskState(sheets, examinerIds, t.points, confirmed.has(`${r.id}|${t.id}`));
        const submitted = sheets.filter((s) => s.status === "submitted");
        const allIn = submitted.length === examinerIds.length;
        return {
          key: `${r.id}|${t.id}`,
          registrationId: r.id,
          ticket: r.ticketNumber,
          taskId: t.id,
          title: t.title,
          points: t.points,
          state,
          submitted: submitted.length,
          // Everyone's scores side by side, only once all examiners have submitted.
          sheets: allIn
            ? examiners.map((e) => {
                const s = submitted.find((x) => x.examinerId === e.id)!;
                return { examiner: e.name, examinerId: e.id, total: s.total, scores: JSON.parse(s.scores) as number[] };
              })
            : [],
          criteria: t.criteria.map((c) => `${c.criterion}（${c.points}）`),
          spread: allIn ? Math.max(...submitted.map((s) => s.total)) - Math.min(...submitted.map((s) => s.total)) : null,
        };
      }),
    ),
  };
}

const Decision = z.object({
  intent: z.enum(["rescore", "confirm"]),
  registrationId: z.string().min(1).max(40),
  taskId: z.string().max(20),
  reason: z.string().trim().min(4, "请写明理由（至少 4 个字）").max(500, "理由过长"),
});

const Correction = z.object({
  intent: z.literal("correct"),
  registrationId: z.string().min(1).max(40),
  taskId: z.string().max(20),
  examinerId: z.string().min(1).max(40),
  criterion: z.coerce.number().int().min(0).max(50),
  value: z.coerce.number({ message: "请填写更正后的分数" }),
  reason: z.string().trim().min(4, "请写明更正理由（至少 4 个字）").max(500, "理由过长"),
});

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, group, tasks } = await requireGroupScorer(request, context, params.groupId, true);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "correct") {
    if (group.sitting.status !== "published") return data({ error: "成绩发布前请通过退回重评处理。" }, { status: 409 });
    const c = Correction.safeParse(form);
    if (!c.success) return data({ error: c.error.issues[0].message }, { status: 400 });
    const task = tasks.get(c.data.taskId);
    if (!task || !group.registrations.some((r) => r.id === c.data.registrationId)) httpError(404, "该考生或任务不在本考评组。");
    const r = await correctScore(c.data, task, user, group.sittingId, new Date());
    if (!r.ok) return data({ error: r.message }, { status: 400 });
    return data({ ok: "已更正并记录，成绩已重新计算。" });
  }
  if (group.sitting.status !== "scoring") return data({ error: "当前不在评分阶段。" }, { status: 409 });
  const p = Decision.safeParse(form);
  if (!p.success) return data({ error: p.error.issues[0].message }, { status: 400 });
  if (!group.registrations.some((r) => r.id === p.data.registrationId) || !tasks.has(p.data.taskId))
    httpError(404, "该考生或任务不在本考评组。");
  const now = new Date();
  if (p.data.intent === "rescore") {
    await sendBackForRescore(p.data.registrationId, p.data.taskId, p.data.reason, user, group.sittingId, now);
    return data({ ok: "已退回，各考评员需重新评分。" });
  }
  await confirmTask(p.data.registrationId, p.data.taskId, p.data.reason, user, group.sittingId, now);
  return data({ ok: "已确认该任务的评分。" });
}

export default function ChiefGroup() {
  const { group, examiners, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const label = { scoring: "评分中", review: "待组长复核", done: "已完成" } as const;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${group.sitting} · ${group.name}`}
        description={`考评员：${examiners.map((e) => e.name).join("、")}。分差超过任务分值 ${SPREAD_LIMIT * 100}% 的任务须由您退回重评或写明理由后确认。`}
        actions={
          <>
            <Link to={`/center/skill-sittings/${group.sittingId}/audit`} className="btn-secondary">
              评分记录
            </Link>
            <Link to="/chief" className="btn-secondary">
              返回
            </Link>
          </>
        }
      />
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}
      {rows.map((r) => (
        <section
          key={r.key}
          className={`card ${r.state === "review" ? "border-amber-400" : ""}`}
          data-testid={`review-${r.ticket}-${r.taskId}`}
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-medium">
              <span className="font-mono">{r.ticket}</span> · {r.title}（{r.points} 分）
            </h2>
            <span
              className={`badge ${r.state === "review" ? "bg-amber-100 text-amber-900" : r.state === "done" ? "bg-green-100 text-green-800" : ""}`}
            >
              {label[r.state]}
              {r.state === "scoring" ? `（已交 ${r.submitted}/${examiners.length}）` : ""}
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
          {group.status === "published" && r.sheets.length ? (
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2" noValidate>
              <input type="hidden" name="intent" value="correct" />
              <input type="hidden" name="registrationId" value={r.registrationId} />
              <input type="hidden" name="taskId" value={r.taskId} />
              <div>
                <label htmlFor={`ce-${r.key}`} className="label">
                  更正：考评员
                </label>
                <select id={`ce-${r.key}`} name="examinerId" className="input w-32">
                  {r.sheets.map((s) => (
                    <option key={s.examinerId} value={s.examinerId}>
                      {s.examiner}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`cc-${r.key}`} className="label">
                  评分要素
                </label>
                <select id={`cc-${r.key}`} name="criterion" className="input w-48">
                  {r.criteria.map((c, i) => (
                    <option key={c} value={i}>
                      {i + 1}. {c}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`cv-${r.key}`} className="label">
                  更正为
                </label>
                <input id={`cv-${r.key}`} name="value" type="number" step={0.5} className="input w-24" />
              </div>
              <div className="flex-1">
                <label htmlFor={`cr-${r.key}`} className="label">
                  更正理由
                </label>
                <input id={`cr-${r.key}`} name="reason" className="input" />
              </div>
              <button className="btn-secondary" disabled={busy}>
                记录更正
              </button>
            </Form>
          ) : null}
          {r.state === "review" && group.status === "scoring" ? (
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="registrationId" value={r.registrationId} />
              <input type="hidden" name="taskId" value={r.taskId} />
              <div className="flex-1">
                <label htmlFor={`reason-${r.key}`} className="label">
                  理由
                </label>
                <input id={`reason-${r.key}`} name="reason" className="input" />
              </div>
              <button name="intent" value="rescore" className="btn-secondary" disabled={busy}>
                退回重评
              </button>
              <button name="intent" value="confirm" className="btn-primary" disabled={busy}>
                确认评分
              </button>
            </Form>
          ) : null}
        </section>
      ))}
    </div>
  );
}
