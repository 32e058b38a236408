import { Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-skill-sitting";
import { AssignExaminer, GroupName, Register, SittingIntent } from "~/features/skill-scoring/schemas";
import {
  addExaminerGroup,
  assignExaminer,
  publishSkillSitting,
  skillSittingPage,
  startScoring,
} from "~/features/skill-scoring/service.server";
import { ExaminerGroupsSection } from "~/features/skill-scoring/ui/examiner-groups";
import { RegistrationSection } from "~/features/skill-scoring/ui/registration";
import { ScoringControls } from "~/features/skill-scoring/ui/scoring-controls";
import { SkillPaperSection } from "~/features/skill-scoring/ui/skill-paper";
import { assembleSkillSittingPaper, registerIntoGroup, requireSitting } from "~/features/sittings/index.server";
import { getAuth } from "~/platform/auth.server";
import { formToObject } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { PublicityNotice, publishedMessage } from "~/features/review";
import { setupRefusal, sittingState } from "~/domain/sitting-lifecycle";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "技能考核"} · 考试安排` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read", "skill");
  return skillSittingPage(sitting.id);
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, sitting } = await requireSitting(request, context, params.sittingId, "update", "skill");
  const actor = { ...user, ip: getAuth(context).clientAddress };
  const form = await request.formData();
  const fields = formToObject(form);
  if (sittingState(sitting) === "published") return actionFail(409, "成绩已发布，场次不能再修改。");
  const intent = parseWith(SittingIntent, fields);
  if (!intent.ok) return actionFail(400, "未知的操作。");
  const now = new Date();
  // Set-up steps are refused before their input is looked at, as the services would refuse them.
  const refusal = intent.data.intent === "publish" ? null : setupRefusal(sitting);
  if (refusal) return actionFail(409, refusal);

  switch (intent.data.intent) {
    case "assemble":
      return runAction(async () => {
        await assembleSkillSittingPaper(sitting, actor);
        return actionOk("已组卷。");
      });
    case "add-group": {
      const p = parseWith(GroupName, fields);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await addExaminerGroup(sitting, p.data.name, actor);
        return actionOk("考评组已添加。");
      }, p.values);
    }
    case "assign-examiner": {
      const p = parseWith(AssignExaminer, { ...fields, chief: form.get("chief") ? "1" : "0" });
      if (!p.ok) return p.response;
      const chief = p.data.chief === "1";
      return runAction(async () => {
        const { name } = await assignExaminer(sitting, { groupId: p.data.groupId, userId: p.data.userId, chief }, actor);
        return actionOk(`已指派 ${name}${chief ? "（考评组长）" : ""}。`);
      }, p.values);
    }
    case "register": {
      const p = parseWith(Register, { groupId: fields.groupId, personIds: form.getAll("personId") });
      if (!p.ok) return p.response;
      return runAction(async () => {
        const registered = await registerIntoGroup(sitting, p.data.groupId, p.data.personIds, actor, now);
        return actionOk(`已报名 ${registered} 人。`);
      });
    }
    case "start-scoring":
      return runAction(async () => {
        await startScoring(sitting, actor);
        return actionOk("已开始评分，考评员可以开始打分。");
      });
    case "publish":
      return runAction(async () => {
        return actionOk(publishedMessage(await publishSkillSitting(sitting, actor, now)));
      });
  }
}

export default function SkillSitting() {
  const { sitting, paper, groups, examinerUsers, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const setup = sittingState(sitting) === "scheduled";
  return (
    <div className="space-y-6">
      <PageHeader
        title={sitting.title}
        description={`${sitting.level} · 技能考核 · ${sitting.startsAt} · 组卷种子 ${sitting.seed} · ${sittingState(sitting) === "published" ? "成绩已发布" : sittingState(sitting) === "scoring" ? "评分中" : "准备中"}`}
        actions={
          <>
            <Link to={`/center/skill-sittings/${sitting.id}/audit`} className="btn-secondary">
              评分记录
            </Link>
            <Link to={`/center/sittings/${sitting.id}/certificates`} className="btn-secondary">
              证书与登记导出
            </Link>
            <Link to="/center/sittings" className="btn-secondary">
              返回场次列表
            </Link>
          </>
        }
      />
      <FormResult result={actionData} />
      {sittingState(sitting) === "published" ? <PublicityNotice sittingId={sitting.id} /> : null}
      <SkillPaperSection paper={paper} setup={setup} />
      <ExaminerGroupsSection groups={groups} examinerUsers={examinerUsers} setup={setup} result={actionData} />
      {setup && groups.length > 0 ? <RegistrationSection groups={groups} people={people} result={actionData} /> : null}
      <ScoringControls status={sitting.status} />
    </div>
  );
}
