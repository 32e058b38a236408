import { useEffect } from "react";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/proctor-room";
import { audit, auditRecord } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { finalizeOverdue, roomClock, roomStaffing } from "~/features/sittings/service.server";
import { clockState } from "~/domain/exam-clock";
import { canOpenRoom, OPEN_EARLY_MINUTES } from "~/domain/exam-rules";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDateTime, formatTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "考场 · 监考" }];
}

async function loadRoom(request: Request, context: Route.LoaderArgs["context"], roomId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:room:center`);
  const room = await db.room.findUnique({ where: { id: roomId }, include: { sitting: true, proctors: true } });
  if (!room) httpError(404, "未找到该考场。");
  // Proctors see only the rooms they are assigned to; a center admin may look at any room of the center.
  const assigned = room.proctors.some((p) => p.userId === user.id);
  const adminOfCenter = user.roles.includes("center_admin") && user.centerId === room.sitting.centerId;
  if (!assigned && !adminOfCenter) {
    await audit({
      action: "access.denied",
      actor: user,
      target: `room:${room.id}`,
      ip: getAuth(context).clientAddress,
      detail: { reason: "not assigned to room" },
    });
    httpError(403, "您未被指派监考该考场。");
  }
  return { user, room };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { room } = await loadRoom(request, context, params.roomId, "read");
  const now = new Date();
  await finalizeOverdue(room.id, now);
  const [staffing, regs, incidents] = await Promise.all([
    roomStaffing(room.id),
    db.registration.findMany({
      where: { roomId: room.id },
      orderBy: { seat: "asc" },
      include: { person: true, attempt: { include: { _count: { select: { answers: true } }, extraTimes: true } } },
    }),
    db.incident.findMany({ where: { roomId: room.id }, orderBy: { at: "desc" } }),
  ]);
  const base = clockState(roomClock(room, room.sitting.durationMinutes, 0), now);
  return {
    room: {
      id: room.id,
      name: room.name,
      status: room.status,
      startCode: room.startCode,
      paused: !!room.pausedAt,
      sitting: room.sitting.title,
      level: LEVEL_LABELS[room.sitting.level as Level],
      duration: room.sitting.durationMinutes,
      startsAt: formatDateTime(room.sitting.startsAt),
      openedAt: room.openedAt ? formatDateTime(room.openedAt) : null,
      deadline: "deadline" in base ? formatTime(base.deadline) : null,
      hasPaper: !!room.sitting.paperId,
    },
    staffing,
    roster: regs.map((r) => {
      const a = r.attempt;
      const own = a ? clockState(roomClock(room, room.sitting.durationMinutes, a.extraMinutes), now) : null;
      return {
        id: r.id,
        seat: r.seat,
        ticket: r.ticketNumber,
        name: r.person.name,
        status: !a ? "未开始" : a.status === "submitted" ? "已交卷" : "作答中",
        answered: a?._count.answers ?? 0,
        extra: a?.extraMinutes ?? 0,
        deadline: own && "deadline" in own ? formatTime(own.deadline) : null,
      };
    }),
    incidents: incidents.map((i) => ({
      id: i.id,
      at: formatDateTime(i.at),
      note: i.note,
      ticket: regs.find((r) => r.id === i.registrationId)?.ticketNumber ?? null,
    })),
  };
}

const ExtraSchema = z.object({
  registrationId: z.string().min(1).max(40),
  minutes: z.coerce.number({ message: "请填写延长分钟数" }).int("请填写整数").min(1, "至少延长1分钟").max(120, "最多延长120分钟"),
  reason: z.string().trim().min(2, "请填写延时原因").max(200, "原因过长"),
});
const IncidentSchema = z.object({
  note: z.string().trim().min(2, "请填写记录内容").max(500, "内容过长"),
  registrationId: z.string().max(40).optional(),
});

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, room } = await loadRoom(request, context, params.roomId, "update");
  const ip = getAuth(context).clientAddress;
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  const now = new Date();
  switch (form.intent) {
    case "open": {
      if (room.status !== "waiting") return data({ error: "考场已开考。" }, { status: 409 });
      if (!room.sitting.paperId) return data({ error: "本场考试尚未组卷，不能开考。" }, { status: 409 });
      if (!canOpenRoom(room.sitting.startsAt, now)) {
        return data(
          { error: `未到开考时间：最早可在开考前 ${OPEN_EARLY_MINUTES} 分钟开考（${formatDateTime(room.sitting.startsAt)} 开考）。` },
          { status: 409 },
        );
      }
      const s = await roomStaffing(room.id);
      if (s.missing > 0)
        return data(
          { error: `监考员不足：本考场 ${s.candidates} 名考生需 ${s.required} 名监考员，还缺 ${s.missing} 名，不能开考。` },
          { status: 409 },
        );
      const code = String(100000 + Math.floor(Math.random() * 900000));
      await db.room.update({ where: { id: room.id, status: "waiting" }, data: { status: "open", startCode: code, openedAt: now } });
      await audit({ action: "room.open", actor: user, centerId: room.sitting.centerId, target: room.id, ip });
      return data({ ok: "已开考，请向考生宣布开考码。" });
    }
    case "pause": {
      if (room.status !== "open" || room.pausedAt) return data({ error: "当前不能暂停。" }, { status: 409 });
      await db.room.update({ where: { id: room.id }, data: { pausedAt: now } });
      await audit({ action: "room.pause", actor: user, centerId: room.sitting.centerId, target: room.id, ip });
      return data({ ok: "已暂停，考生计时已停止。" });
    }
    case "resume": {
      if (!room.pausedAt) return data({ error: "考场未暂停。" }, { status: 409 });
      await db.room.update({
        where: { id: room.id },
        data: { pausedAt: null, pausedMs: room.pausedMs + (now.getTime() - room.pausedAt.getTime()) },
      });
      await audit({ action: "room.resume", actor: user, centerId: room.sitting.centerId, target: room.id, ip });
      return data({ ok: "已恢复考试。" });
    }
    case "extra": {
      const p = ExtraSchema.safeParse(form);
      if (!p.success) return data({ error: p.error.issues[0].message }, { status: 400 });
      const reg = await db.registration.findUnique({ where: { id: p.data.registrationId }, include: { attempt: true } });
      if (!reg || reg.roomId !== room.id) httpError(404, "该考生不在本考场。");
      if (!reg.attempt || reg.attempt.status !== "in_progress") return data({ error: "只能为正在作答的考生延时。" }, { status: 409 });
      await db.$transaction([
        db.attempt.update({ where: { id: reg.attempt.id }, data: { extraMinutes: { increment: p.data.minutes } } }),
        db.extraTime.create({
          data: { attemptId: reg.attempt.id, minutes: p.data.minutes, reason: p.data.reason, byUserId: user.id, at: now },
        }),
        db.auditLog.create({
          data: auditRecord({
            action: "room.extra_time",
            actor: user,
            centerId: room.sitting.centerId,
            target: reg.ticketNumber,
            ip,
            detail: { minutes: p.data.minutes, reason: p.data.reason },
          }),
        }),
      ]);
      return data({ ok: `已为 ${reg.ticketNumber} 延长 ${p.data.minutes} 分钟。` });
    }
    case "incident": {
      const p = IncidentSchema.safeParse(form);
      if (!p.success) return data({ error: p.error.issues[0].message }, { status: 400 });
      const regId = p.data.registrationId || null;
      if (regId) {
        const reg = await db.registration.findUnique({ where: { id: regId } });
        if (!reg || reg.roomId !== room.id) httpError(404, "该考生不在本考场。");
      }
      await db.incident.create({ data: { roomId: room.id, registrationId: regId, note: p.data.note, byUserId: user.id, at: now } });
      await audit({
        action: "room.incident",
        actor: user,
        centerId: room.sitting.centerId,
        target: room.id,
        ip,
        detail: { note: p.data.note },
      });
      return data({ ok: "已记录。" });
    }
    default:
      httpError(400, "未知的操作。");
  }
}

export default function ProctorRoom() {
  const { room, staffing, roster, incidents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();
  // The roster refreshes itself every 5 seconds while the room is open.
  useEffect(() => {
    if (room.status !== "open") return;
    const t = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 5000);
    return () => clearInterval(t);
  }, [room.status, revalidator]);
  const counts = { 未开始: 0, 作答中: 0, 已交卷: 0 } as Record<string, number>;
  for (const r of roster) counts[r.status]++;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${room.sitting} · ${room.name}`}
        description={`${room.level} · ${room.startsAt} · ${room.duration} 分钟`}
        actions={
          <Link to="/proctor" className="btn-secondary">
            返回
          </Link>
        }
      />
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}

      <section className="card flex flex-wrap items-center justify-between gap-4">
        <div>
          {room.status === "waiting" ? (
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
              <p className="mt-1 text-sm text-slate-600">
                开考于 {room.openedAt} · 预计结束 {room.deadline}
                {room.paused ? "（暂停中，结束时间顺延）" : ""}
              </p>
            </>
          )}
        </div>
        <div className="flex gap-2">
          {room.status === "waiting" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="open" />
              <button className="btn-primary" disabled={busy}>
                开考
              </button>
            </Form>
          ) : null}
          {room.status === "open" && !room.paused ? (
            <Form method="post">
              <input type="hidden" name="intent" value="pause" />
              <button className="btn-danger" disabled={busy}>
                暂停考试
              </button>
            </Form>
          ) : null}
          {room.status === "open" && room.paused ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resume" />
              <button className="btn-primary" disabled={busy}>
                恢复考试
              </button>
            </Form>
          ) : null}
        </div>
      </section>

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
                  {r.status === "作答中" ? (
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
                        min={1}
                        max={120}
                        defaultValue={10}
                        className="input w-16 py-1"
                      />
                      <label className="sr-only" htmlFor={`r-${r.id}`}>
                        延时原因
                      </label>
                      <input id={`r-${r.id}`} name="reason" placeholder="原因" className="input w-32 py-1" />
                      <button className="btn-secondary px-2 py-1" disabled={busy}>
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

      <section className="card" aria-labelledby="inc-h">
        <h2 id="inc-h" className="mb-3 text-lg font-medium">
          考场记录
        </h2>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="incident" />
          <div className="flex-1">
            <label htmlFor="note" className="label">
              记录内容（违纪、设备故障等）
            </label>
            <input id="note" name="note" className="input" />
          </div>
          <div>
            <label htmlFor="inc-reg" className="label">
              涉及考生（可不选）
            </label>
            <select id="inc-reg" name="registrationId" className="input w-48">
              <option value="">无</option>
              {roster.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.seat} 号 {r.name}
                </option>
              ))}
            </select>
          </div>
          <button className="btn-secondary" disabled={busy}>
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
    </div>
  );
}
