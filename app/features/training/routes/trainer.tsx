import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainer";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors, formToObject, httpError } from "~/platform/http.server";
import { LEVELS, LEVEL_LABELS, type Level } from "~/domain/levels";
import { STAFF_ROLES } from "~/domain/roles";
import { COURSE_MODES, COURSE_TOPICS } from "~/domain/training";
import { shanghaiDateToInstant } from "~/domain/time";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "培训管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:training:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const courses = await db.course.findMany({
    where: { centerId: user.centerId },
    orderBy: { createdAt: "desc" },
    include: { assignments: true },
  });
  return {
    courses: courses.map((c) => ({
      id: c.id,
      title: c.title,
      level: LEVEL_LABELS[c.level as Level],
      hours: c.hours,
      topic: c.topic,
      mode: c.mode,
      plannedFor: c.plannedFor,
      assigned: c.assignments.length,
      completed: c.assignments.filter((a) => a.status === "completed").length,
    })),
  };
}

const CourseSchema = z.object({
  title: z.string().trim().min(2, "请填写课程名称").max(60, "名称过长"),
  level: z.enum(LEVELS, { message: "请选择计入的等级" }),
  hours: z.coerce.number({ message: "请填写学时" }).int("学时应为整数").min(1, "学时至少为1").max(160, "单门课程不超过160学时"),
  topic: z.enum(COURSE_TOPICS, { message: "请选择培训内容" }),
  mode: z.enum(COURSE_MODES, { message: "请选择培训方式" }),
  plannedFor: z.union([z.enum(STAFF_ROLES), z.literal("")]).transform((v) => v || null),
  hasAssessment: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  startsOn: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: "请填写有效的计划日期" });
        return z.NEVER;
      }
      return shanghaiDateToInstant(v);
    }),
});

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:training:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const values = formToObject(await request.formData());
  const p = CourseSchema.safeParse({ plannedFor: "", ...values });
  if (!p.success) return data({ errors: fieldErrors(p.error), values }, { status: 400 });
  const c = await db.course.create({ data: { centerId: user.centerId, trainerId: user.id, ...p.data } });
  await audit({ action: "course.create", actor: user, target: c.id, ip: getAuth(context).clientAddress, detail: { title: c.title } });
  return redirect(`/trainer/courses/${c.id}`);
}

export default function Trainer() {
  const { courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
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
        {Object.keys(errors).length ? <Notice tone="error">请修正标出的错误。</Notice> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="课程名称" name="title" error={errors.title}>
            <input id="title" name="title" className="input" />
          </Field>
          <Field label="计入等级" name="level" error={errors.level}>
            <select id="level" name="level" className="input">
              <option value="">请选择</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="学时" name="hours" error={errors.hours}>
            <input id="hours" name="hours" type="number" min={1} className="input" />
          </Field>
          <Field label="培训内容" name="topic" error={errors.topic}>
            <select id="topic" name="topic" className="input">
              <option value="">请选择</option>
              {COURSE_TOPICS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field label="培训方式" name="mode" error={errors.mode}>
            <select id="mode" name="mode" className="input">
              {COURSE_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field label="计划日期" name="startsOn" error={errors.startsOn}>
            <input id="startsOn" name="startsOn" type="date" className="input" />
          </Field>
          <Field label="面向岗位（年度培训计划）" name="plannedFor" error={errors.plannedFor}>
            <select id="plannedFor" name="plannedFor" className="input">
              <option value="">不限</option>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
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
