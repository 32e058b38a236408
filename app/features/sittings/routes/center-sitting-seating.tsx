import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-sitting-seating";
import { constraintsOf, errorOf, formToObject, valueOf } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { requireSitting } from "../access.server";
import { MoveSeatSchema, SEATING_INTENTS, SwapSeatsSchema } from "../schemas";
import { assignSittingSeats, moveCandidate, seatingView, swapCandidates } from "../service/seating.server";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.title ?? "考试场次"} · 排座与调座` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  if (sitting.kind === "skill") throw redirect(`/center/skill-sittings/${sitting.id}`);
  return { title: sitting.title, sittingId: sitting.id, ...(await seatingView(sitting)) };
}

const Intent = z.object({ intent: z.enum(SEATING_INTENTS, { message: "未知的操作。" }) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "update");
  const form = formToObject(await request.formData());
  const intent = parseWith(Intent, form);
  if (!intent.ok) return intent.response;
  return runAction(async () => {
    switch (intent.data.intent) {
      case "assign-seats": {
        const r = await assignSittingSeats(sitting, actor, new Date());
        return actionOk(`已为 ${r.candidates} 名考生随机排座（排座种子 ${r.seed}），准考证号已按新座位更新。`);
      }
      case "move-seat": {
        const p = parseWith(MoveSeatSchema, form);
        if (!p.ok) return p.response;
        const r = await moveCandidate(sitting, p.data, actor);
        return actionOk(`已将 ${r.name} 调至${r.room}第 ${r.seat} 座，新准考证号 ${r.ticket}。`);
      }
      case "swap-seats": {
        const p = parseWith(SwapSeatsSchema, form);
        if (!p.ok) return p.response;
        const r = await swapCandidates(sitting, p.data, actor);
        return actionOk(`已互换 ${r.a} 与 ${r.b} 的座位和准考证号。`);
      }
    }
    return actionFail(400, "未知的操作。");
  }, form);
}

export default function SittingSeating() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const everyone = v.rooms.flatMap((r) => r.candidates.map((c) => ({ ...c, room: r.name })));
  const editable = v.refusal === null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${v.title} · 排座与调座`}
        description={
          v.seatedAt
            ? `已于 ${v.seatedAt} 随机排座（排座种子 ${v.seed}，可据此复现）。`
            : "尚未排座：考生目前按报名顺序暂排座位，准考证号随座位确定。"
        }
        actions={
          <Link to={`/center/sittings/${v.sittingId}`} className="btn-secondary">
            返回场次
          </Link>
        }
      />
      <FormResult result={result} fieldsMessage="请检查标出的内容。" />
      {v.refusal ? <Notice tone="warning">{v.refusal}</Notice> : null}

      {editable ? (
        <section className="card space-y-3" aria-labelledby="draw-h">
          <h2 id="draw-h" className="text-lg font-medium">
            随机排座
          </h2>
          <p className="text-sm text-slate-600">
            按考场容量随机安排全部考生：同一部门的考生尽量分到不同考场，同一考场内尽量不相邻。排座后准考证号随考场和座位重新生成，已打印的准考证需重新打印；任一考场开考后不能再排座或调座。
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="assign-seats" />
            <button type="submit" className="btn-primary" disabled={busy || everyone.length === 0}>
              {v.seatedAt ? "重新随机排座" : "随机排座"}
            </button>
          </Form>
        </section>
      ) : null}

      {editable && everyone.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="card" aria-labelledby="move-h">
            <h2 id="move-h" className="mb-3 text-lg font-medium">
              调整座位
            </h2>
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="move-seat" />
              <Field label="考生" name="registrationId" id="move-registration" error={errorOf(result, "registrationId")}>
                {(p) => (
                  <select {...p} className="input" defaultValue={valueOf(result, "registrationId") ?? ""}>
                    <option value="">请选择考生</option>
                    {everyone.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}（{c.room} 第{c.seat}座）
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="grid grid-cols-2 gap-3">
                <Field label="调至考场" name="roomId" id="move-room" error={errorOf(result, "roomId")}>
                  {(p) => (
                    <select {...p} className="input" defaultValue={valueOf(result, "roomId") ?? v.rooms[0]?.id}>
                      {v.rooms.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}（{r.candidates.length}/{r.capacity}）
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="座位号" name="seat" id="move-seat" error={errorOf(result, "seat")}>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      className="input"
                      defaultValue={valueOf(result, "seat")}
                      {...constraintsOf(MoveSeatSchema.shape.seat)}
                    />
                  )}
                </Field>
              </div>
              <button type="submit" className="btn-primary" disabled={busy}>
                调整
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="swap-h">
            <h2 id="swap-h" className="mb-3 text-lg font-medium">
              互换座位
            </h2>
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="swap-seats" />
              {(["registrationId", "otherRegistrationId"] as const).map((name, i) => (
                <Field key={name} label={i === 0 ? "考生甲" : "考生乙"} name={name} id={`swap-${i}`} error={errorOf(result, name)}>
                  {(p) => (
                    <select {...p} className="input" defaultValue={valueOf(result, name) ?? ""}>
                      <option value="">请选择考生</option>
                      {everyone.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}（{c.room} 第{c.seat}座）
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ))}
              <button type="submit" className="btn-primary" disabled={busy}>
                互换
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      {v.rooms.length === 0 ? <Notice>本场考试还没有考场。</Notice> : null}
      {v.rooms.map((r) => (
        <section key={r.id} className="card" aria-labelledby={`room-${r.id}`}>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id={`room-${r.id}`} className="text-lg font-medium">
              {r.name}{" "}
              <span className="text-sm font-normal text-slate-600">
                {r.candidates.length}/{r.capacity} 座
              </span>
            </h2>
            <p className="flex gap-3 text-sm">
              <Link className="link" to={`/proctor/rooms/${r.id}/seating-chart`} target="_blank">
                座位表
              </Link>
              <Link className="link" to={`/proctor/rooms/${r.id}/sign-in-sheet`} target="_blank">
                签到表
              </Link>
            </p>
          </div>
          {r.candidates.length === 0 ? (
            <p className="text-sm text-slate-600">暂无考生。</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="table" aria-label={`${r.name}座位`}>
                <thead>
                  <tr>
                    <th scope="col">座位</th>
                    <th scope="col">姓名</th>
                    <th scope="col">部门</th>
                    <th scope="col">准考证号</th>
                  </tr>
                </thead>
                <tbody>
                  {r.candidates.map((c) => (
                    <tr key={c.id}>
                      <td>{c.seat}</td>
                      <td>{c.name}</td>
                      <td>{c.department || "—"}</td>
                      <td className="font-mono">{c.ticket}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
