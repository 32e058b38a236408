import { Link, useActionData, useLoaderData } from "react-router";
import { FormResult } from "~/platform/ui/field";
import type { Route } from "./+types/center-evaluation-person";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import {
  addAdjustment,
  colleaguesOf,
  removeAdjustment,
  requireCycle,
  requireSubject,
  saveObjective,
  saveVeto,
  setEvaluators,
  subjectReport,
} from "~/features/evaluation/service.server";
import {
  AdjustmentSchema,
  AssignmentsSchema,
  ObjectiveSchema,
  PersonIntentSchema,
  RemoveAdjustmentSchema,
  VetoSchema,
} from "~/features/evaluation/schemas";
import { httpError } from "~/platform/http.server";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { formatPoints, verdict } from "~/domain/evaluation";
import { rates, ratingPoints } from "~/domain/ratings";
import { hasPermission } from "~/domain/permissions";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";
import { ForceProfile } from "~/features/evaluation/ui/radar";
import { IndicatorTable } from "~/features/evaluation/ui/evaluation-report";
import { PersonEvaluators } from "~/features/evaluation/ui/person-evaluators";
import { PersonObjective } from "~/features/evaluation/ui/person-objective";
import { PersonAdjustments } from "~/features/evaluation/ui/person-adjustments";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.name ?? ""} 年度评价 · 政务服务综合窗口办事员` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const report = await subjectReport(cycle, params.personId);
  const staff = await colleaguesOf(user.centerId, params.personId);
  const counts = report.result.ratings;
  return {
    cycle: { id: cycle.id, year: cycle.year, passMark: cycle.passMark, ratingPenalty: cycle.ratingPenalty, open: cycle.status === "open" },
    name: report.result.name,
    canEdit: hasPermission(user.roles, "update:evaluation:center") && cycle.status === "open",
    result: { ...report.result.result, verdict: verdict(report.result.result), failedTwoYears: report.result.failedTwoYears },
    indicators: report.indicators,
    detail: {
      ...report.detail,
      assignments: report.detail.assignments.map((a) => ({
        ...a,
        submittedAt: a.submittedAt ? formatDateTime(new Date(a.submittedAt)) : null,
      })),
    },
    ratings: counts ? { counts, rates: rates(counts), points: ratingPoints(counts, cycle.ratingPenalty) } : null,
    profile: report.profile,
    average: report.average,
    staff,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const subject = await requireSubject(cycle.id, params.personId);
  if (cycle.status !== "open") httpError(409, "该年度评价已结束，如需修改请先在汇总页重新开放评分");
  const formData = await request.formData();
  const form = formToObject(formData);
  const actor = { ...user, ip: getAuth(context).clientAddress };
  const intent = parseWith(PersonIntentSchema, form);
  if (!intent.ok) return intent.response;
  switch (intent.data.intent) {
    case "evaluators": {
      const p = parseWith(AssignmentsSchema, { managerPersonId: form.managerPersonId, peerIds: formData.getAll("peerIds") });
      if (!p.ok) return p.response;
      return runAction(async () => {
        await setEvaluators(cycle, params.personId, p.data, actor);
        return actionOk("评价人已更新。");
      }, form);
    }
    case "objective": {
      const p = parseWith(ObjectiveSchema, form);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await saveObjective(subject.id, p.data, actor);
        return actionOk("客观评价数据已保存。");
      }, form);
    }
    case "adjustment": {
      const p = parseWith(AdjustmentSchema, form);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await addAdjustment(subject.id, p.data, actor);
        return actionOk("加减分已记录。");
      }, form);
    }
    case "remove-adjustment": {
      const p = parseWith(RemoveAdjustmentSchema, form);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await removeAdjustment(subject.id, p.data.adjustmentId, actor);
        return actionOk("加减分记录已删除。");
      });
    }
    case "veto": {
      const p = parseWith(VetoSchema, form);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await saveVeto(subject.id, p.data, actor);
        return actionOk(p.data.veto ? "已记录一票否决。" : "已取消一票否决。");
      }, form);
    }
  }
}

export default function EvaluationPerson() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const r = d.result;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${d.name} · ${d.cycle.year} 年度能力评价`}
        description={
          <>
            总分 <strong data-testid="total">{formatPoints(r.total)}</strong>（合格线 {d.cycle.passMark}）· 结论：
            <strong>{r.verdict}</strong>
          </>
        }
        actions={
          <>
            <Link className="btn-secondary" to={`/center/evaluation/${d.cycle.id}/people/${d.profile.personId}/report`}>
              打印个人报告
            </Link>
            <Link className="btn-secondary" to={`/center/evaluation/${d.cycle.id}`}>
              返回汇总表
            </Link>
          </>
        }
      />
      <FormResult result={result} fieldsMessage="未保存：请更正标出的内容。" />
      {!d.cycle.open ? <Notice>该年度评价已结束，数据只读；如需修改，请先在汇总页重新开放评分。</Notice> : null}
      {r.failedTwoYears ? <Notice tone="warning">该人员连续两年考核不合格。</Notice> : null}
      {r.missing.length && !r.vetoed ? (
        <Notice tone="warning">尚缺：{r.missing.join("、")}。缺评项不按 0 分计，总分待补齐后得出。</Notice>
      ) : null}

      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h" className="mb-3 text-lg font-medium">
          五力画像
        </h2>
        <ForceProfile forces={d.profile.forces} average={d.average} name={d.name} />
      </section>

      <section className="card overflow-x-auto" aria-labelledby="subj-h">
        <h2 id="subj-h" className="text-lg font-medium">
          主观评价（自评 20% + 互评平均 30% + 负责人 50%）
        </h2>
        <IndicatorTable indicators={d.indicators} result={r} />
      </section>

      <PersonEvaluators assignments={d.detail.assignments} staff={d.staff} canEdit={d.canEdit} result={result} />
      <PersonObjective
        detail={d.detail}
        objective={r.objective}
        ratings={d.ratings}
        penalty={d.cycle.ratingPenalty}
        canEdit={d.canEdit}
        result={result}
      />
      <PersonAdjustments
        adjustments={d.detail.adjustments}
        veto={d.detail.veto}
        vetoEvidence={d.detail.vetoEvidence}
        bonus={r.bonus}
        deduction={r.deduction}
        canEdit={d.canEdit}
        result={result}
      />
    </div>
  );
}
