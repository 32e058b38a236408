import { Form } from "react-router";
import type { RoomState } from "~/domain/sitting-lifecycle";
import { constraintsOf, errorOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { ExtraSchema, IncidentSchema, OpenRoomSchema } from "../schemas";

type RoomView = {
  state: RoomState;
  stateLabel: string;
  startCode: string | null;
  openedAt: string | null;
  closedAt: string | null;
  deadline: string | null;
  lateOpenNote: string | null;
  hasPaper: boolean;
  minutesLate: number | null;
};
type Staffing = { proctors: number; required: number; missing: number };
type RosterRow = {
  id: string;
  seat: number;
  ticket: string;
  name: string;
  status: string;
  answered: number;
  extra: number;
  deadline: string | null;
};

/** The room's state and the transitions the lifecycle allows from it. */
export function RoomControls({
  room,
  staffing,
  busy,
  result,
}: {
  room: RoomView;
  staffing: Staffing;
  busy: boolean;
  result: ActionResult | undefined;
}) {
  return (
    <section className="card flex flex-wrap items-center justify-between gap-4">
      <div>
        {room.state === "waiting" ? (
          <>
            <p className="text-lg font-medium">未开考</p>
            <p className="text-sm text-slate-600">
              监考员 {staffing.proctors}/{staffing.required} 名{staffing.missing > 0 ? `，还缺 ${staffing.missing} 名，不能开考` : ""}
              {room.hasPaper ? "" : "；尚未组卷"}
            </p>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">开考码</p>
            <p className="font-mono text-4xl font-bold tracking-[0.3em] text-brand-800" data-testid="start-code">
              {room.startCode}
            </p>
            <p className="mt-1 text-sm text-slate-600" data-testid="room-state">
              {room.state === "closed"
                ? `考试已结束（${room.closedAt}）`
                : `开考于 ${room.openedAt} · 预计结束 ${room.deadline}${room.state === "paused" ? "（暂停中，结束时间顺延）" : ""}`}
            </p>
            {room.lateOpenNote ? <p className="mt-1 text-sm text-amber-800">延迟开考原因：{room.lateOpenNote}</p> : null}
          </>
        )}
      </div>
      <div className="flex gap-2">
        {room.state === "waiting" ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="open" />
            {room.minutesLate !== null ? (
              <div className="max-w-md space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                <p className="text-sm text-amber-900">
                  已超过计划开考时间 {room.minutesLate} 分钟。考生仍将获得完整的考试时长，请填写延迟原因并确认。
                </p>
                <Field label="延迟开考原因" name="lateNote" error={errorOf(result, "lateNote")}>
                  {(p) => <input {...p} className="input" {...constraintsOf(OpenRoomSchema.shape.lateNote)} required />}
                </Field>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="confirmLate" className="size-4" required />
                  确认延迟开考
                </label>
              </div>
            ) : null}
            <button type="submit" className="btn-primary" disabled={busy}>
              开考
            </button>
          </Form>
        ) : null}
        {room.state === "open" ? (
          <>
            <IntentButton intent="close" label="结束考场" className="btn-secondary" busy={busy} />
            <IntentButton intent="pause" label="暂停考试" className="btn-danger" busy={busy} />
          </>
        ) : null}
        {room.state === "paused" ? <IntentButton intent="resume" label="恢复考试" className="btn-primary" busy={busy} /> : null}
      </div>
    </section>
  );
}

/** A one-button form that fires one transition of the room. */
function IntentButton({ intent, label, className, busy }: { intent: string; label: string; className: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export function RoomRoster({ roster, canExtend, busy }: { roster: RosterRow[]; canExtend: boolean; busy: boolean }) {
  const counts: Record<string, number> = { 未开始: 0, 作答中: 0, 已交卷: 0 };
  for (const r of roster) counts[r.status]++;
  return (
    <section className="card overflow-x-auto p-0" aria-labelledby="roster-h">
      <h2 id="roster-h" className="px-5 pt-4 text-lg font-medium">
        考生名单{" "}
        <span className="text-sm font-normal text-slate-600">
          未开始 {counts["未开始"]} · 作答中 {counts["作答中"]} · 已交卷 {counts["已交卷"]}
        </span>
      </h2>
      <table className="table mt-2">
        <thead>
          <tr>
            <th scope="col">座号</th>
            <th scope="col">准考证号</th>
            <th scope="col">姓名</th>
            <th scope="col">状态</th>
            <th scope="col">已答</th>
            <th scope="col">结束时间</th>
            <th scope="col">延时</th>
          </tr>
        </thead>
        <tbody>
          {roster.map((r) => (
            <tr key={r.id} data-testid={`roster-${r.ticket}`}>
              <td>{r.seat}</td>
              <td className="font-mono">{r.ticket}</td>
              <td>{r.name}</td>
              <td>
                <span
                  className={`badge ${r.status === "已交卷" ? "bg-green-100 text-green-800" : r.status === "作答中" ? "bg-brand-100 text-brand-800" : ""}`}
                >
                  {r.status}
                </span>
              </td>
              <td>{r.answered}</td>
              <td>{r.deadline ?? "—"}</td>
              <td>
                {canExtend && r.status === "作答中" ? (
                  <Form method="post" className="flex items-center gap-1">
                    <input type="hidden" name="intent" value="extra" />
                    <input type="hidden" name="registrationId" value={r.id} />
                    <label className="sr-only" htmlFor={`m-${r.id}`}>
                      延长分钟
                    </label>
                    <input
                      id={`m-${r.id}`}
                      name="minutes"
                      type="number"
                      {...constraintsOf(ExtraSchema.shape.minutes)}
                      min={1}
                      max={120}
                      defaultValue={10}
                      className="input w-16 py-1"
                    />
                    <label className="sr-only" htmlFor={`r-${r.id}`}>
                      延时原因
                    </label>
                    <input id={`r-${r.id}`} name="reason" placeholder="原因" className="input w-32 py-1" />
                    <button type="submit" className="btn-secondary px-2 py-1" disabled={busy}>
                      延时
                    </button>
                  </Form>
                ) : r.extra ? (
                  `+${r.extra} 分钟`
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function IncidentLog({
  roster,
  incidents,
  busy,
  result,
}: {
  roster: RosterRow[];
  incidents: { id: string; at: string; note: string; ticket: string | null }[];
  busy: boolean;
  result: ActionResult | undefined;
}) {
  return (
    <section className="card" aria-labelledby="inc-h">
      <h2 id="inc-h" className="mb-3 text-lg font-medium">
        考场记录
      </h2>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="incident" />
        <Field className="flex-1" label="记录内容（违纪、设备故障等）" name="note" error={errorOf(result, "note")}>
          {(p) => <input {...p} className="input" maxLength={constraintsOf(IncidentSchema.shape.note).maxLength} />}
        </Field>
        <Field label="涉及考生（可不选）" name="registrationId" id="inc-reg">
          {(p) => (
            <select {...p} className="input w-48">
              <option value="">无</option>
              {roster.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.seat} 号 {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="btn-secondary" disabled={busy}>
          记录
        </button>
      </Form>
      <ul className="mt-4 space-y-1 text-sm">
        {incidents.map((i) => (
          <li key={i.id}>
            {i.at} {i.ticket ? `（${i.ticket}）` : ""} {i.note}
          </li>
        ))}
      </ul>
    </section>
  );
}
