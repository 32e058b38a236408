import { Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/trainer-course";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { assignCourse, courseRoster, recordAttendance, recordCompletion, requireCourse } from "~/features/training/service.server";
import { AssignSchema, DoneSchema, RosterIntentSchema } from "~/features/training/schemas";
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
    },
    ...(await courseRoster(course)),
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
  const p = parseWith(DoneSchema, { done: formData.getAll("done") });
  if (!p.ok) return p.response;
  if (intent.data.intent === "attend")
    return runAction(async () => actionOk(`已记录 ${await recordAttendance(course, p.data.done, actor)} 人出勤。`));
  const learners = p.data.done.map((personId) => ({ personId, assessment: form[`assessment-${personId}`] ?? null }));
  return runAction(async () => actionOk(`已记录 ${await recordCompletion(course, learners, actor, new Date())} 人结业。`));
}

export default function TrainerCourse() {
  const { course, assignments, people } = useLoaderData<typeof loader>();
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
    </div>
  );
}
