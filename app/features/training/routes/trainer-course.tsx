import { Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/trainer-course";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import {
  assignCourse,
  assignWeakCandidates,
  courseRoster,
  recordAttendance,
  recordCompletion,
  requireCourse,
  updateCourseCovers,
} from "~/features/training/service.server";
import { courseWeakCandidates } from "~/features/training/weak-areas.server";
import { AssignSchema, CoversSchema, DoneSchema, RosterIntentSchema } from "~/features/training/schemas";
import { WeakCandidates } from "~/features/training/ui/weak-candidates";
import { AssignForm } from "~/features/training/ui/assign-form";
import { CourseRoster } from "~/features/training/ui/course-roster";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { PageHeader } from "~/platform/ui/page";
import { FormResult } from "~/platform/ui/field";

export function meta() {
  return [{ title: "课程 · 培训管理" }];
}

async function loadCourse(request: Request, context: Route.LoaderArgs["context"], courseId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:training:center`);
  const course = await requireCourse(courseId);
  await requireCenterAccess(request, context, user, action, "training", course.centerId);
  return { user, course };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { course } = await loadCourse(request, context, params.courseId, "read");
  return {
    course: {
      id: course.id,
      title: course.title,
      level: LEVEL_LABELS[course.level as Level],
      hours: course.hours,
      topic: course.topic,
      mode: course.mode,
      hasAssessment: course.hasAssessment,
      covers: JSON.parse(course.covers) as string[],
    },
    ...(await courseRoster(course)),
    weak: await courseWeakCandidates(course, new Date()),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, course } = await loadCourse(request, context, params.courseId, "update");
  const formData = await request.formData();
  const form = formToObject(formData);
  const actor = { ...user, ip: getAuth(context).clientAddress };
  const intent = parseWith(RosterIntentSchema, form);
  if (!intent.ok) return intent.response;
  if (intent.data.intent === "assign") {
    const p = parseWith(AssignSchema, { personId: formData.getAll("personId"), staffRole: form.staffRole ?? "" });
    if (!p.ok) return p.response;
    const input = { personIds: p.data.personId, staffRole: p.data.staffRole || null };
    return runAction(async () => actionOk(`已指派 ${await assignCourse(course, input, actor)} 人。`));
  }
  if (intent.data.intent === "assign-weak")
    return runAction(async () => actionOk(`已按薄弱环节指派 ${await assignWeakCandidates(course, actor, new Date())} 人。`));
  if (intent.data.intent === "covers") {
    const p = parseWith(CoversSchema, form);
    if (!p.ok) return p.response;
    return runAction(async () => {
      await updateCourseCovers(course, p.data.covers, actor);
      return actionOk(p.data.covers.length ? `已保存覆盖范围：${p.data.covers.join("、")}。` : "已清空覆盖范围。");
    }, form);
  }
  const p = parseWith(DoneSchema, { done: formData.getAll("done") });
  if (!p.ok) return p.response;
  if (intent.data.intent === "attend")
    return runAction(async () => actionOk(`已记录 ${await recordAttendance(course, p.data.done, actor)} 人出勤。`));
  const learners = p.data.done.map((personId) => ({ personId, assessment: form[`assessment-${personId}`] ?? null }));
  return runAction(async () => actionOk(`已记录 ${await recordCompletion(course, learners, actor, new Date())} 人结业。`));
}

export default function TrainerCourse() {
  const { course, assignments, people, weak } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      <FormResult result={result} />
      <CourseRoster assignments={assignments} hasAssessment={course.hasAssessment} busy={busy} />
      <AssignForm people={people} busy={busy} result={result} />
      <WeakCandidates covers={course.covers} topic={course.topic} level={course.level} rows={weak} busy={busy} result={result} />
    </div>
  );
}
