import { useEffect } from "react";
import { Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/proctor-room";
import { formToObject } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { requireRoom } from "../access.server";
import { ExtraSchema, IncidentSchema, OpenRoomSchema, ROOM_INTENTS } from "../schemas";
import { OpeningPlan } from "../ui/opening-plan";
import { closeRoom, grantExtraTime, openRoom, pauseRoom, proctorRoomView, recordIncident, resumeRoom } from "../service.server";
import { IncidentLog, RoomControls, RoomRoster } from "../ui/room";

export function meta() {
  return [{ title: "考场 · 监考" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { room } = await requireRoom(request, context, params.roomId, "read");
  return proctorRoomView(room.id, new Date());
}

const Intent = z.object({ intent: z.enum(ROOM_INTENTS, { message: "未知的操作。" }) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { room, actor } = await requireRoom(request, context, params.roomId, "update");
  const form = formToObject(await request.formData());
  const intent = parseWith(Intent, form);
  if (!intent.ok) return intent.response;
  const now = new Date();
  return runAction(async () => {
    switch (intent.data.intent) {
      case "open": {
        const p = parseWith(OpenRoomSchema, form);
        if (!p.ok) return p.response;
        await openRoom(room, actor, now, { confirmed: p.data.confirmLate === "on", note: p.data.lateNote });
        return actionOk("已开考，请向考生宣布开考码。");
      }
      case "pause":
        await pauseRoom(room, actor, now);
        return actionOk("已暂停，考生计时已停止。");
      case "resume":
        await resumeRoom(room, actor, now);
        return actionOk("已恢复考试。");
      case "close": {
        const r = await closeRoom(room, actor, now);
        return actionOk(`考场已结束${r.absent ? `，${r.absent} 名考生缺考` : ""}。`);
      }
      case "extra": {
        const p = parseWith(ExtraSchema, form);
        if (!p.ok) return p.response;
        const r = await grantExtraTime({ roomId: room.id, centerId: room.sitting.centerId, ...p.data }, actor, now);
        return actionOk(`已为 ${r.ticketNumber} 延长 ${p.data.minutes} 分钟。`);
      }
      case "incident": {
        const p = parseWith(IncidentSchema, form);
        if (!p.ok) return p.response;
        await recordIncident(room, { note: p.data.note, registrationId: p.data.registrationId || null }, actor, now);
        return actionOk("已记录。");
      }
    }
    return actionFail(400, "未知的操作。");
  }, form);
}

export default function ProctorRoom() {
  const { room, staffing, roster, incidents, openingPlan } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();
  const live = room.state === "open" || room.state === "paused";
  // The roster refreshes itself every 5 seconds while the room is open.
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 5000);
    return () => clearInterval(t);
  }, [live, revalidator]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${room.sitting} · ${room.name}`}
        description={`${room.level} · ${room.startsAt} · ${room.duration} 分钟`}
        actions={
          <>
            <Link to={`/proctor/rooms/${room.id}/seating-chart`} className="btn-secondary" target="_blank">
              打印座位表
            </Link>
            <Link to={`/proctor/rooms/${room.id}/sign-in-sheet`} className="btn-secondary" target="_blank">
              打印签到表
            </Link>
            <Link to="/proctor" className="btn-secondary">
              返回
            </Link>
          </>
        }
      />
      <FormResult result={actionData} />
      <RoomControls room={room} staffing={staffing} busy={busy} result={actionData} />
      {openingPlan ? <OpeningPlan plan={openingPlan} currentRoomId={room.id} /> : null}
      <RoomRoster roster={roster} canExtend={live} busy={busy} />
      <IncidentLog roster={roster} incidents={incidents} busy={busy} result={actionData} />
    </div>
  );
}
