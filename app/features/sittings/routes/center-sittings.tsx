import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-sittings";
import { LEVELS, LEVEL_LABELS } from "~/domain/levels";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { constraintsOf, errorOf, valueOf } from "~/platform/forms";
import { parseForm } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { Field, FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { SittingSchema } from "../schemas";
import { createSitting, listSittings } from "../service.server";

export function meta() {
  return [{ title: "考试安排 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:sitting:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return { sittings: await listSittings(user.centerId) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:sitting:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const parsed = await parseForm(request, SittingSchema);
  if (!parsed.ok) return parsed.response;
  const { startsAt, ...rest } = parsed.data;
  const sitting = await createSitting(
    user.centerId,
    { ...rest, startsAt: new Date(`${startsAt}:00+08:00`) },
    { ...user, ip: getAuth(context).clientAddress },
  );
  return redirect(sitting.kind === "skill" ? `/center/skill-sittings/${sitting.id}` : `/center/sittings/${sitting.id}`);
}

export default function Sittings() {
  const { sittings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shape = SittingSchema.shape;
  return (
    <div className="space-y-6">
      <PageHeader title="考试安排" description="理论知识考试与技能考核场次：考场或考评组、报名、组卷、评分与成绩发布。" />
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">场次</th>
              <th scope="col">等级</th>
              <th scope="col">开考时间（北京时间）</th>
              <th scope="col">时长</th>
              <th scope="col">考场</th>
              <th scope="col">考生</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {sittings.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={s.href} className="link font-medium">
                    {s.title}
                  </Link>
                  <div className="text-xs text-slate-500">{s.kind}</div>
                </td>
                <td>{s.level}</td>
                <td>{s.startsAt}</td>
                <td>{s.duration} 分钟</td>
                <td>{s.rooms}</td>
                <td>{s.candidates}</td>
                <td>
                  <span className="badge">{s.status}</span>
                </td>
              </tr>
            ))}
            {sittings.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-slate-500">
                  尚无考试场次
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card max-w-3xl space-y-4" noValidate>
        <h2 className="text-lg font-medium">新建考试场次</h2>
        {result && !result.ok ? <FormResult result={{ ...result, message: "请修正标出的错误。" }} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="场次名称" name="title" error={errorOf(result, "title")}>
            {(p) => (
              <input
                {...p}
                defaultValue={valueOf(result, "title")}
                className="input"
                placeholder="例如：2026年第4期四级理论考试"
                {...constraintsOf(shape.title)}
              />
            )}
          </Field>
          <Field label="等级" name="level" error={errorOf(result, "level")}>
            {(p) => (
              <select {...p} defaultValue={valueOf(result, "level") ?? ""} className="input">
                <option value="">请选择</option>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="考核类型" name="kind" error={errorOf(result, "kind")}>
            {(p) => (
              <select {...p} defaultValue={valueOf(result, "kind") ?? "theory"} className="input">
                <option value="theory">理论知识考试（机考）</option>
                <option value="skill">技能考核（考评组评分）</option>
              </select>
            )}
          </Field>
          <Field label="开考时间（北京时间）" name="startsAt" error={errorOf(result, "startsAt")}>
            {(p) => <input {...p} type="datetime-local" defaultValue={valueOf(result, "startsAt")} className="input" />}
          </Field>
          <Field label="考试时长（分钟）" name="durationMinutes" error={errorOf(result, "durationMinutes")} hint="不少于60分钟">
            {(p) => (
              <input {...p} type="number" min={60} max={240} defaultValue={valueOf(result, "durationMinutes") ?? "90"} className="input" />
            )}
          </Field>
          <Field label="组卷随机种子（可不填）" name="seed" error={errorOf(result, "seed")} hint="同一题库版本与种子得到同一试卷">
            {(p) => <input {...p} type="number" defaultValue={valueOf(result, "seed")} className="input" />}
          </Field>
        </div>
        <button type="submit" className="btn-primary">
          创建场次
        </button>
      </Form>
    </div>
  );
}
