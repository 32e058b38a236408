import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/evaluate-form";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { requireOwnAssignment, saveScores, scoresSchema } from "~/features/evaluation/service.server";
import { fieldErrors, formAction } from "~/platform/http.server";
import { RELATIONS, SUBJECTIVE_INDICATORS, type Relation } from "~/domain/evaluation";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

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
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  const parsed = scoresSchema().safeParse(form);
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error), values: form }, { status: 400 });
  const submit = form.intent === "submit";
  return formAction(
    async () => {
      await saveScores(
        params.assignmentId,
        user.personId!,
        parsed.data,
        submit,
        { ...user, ip: getAuth(context).clientAddress },
        new Date(),
      );
      return { ok: true as const, submitted: submit, errors: {} as Record<string, string>, values: form };
    },
    (message) => ({ ok: false as const, errors: { _form: message } as Record<string, string>, values: form }),
  );
}

export default function EvaluateForm() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const readOnly = a.submittedAt !== null || !a.open;
  const total = SUBJECTIVE_INDICATORS.reduce((s, d) => s + (a.scores[d.key] ?? 0), 0);
  const value = (key: string) => (result && !result.ok ? result.values[key] : a.scores[key]?.toString()) ?? "";
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
      {result?.ok && !result.submitted ? <Notice tone="success">草稿已保存。</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{result.errors._form ?? "请更正标出的分数后再保存。"}</Notice> : null}
      <Form method="post" className="card space-y-1" noValidate>
        <p className="mb-3 text-sm text-slate-600">
          主观评价共 11 项、满分 55 分。本人自评占 20%，同事互评平均占 30%，负责人评分占 50%。可先保存草稿，全部填写后提交。
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">一级指标</th>
              <th scope="col">二级指标</th>
              <th scope="col">分值</th>
              <th scope="col">评分</th>
            </tr>
          </thead>
          <tbody>
            {SUBJECTIVE_INDICATORS.map((d) => {
              const err = result && !result.ok ? result.errors[d.key] : undefined;
              return (
                <tr key={d.key}>
                  <td className="text-slate-500">{d.group}</td>
                  <td>
                    <label htmlFor={d.key} className="font-medium">
                      {d.name}
                    </label>
                    <p className="text-xs text-slate-500">{HINTS[d.key]}</p>
                  </td>
                  <td>{d.max}</td>
                  <td>
                    <input
                      id={d.key}
                      name={d.key}
                      type="number"
                      inputMode="decimal"
                      step="0.5"
                      min={0}
                      max={d.max}
                      defaultValue={value(d.key)}
                      disabled={readOnly}
                      className="input w-24"
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${d.key}-error` : undefined}
                    />
                    {err ? (
                      <p id={`${d.key}-error`} className="field-error">
                        {err}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
