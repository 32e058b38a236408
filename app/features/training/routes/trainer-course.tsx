import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainer-course";
import { audit } from "~/platform/audit.server";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { STAFF_ROLES } from "~/domain/roles";
import { formatDate } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "课程 · 培训管理" }];
}

async function loadCourse(request: Request, context: Route.LoaderArgs["context"], courseId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:training:center`);
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) httpError(404, "未找到该课程。");
  await requireCenterAccess(request, context, user, action, "training", course.centerId);
  return { user, course };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { course } = await loadCourse(request, context, params.courseId, "read");
  const [assignments, people] = await Promise.all([
    db.courseAssignment.findMany({ where: { courseId: course.id }, include: { person: true }, orderBy: { assignedAt: "asc" } }),
    db.person.findMany({
      where: { centerId: course.centerId, active: true, courseAssignments: { none: { courseId: course.id } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    course: {
      id: course.id,
      title: course.title,
      level: LEVEL_LABELS[course.level as Level],
      hours: course.hours,
      topic: course.topic,
      mode: course.mode,
      hasAssessment: course.hasAssessment,
    },
    assignments: assignments.map((a) => ({
      personId: a.personId,
      name: a.person.name,
      staffRole: a.person.staffRole,
      status: a.status,
      assessment: a.assessment,
      completedAt: a.completedAt ? formatDate(a.completedAt) : null,
    })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, course } = await loadCourse(request, context, params.courseId, "update");
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = getAuth(context).clientAddress;
  if (intent === "assign") {
    const ids = z.array(z.string().max(40)).max(2000).safeParse(form.getAll("personId"));
    const role = z.union([z.enum(STAFF_ROLES), z.literal("")]).safeParse(form.get("staffRole") ?? "");
    if (!ids.success || !role.success) return data({ error: "参数有误。" }, { status: 400 });
    const byRole = role.data
      ? await db.person.findMany({ where: { centerId: course.centerId, active: true, staffRole: role.data }, select: { id: true } })
      : [];
    const wanted = [...new Set([...ids.data, ...byRole.map((p) => p.id)])];
    if (wanted.length === 0) return data({ error: "请选择人员或岗位。" }, { status: 400 });
    const people = await db.person.findMany({ where: { id: { in: wanted }, centerId: course.centerId } });
    if (people.length !== wanted.length) httpError(403, "只能指派本中心人员。");
    const existing = new Set((await db.courseAssignment.findMany({ where: { courseId: course.id } })).map((a) => a.personId));
    const fresh = people.filter((p) => !existing.has(p.id));
    await orConflict(() => db.courseAssignment.createMany({ data: fresh.map((p) => ({ courseId: course.id, personId: p.id })) }));
    await audit({
      action: "course.assign",
      actor: user,
      target: course.id,
      ip,
      detail: { count: fresh.length, staffRole: role.data || null },
    });
    return data({ ok: `已指派 ${fresh.length} 人。` });
  }
  if (intent === "attend") {
    const ids = z.array(z.string().max(40)).max(2000).safeParse(form.getAll("done"));
    if (!ids.success || ids.data.length === 0) return data({ error: "请勾选出勤的学员。" }, { status: 400 });
    const r = await db.courseAssignment.updateMany({
      where: { courseId: course.id, personId: { in: ids.data }, status: "assigned" },
      data: { status: "attended" },
    });
    await audit({ action: "course.attend", actor: user, target: course.id, ip, detail: { count: r.count } });
    return data({ ok: `已记录 ${r.count} 人出勤。` });
  }
  if (intent === "complete") {
    const ids = z.array(z.string().max(40)).max(2000).safeParse(form.getAll("done"));
    if (!ids.success || ids.data.length === 0) return data({ error: "请勾选已结业的学员。" }, { status: 400 });
    const now = new Date();
    const ops = [];
    for (const personId of ids.data) {
      const a = form.get(`assessment-${personId}`);
      const assessment = course.hasAssessment ? (a === "passed" || a === "failed" ? a : null) : null;
      if (course.hasAssessment && !assessment) return data({ error: "本课程需考核：请为勾选的每位学员选择考核结果。" }, { status: 400 });
      ops.push(
        db.courseAssignment.updateMany({
          where: { courseId: course.id, personId },
          data: { status: "completed", completedAt: now, assessment },
        }),
      );
    }
    await db.$transaction(ops);
    await audit({ action: "course.complete", actor: user, target: course.id, ip, detail: { count: ids.data.length } });
    return data({ ok: `已记录 ${ids.data.length} 人结业。` });
  }
  httpError(400, "未知的操作。");
}

export default function TrainerCourse() {
  const { course, assignments, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-6">
      <PageHeader
        title={course.title}
        description={`${course.level} · ${course.hours} 学时 · ${course.topic} · ${course.mode}${course.hasAssessment ? " · 结业考核" : ""}`}
        actions={
          <Link to="/trainer" className="btn-secondary">
            返回课程列表
          </Link>
        }
      />
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}
      <section className="card" aria-labelledby="roster-h">
        <h2 id="roster-h" className="mb-3 text-lg font-medium">
          学员、出勤与结业
        </h2>
        <p className="mb-2 text-sm text-slate-600">勾选学员后记录出勤，或保存结业记录（结业后学时计入对应等级）。</p>
        <Form method="post">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">姓名</th>
                <th scope="col">岗位</th>
                <th scope="col">状态</th>
                {course.hasAssessment ? <th scope="col">考核</th> : null}
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.personId}>
                  <td>
                    {a.status === "completed" ? (
                      "✓"
                    ) : (
                      <input type="checkbox" name="done" value={a.personId} aria-label={`${a.name} 结业`} className="size-4" />
                    )}
                  </td>
                  <td>{a.name}</td>
                  <td>{a.staffRole ?? "—"}</td>
                  <td>{a.status === "completed" ? `已结业 ${a.completedAt}` : a.status === "attended" ? "已出勤" : "已指派"}</td>
                  {course.hasAssessment ? (
                    <td>
                      {a.status === "completed" ? (
                        a.assessment === "passed" ? (
                          "合格"
                        ) : (
                          "不合格"
                        )
                      ) : (
                        <select name={`assessment-${a.personId}`} aria-label={`${a.name} 考核结果`} className="input w-28 py-1">
                          <option value="">—</option>
                          <option value="passed">合格</option>
                          <option value="failed">不合格</option>
                        </select>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
              {assignments.length === 0 ? (
                <tr>
                  <td colSpan={5} className="text-slate-500">
                    尚未指派学员
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {assignments.some((a) => a.status !== "completed") ? (
            <div className="mt-3 flex gap-2">
              <button name="intent" value="attend" className="btn-secondary" disabled={busy}>
                记录出勤
              </button>
              <button name="intent" value="complete" className="btn-primary" disabled={busy}>
                保存结业记录
              </button>
            </div>
          ) : null}
        </Form>
      </section>
      <section className="card" aria-labelledby="assign-h">
        <h2 id="assign-h" className="mb-3 text-lg font-medium">
          指派学员
        </h2>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="assign" />
          <div>
            <label htmlFor="staffRole" className="label">
              按岗位指派（该岗位全部在岗人员）
            </label>
            <select id="staffRole" name="staffRole" className="input w-64">
              <option value="">不按岗位</option>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-3">
            <legend className="label">或选择人员</legend>
            {people.map((p) => (
              <label key={p.id} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="personId" value={p.id} className="size-4" />
                {p.name}
                <span className="text-slate-500">{p.staffRole}</span>
              </label>
            ))}
          </fieldset>
          <button className="btn-secondary" disabled={busy}>
            指派
          </button>
        </Form>
      </section>
    </div>
  );
}
