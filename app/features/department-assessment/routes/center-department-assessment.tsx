import { Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-department-assessment";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import {
  assessmentOf,
  centerDepartments,
  departmentHistoryOf,
  findDepartment,
  quarterStandingsOf,
  saveDepartmentAssessment,
} from "~/features/department-assessment/service.server";
import { pageHref } from "~/features/department-assessment/links";
import { AssessmentForm } from "~/features/department-assessment/ui/assessment-form";
import { History } from "~/features/department-assessment/ui/history";
import { QuarterPicker } from "~/features/department-assessment/ui/quarter-picker";
import { ServiceStars } from "~/features/department-assessment/ui/service-stars";
import { Standings } from "~/features/department-assessment/ui/standings";
import { serviceStars } from "~/features/evaluation/index.server";
import { httpError } from "~/platform/http.server";
import { actionFail, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { BASE_MAX, BONUS_MAX } from "~/domain/department";
import { isFutureQuarter, parseAssessmentForm, parseQuarterQuery, quarterLabel, quarterOf, tieNote } from "~/domain/department-form";
import { hasPermission } from "~/domain/permissions";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "部门考核 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const now = new Date();
  const url = new URL(request.url);
  const q = parseQuarterQuery(url.searchParams, now);
  if (!q) httpError(400, "年份或季度有误。");
  const current = quarterOf(now);
  const canEdit = hasPermission(user.roles, "update:evaluation:center");
  const future = isFutureQuarter(q, now);
  const base = { quarter: q, current, label: quarterLabel(q), canEdit, future };

  const departmentId = url.searchParams.get("department");
  if (departmentId !== null) {
    const department = await findDepartment(departmentId);
    if (!department) httpError(404, "未找到该部门。");
    await requireCenterAccess(request, context, user, "read", "evaluation", department.centerId);
    const stored = await assessmentOf(department.id, q);
    return {
      ...base,
      mode: "edit" as const,
      department: { id: department.id, name: department.name },
      stored: stored ? { items: stored.items, updatedBy: stored.updatedBy, updatedAt: formatDateTime(stored.updatedAt) } : null,
    };
  }

  const [standings, history, stars, departments] = await Promise.all([
    quarterStandingsOf(user.centerId, q),
    departmentHistoryOf(user.centerId, q.year),
    serviceStars(user.centerId, q.year),
    centerDepartments(user.centerId),
  ]);
  const savedId = url.searchParams.get("saved");
  const saved = savedId ? (departments.find((d) => d.id === savedId)?.name ?? null) : null;
  return {
    ...base,
    mode: "standings" as const,
    standings,
    history: { quarters: history.quarters.map((h) => ({ ...h, future: isFutureQuarter(h, now) })), rows: history.rows },
    stars: stars
      ? {
          ...stars,
          tieNote: tieNote(stars, "服务明星", "人"),
          winners: stars.winners.map((w) => ({ personId: w.personId, name: w.name, total: w.total, rank: w.rank })),
        }
      : null,
    saved,
  };
}

/** What the form says at its top when nothing was saved: the form-level reasons, or how many items need fixing. */
function refusal(errors: Record<string, string>): string {
  const formLevel = Object.entries(errors).filter(([k]) => !k.startsWith("points.") && !k.startsWith("note."));
  const count = Object.keys(errors).length;
  return `未保存：${formLevel.length ? formLevel.map(([, m]) => m).join("；") : `有 ${count} 处需要修改，请查看标红的评分项。`}`;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const form = formToObject(await request.formData());
  // Scope first: a department of another center is refused whatever else the form says.
  const department = await findDepartment(form.departmentId ?? "");
  if (!department) httpError(404, "未找到该部门。");
  await requireCenterAccess(request, context, user, "update", "evaluation", department.centerId);
  const parsed = parseAssessmentForm(form);
  if (!parsed.ok) return actionFail(400, refusal(parsed.errors), parsed.errors, form);
  if (isFutureQuarter(parsed.value, new Date())) return actionFail(400, refusal({ _form: "该季度尚未开始，不能评分。" }), {}, form);
  const centerId = user.centerId;
  return runAction(async () => {
    await saveDepartmentAssessment(centerId, parsed.value, user, getAuth(context).clientAddress);
    return redirect(pageHref(parsed.value, { saved: department.id }));
  }, form);
}

export default function DepartmentAssessment() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader
        title="部门季度考核"
        description={`常驻部门从服务成效、综窗建设、一网通办、管理规范四个方面评分（${BASE_MAX}分），另设加分项（最高${BONUS_MAX}分）；每季度评选3个“先进集体”。`}
        actions={
          d.mode === "edit" ? (
            <Link to={pageHref(d.quarter)} className="btn-secondary">
              返回排名
            </Link>
          ) : undefined
        }
      />
      <QuarterPicker quarter={d.quarter} current={d.current} department={d.mode === "edit" ? d.department.id : null} />
      {d.mode === "edit" ? (
        <AssessmentForm
          key={`${d.department.id}-${d.quarter.year}-${d.quarter.quarter}`}
          department={d.department}
          quarter={d.quarter}
          label={d.label}
          stored={d.stored}
          canEdit={d.canEdit}
          future={d.future}
          result={result}
        />
      ) : (
        <>
          {d.saved ? (
            <Notice tone="success">
              已保存：{d.saved} {d.label}的考核评分。
            </Notice>
          ) : null}
          {d.future ? <Notice tone="warning">{d.label}尚未开始，不能评分。</Notice> : null}
          <Standings label={d.label} quarter={d.quarter} standings={d.standings} canEdit={d.canEdit} editable={d.canEdit && !d.future} />
          <History quarter={d.quarter} history={d.history} />
          <ServiceStars year={d.quarter.year} stars={d.stars} />
        </>
      )}
    </div>
  );
}
