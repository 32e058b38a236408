import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/trainer";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { parseWith, runAction } from "~/platform/forms.server";
import { constraintsOf, errorOf, formToObject } from "~/platform/forms";
import { centerCourses, createCourse } from "~/features/training/service.server";
import { CourseSchema } from "~/features/training/schemas";
import { LEVELS, LEVEL_LABELS } from "~/domain/levels";
import { STAFF_ROLES } from "~/domain/roles";
import { COURSE_MODES, COURSE_TOPICS } from "~/domain/training";
import { PageHeader } from "~/platform/ui/page";
import { Field, FormResult } from "~/platform/ui/field";

export function meta() {
  return [{ title: "培训管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:training:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return { courses: await centerCourses(user.centerId) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:training:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const centerId = user.centerId;
  const values = formToObject(await request.formData());
  const p = parseWith(CourseSchema, { plannedFor: "", ...values });
  if (!p.ok) return p.response;
  return runAction(async () => {
    const c = await createCourse(centerId, p.data, { ...user, ip: getAuth(context).clientAddress });
    return redirect(`/trainer/courses/${c.id}`);
  }, values);
}

export default function Trainer() {
  const { courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const err = (name: string) => errorOf(result, name);
  const shape = CourseSchema.shape;
  return (
    <div className="space-y-6">
      <PageHeader title="培训管理" description="课程、指派、考勤与结业。结业课程的学时计入学员对应等级的标准学时。" />
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">课程</th>
              <th scope="col">等级</th>
              <th scope="col">学时</th>
              <th scope="col">内容</th>
              <th scope="col">方式</th>
              <th scope="col">面向岗位</th>
              <th scope="col">结业/指派</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link className="link" to={`/trainer/courses/${c.id}`}>
                    {c.title}
                  </Link>
                </td>
                <td>{c.level}</td>
                <td>{c.hours}</td>
                <td>{c.topic}</td>
                <td>{c.mode}</td>
                <td>{c.plannedFor ?? "—"}</td>
                <td>
                  {c.completed}/{c.assigned}
                </td>
              </tr>
            ))}
            {courses.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-slate-500">
                  尚无课程
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card max-w-3xl space-y-4" noValidate>
        <h2 className="text-lg font-medium">新建课程</h2>
        <FormResult result={result} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="课程名称" name="title" error={err("title")}>
            {(p) => <input {...p} className="input" {...constraintsOf(shape.title)} />}
          </Field>
          <Field label="计入等级" name="level" error={err("level")}>
            {(p) => (
              <select {...p} className="input">
                <option value="">请选择</option>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="学时" name="hours" error={err("hours")}>
            {(p) => <input {...p} type="number" className="input" {...constraintsOf(shape.hours)} />}
          </Field>
          <Field label="培训内容" name="topic" error={err("topic")}>
            {(p) => (
              <select {...p} className="input">
                <option value="">请选择</option>
                {COURSE_TOPICS.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="培训方式" name="mode" error={err("mode")}>
            {(p) => (
              <select {...p} className="input">
                {COURSE_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="计划日期" name="startsOn" error={err("startsOn")}>
            {(p) => <input {...p} type="date" className="input" />}
          </Field>
          <Field label="面向岗位（年度培训计划）" name="plannedFor" error={err("plannedFor")}>
            {(p) => (
              <select {...p} className="input">
                <option value="">不限</option>
                {STAFF_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="覆盖的技能要求代码（选填）"
            name="covers"
            error={err("covers")}
            hint="用于与考生的考试薄弱环节匹配，例如 L4/2.2、basic/2.2.6；内容为技能领域的课程已覆盖该等级该领域的全部技能要求"
          >
            {(p) => <input {...p} className="input" maxLength={400} />}
          </Field>
        </div>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="hasAssessment" value="1" className="size-4" />
          结业时进行考核（合格/不合格）
        </label>
        <div>
          <button className="btn-primary">创建课程</button>
        </div>
      </Form>
    </div>
  );
}
