import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { FormResult } from "~/platform/ui/field";
import type { Route } from "./+types/evaluate-form";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { requireOwnAssignment, saveScores } from "~/features/evaluation/service.server";
import { ScoreIntentSchema, scoresSchema } from "~/features/evaluation/schemas";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { errorOf, formToObject, valueOf } from "~/platform/forms";
import { RELATIONS, SUBJECTIVE_INDICATORS, type Relation } from "~/domain/evaluation";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";
import { Field } from "~/platform/ui/field";

export function meta() {
  return [{ title: "评分 · 政务服务综合窗口办事员" }];
}

// What each indicator asks for (seed 000 Table A.1, in our words), shown next to the input.
const HINTS: Record<string, string> = {
  ethics: "爱岗敬业、廉洁自律、遵守职业守则",
  basicKnowledge: "政务服务基础知识与相关法律法规",
  extendedKnowledge: "跨领域业务与新政策的了解",
  basicSkills: "受理、审核、出件等基本操作",
  extendedSkills: "帮办代办、应急处置等延伸技能",
  communication: "与办事群众及部门的沟通协调",
  serviceOrientation: "以办事群众为中心、主动服务",
  professional: "业务熟练程度，参加职业技能等级认定情况",
  digital: "使用一网通办等数字化工具的能力",
  process: "服务过程中的仪容仪表、文明用语、首问负责等",
  personalized: "本中心结合岗位设定的个性化指标",
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "score:evaluation:own");
  const a = await requireOwnAssignment(params.assignmentId, user.personId);
  return {
    id: a.id,
    relation: a.relation as Relation,
    year: a.subject.cycle.year,
    open: a.subject.cycle.status === "open",
    subject: { name: a.subject.person.name, staffRole: a.subject.person.staffRole, department: a.subject.person.department?.name ?? null },
    submittedAt: a.submittedAt ? formatDateTime(a.submittedAt) : null,
    scores: Object.fromEntries(a.scores.map((s) => [s.indicator, s.value])) as Record<string, number>,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "score:evaluation:own");
  await requireOwnAssignment(params.assignmentId, user.personId);
  const form = formToObject(await request.formData());
  const intent = parseWith(ScoreIntentSchema, form);
  if (!intent.ok) return intent.response;
  const scores = parseWith(scoresSchema(), form);
  if (!scores.ok) return scores.response;
  const submit = intent.data.intent === "submit";
  const actor = { ...user, ip: getAuth(context).clientAddress };
  return runAction(async () => {
    await saveScores(params.assignmentId, user.personId!, scores.data, submit, actor, new Date());
    return actionOk(submit ? undefined : "草稿已保存。");
  }, form);
}

export default function EvaluateForm() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const readOnly = a.submittedAt !== null || !a.open;
  const total = SUBJECTIVE_INDICATORS.reduce((s, d) => s + (a.scores[d.key] ?? 0), 0);
  const value = (key: string) => valueOf(result, key) ?? a.scores[key]?.toString() ?? "";
  const groups = [...new Set(SUBJECTIVE_INDICATORS.map((d) => d.group))];
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={`${a.year} 年度${RELATIONS[a.relation]}：${a.subject.name}`}
        description={[a.subject.department, a.subject.staffRole].filter(Boolean).join(" · ") || undefined}
        actions={
          <Link className="btn-secondary" to="/evaluate">
            返回任务列表
          </Link>
        }
      />
      {a.submittedAt ? (
        <Notice tone="success">
          已于 {a.submittedAt} 提交，合计 {total} 分（满分 55）。
        </Notice>
      ) : null}
      {!a.open && !a.submittedAt ? <Notice tone="warning">该评价周期已结束，不能再评分。</Notice> : null}
      <FormResult result={result} fieldsMessage="请更正标出的分数后再保存。" />
      <Form method="post" className="card space-y-1" noValidate>
        <p className="mb-3 text-sm text-slate-600">
          主观评价共 11 项、满分 55 分。本人自评占 20%，同事互评平均占 30%，负责人评分占 50%。可先保存草稿，全部填写后提交。
        </p>
        {groups.map((group) => (
          <fieldset key={group} className="border-t border-slate-200 pt-3 pb-2">
            <legend className="pr-2 text-sm font-medium text-slate-500">{group}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              {SUBJECTIVE_INDICATORS.filter((d) => d.group === group).map((d) => (
                <Field key={d.key} label={d.name} name={d.key} hint={`分值 ${d.max} 分：${HINTS[d.key]}`} error={errorOf(result, d.key)}>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="decimal"
                      step="0.5"
                      min={0}
                      max={d.max}
                      defaultValue={value(d.key)}
                      disabled={readOnly}
                      className="input w-24"
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ))}
        {!readOnly ? (
          <div className="flex gap-3 pt-4">
            <button className="btn-secondary" name="intent" value="draft" disabled={busy}>
              保存草稿
            </button>
            <button className="btn-primary" name="intent" value="submit" disabled={busy}>
              提交评分
            </button>
          </div>
        ) : null}
      </Form>
    </div>
  );
}
