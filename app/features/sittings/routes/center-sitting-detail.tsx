import { Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-sitting-detail";
import { formToObject } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { ApplicationWindowSection } from "~/features/applications";
import { FormResult } from "~/platform/ui/field";
import { PublicityNotice, publishedMessage } from "~/features/review";
import { PageHeader } from "~/platform/ui/page";
import { requireSitting } from "../access.server";
import { AddressSchema, AssignProctorSchema, RegisterSchema, RoomSchema, SITTING_INTENTS } from "../schemas";
import { addRoom, assembleSittingPaper, assignProctor, publishTheorySitting, registerForSitting, sittingDetail } from "../service.server";
import { seatingView, setSittingAddress } from "../service/seating.server";
import { OpeningPlan } from "../ui/opening-plan";
import { SeatingSection } from "../ui/seating";
import { PaperSection, PublishSection, RegistrationSection, RoomsSection } from "../ui/sitting-detail";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "考试场次"} · 考试安排` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  if (sitting.kind === "skill") throw redirect(`/center/skill-sittings/${sitting.id}`);
  const [detail, seating] = await Promise.all([sittingDetail(sitting.id, new Date()), seatingView(sitting)]);
  return { ...detail, seating: { address: seating.address, seed: seating.seed, seatedAt: seating.seatedAt } };
}

const Intent = z.object({ intent: z.enum(SITTING_INTENTS, { message: "未知的操作。" }) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "update");
  const formData = await request.formData();
  const form = formToObject(formData);
  const intent = parseWith(Intent, form);
  if (!intent.ok) return intent.response;
  return runAction(async () => {
    switch (intent.data.intent) {
      case "add-room": {
        const p = parseWith(RoomSchema, form);
        if (!p.ok) return p.response;
        await addRoom(sitting, p.data, actor);
        return actionOk("考场已添加。");
      }
      case "assign-proctor": {
        const p = parseWith(AssignProctorSchema, form);
        if (!p.ok) return p.response;
        const r = await assignProctor(sitting, p.data.roomId, p.data.userId, actor);
        return actionOk(`已指派监考员 ${r.name}。`);
      }
      case "register": {
        const p = parseWith(RegisterSchema, { personIds: formData.getAll("personId") });
        if (!p.ok) return p.response;
        const r = await registerForSitting(sitting, p.data.personIds, actor, new Date());
        return actionOk(`已报名 ${r.registered} 人。`);
      }
      case "set-address": {
        const p = parseWith(AddressSchema, form);
        if (!p.ok) return p.response;
        await setSittingAddress(sitting, p.data.address, actor);
        return actionOk("考试地点已保存，将印在准考证上。");
      }
      case "assemble":
        await assembleSittingPaper(sitting.id, actor);
        return actionOk("已组卷。");
      case "publish": {
        return actionOk(publishedMessage(await publishTheorySitting(sitting, actor, new Date())));
      }
    }
    return actionFail(400, "未知的操作。");
  }, form);
}

export default function SittingDetail() {
  const { sitting, can, paper, rooms, proctorUsers, people, openingPlan, seating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-6">
      <PageHeader
        title={sitting.title}
        description={`${sitting.level} · 理论知识考试 · ${sitting.startsAt} 开考 · ${sitting.duration} 分钟 · 组卷种子 ${sitting.seed}`}
        actions={
          <>
            <Link to={`/center/sittings/${sitting.id}/certificates`} className="btn-secondary">
              证书与登记导出
            </Link>
            <Link to="/center/sittings" className="btn-secondary">
              返回场次列表
            </Link>
          </>
        }
      />
      <FormResult result={result} />
      {sitting.published ? <PublicityNotice sittingId={sitting.id} /> : null}
      <PaperSection sittingId={sitting.id} paper={paper} assembleRefusal={can.assemble} published={sitting.published} busy={busy} />
      <RoomsSection rooms={rooms} proctorUsers={proctorUsers} editable={sitting.editable} busy={busy} result={result} />
      {openingPlan.total > 0 && !sitting.published ? <OpeningPlan plan={openingPlan} /> : null}
      {sitting.editable ? <ApplicationWindowSection sittingId={sitting.id} values={sitting.application} /> : null}
      <SeatingSection
        sittingId={sitting.id}
        {...seating}
        candidates={rooms.reduce((n, r) => n + r.candidates.length, 0)}
        editable={sitting.editable}
        busy={busy}
        result={result}
      />
      {sitting.editable ? <RegistrationSection people={people} busy={busy} /> : null}
      {sitting.editable ? <PublishSection publishRefusal={can.publish} busy={busy} /> : null}
    </div>
  );
}
