import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { FormResult } from "~/platform/ui/field";
import type { Route } from "./+types/center-evaluation";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { listCycles, managerChoices, openCycle } from "~/features/evaluation/service.server";
import { OpenCycleSchema } from "~/features/evaluation/schemas";
import { httpError, orConflict } from "~/platform/http.server";
import { parseForm, runAction } from "~/platform/forms.server";
import { constraintsOf, errorOf, valueOf } from "~/platform/forms";
import { hasPermission } from "~/domain/permissions";
import { DEFAULT_PASS_MARK } from "~/domain/evaluation";
import { shanghaiToday } from "~/domain/time";
import { PageHeader } from "~/platform/ui/page";
import { Field } from "~/platform/ui/field";

export function meta() {
  return [{ title: "年度评价 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const [cycles, staff] = await Promise.all([listCycles(user.centerId), managerChoices(user.centerId)]);
  return {
    cycles,
    canEdit: hasPermission(user.roles, "update:evaluation:center"),
    suggestedYear: nextFreeYear(
      Number(shanghaiToday(new Date()).slice(0, 4)),
      cycles.map((c) => c.year),
    ),
    staff,
  };
}

function nextFreeYear(year: number, taken: number[]): number {
  return taken.includes(year) ? nextFreeYear(year + 1, taken) : year;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const parsed = await parseForm(request, OpenCycleSchema);
  if (!parsed.ok) return parsed.response;
  const { data: input, values } = parsed;
  return runAction(async () => {
    const cycle = await orConflict(
      () => openCycle(user.centerId!, input, { ...user, ip: getAuth(context).clientAddress }),
      `${input.year} 年度的评价已经建立`,
    );
    return redirect(`/center/evaluation/${cycle.id}`);
  }, values);
}

export default function CenterEvaluation() {
  const { cycles, canEdit, suggestedYear, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shape = OpenCycleSchema.shape;
  return (
    <div className="space-y-6">
      <PageHeader
        title="年度能力评价"
        description="按《政务服务人员能力评价规范》：主观评价 55 分（自评 20%、互评 30%、负责人评分 50%），客观评价 45 分，另有加减分与一票否决。"
        actions={
          <>
            <Link className="btn-secondary" to="/center/ratings">
              好差评数据
            </Link>
            <Link className="btn-secondary" to="/center/department-assessment">
              部门考核
            </Link>
          </>
        }
      />
      <section className="card overflow-x-auto p-0" aria-labelledby="cycles-h">
        <h2 id="cycles-h" className="px-5 pt-4 text-lg font-medium">
          评价周期
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">参评人数</th>
              <th scope="col">合格分数线</th>
              <th scope="col">状态</th>
              <th scope="col">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cycles.map((c) => (
              <tr key={c.id}>
                <td>{c.year} 年度</td>
                <td>{c.subjects}</td>
                <td>{c.passMark}</td>
                <td>{c.status === "open" ? "进行中" : "已结束"}</td>
                <td>
                  <Link className="link" to={`/center/evaluation/${c.id}`}>
                    查看汇总
                  </Link>
                </td>
              </tr>
            ))}
            {cycles.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-slate-500">
                  尚未建立评价周期
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      {canEdit ? (
        <section className="card max-w-2xl" aria-labelledby="open-h">
          <h2 id="open-h" className="text-lg font-medium">
            开启年度评价
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            本中心全部在岗人员参评：每人自评；所选负责人为其余人员评分；互评人默认取同部门同事，不足时取同岗位、再取其他同事。开启后可逐人调整评价人。
          </p>
          <FormResult result={result} fieldsMessage="未开启：请更正标出的内容。" />
          <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2" noValidate>
            <Field label="年度" name="year" error={errorOf(result, "year")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="numeric"
                  {...constraintsOf(shape.year)}
                  defaultValue={valueOf(result, "year") ?? suggestedYear}
                />
              )}
            </Field>
            <Field label="合格分数线" name="passMark" error={errorOf(result, "passMark")} hint="标准未规定，平台默认 60 分">
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="decimal"
                  required
                  defaultValue={valueOf(result, "passMark") ?? DEFAULT_PASS_MARK}
                />
              )}
            </Field>
            <Field label="默认评分负责人" name="managerPersonId" error={errorOf(result, "managerPersonId")}>
              {(p) => (
                <select
                  {...p}
                  className="input"
                  required
                  defaultValue={valueOf(result, "managerPersonId") ?? staff.find((s) => s.isManager)?.id ?? ""}
                >
                  <option value="">请选择</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                      {s.isManager ? "（科室负责人）" : s.staffRole ? `（${s.staffRole}）` : ""}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="每人互评人数" name="peersPerPerson" error={errorOf(result, "peersPerPerson")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="numeric"
                  {...constraintsOf(shape.peersPerPerson)}
                  defaultValue={valueOf(result, "peersPerPerson") ?? 3}
                />
              )}
            </Field>
            <Field
              label="好差评未整改扣减系数"
              name="ratingPenalty"
              error={errorOf(result, "ratingPenalty")}
              hint="好差评情况 = 10 × 好评率 − 系数 × 未整改有效差评占比"
            >
              {(p) => <input {...p} className="input" inputMode="decimal" required defaultValue={valueOf(result, "ratingPenalty") ?? 2} />}
            </Field>
            <div className="sm:col-span-2">
              <button className="btn-primary">开启评价</button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
