import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-evaluation-person";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import {
  addAdjustment,
  AdjustmentSchema,
  AssignmentsSchema,
  ObjectiveSchema,
  removeAdjustment,
  requireCycle,
  saveObjective,
  saveVeto,
  setEvaluators,
  subjectReport,
  VetoSchema,
} from "~/features/evaluation/service.server";
import { fieldErrors, formAction, httpError } from "~/platform/http.server";
import { AWARD_POINTS, formatPoints, RELATIONS, VETO_GROUNDS, verdict } from "~/domain/evaluation";
import { rates, ratingPoints } from "~/domain/ratings";
import { hasPermission } from "~/domain/permissions";
import { formatDateTime } from "~/domain/time";
import { Field, Notice, PageHeader } from "~/platform/ui/page";
import { ForceProfile } from "~/features/evaluation/ui/radar";
import { IndicatorTable, RatingSummary } from "~/features/evaluation/ui/evaluation-report";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.name ?? ""} 年度评价 · 政务服务综合窗口办事员` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const report = await subjectReport(cycle, params.personId);
  const staff = await db.person.findMany({
    where: { centerId: user.centerId, active: true, id: { not: params.personId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
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
  const subject = await db.evaluationSubject.findUnique({ where: { cycleId_personId: { cycleId: cycle.id, personId: params.personId } } });
  if (!subject) httpError(404, "该人员不在本评价周期内");
  if (cycle.status !== "open") httpError(409, "该年度评价已结束，如需修改请先在汇总页重新开放评分");
  const formData = await request.formData();
  const form = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const actor = { ...user, ip: getAuth(context).clientAddress };
  const fail = (errors: Record<string, string>) =>
    data({ ok: false as const, intent: form.intent, errors, values: form, message: null }, { status: 400 });
  const done = (message: string) => ({
    ok: true as const,
    intent: form.intent,
    errors: {} as Record<string, string>,
    values: {} as Record<string, string>,
    message,
  });
  return formAction(
    async () => {
      switch (form.intent) {
        case "evaluators": {
          const p = AssignmentsSchema.safeParse({
            managerPersonId: form.managerPersonId,
            peerIds: formData.getAll("peerIds").filter((v) => typeof v === "string"),
          });
          if (!p.success) return fail(fieldErrors(p.error));
          await setEvaluators(cycle, params.personId, p.data, actor);
          return done("评价人已更新。");
        }
        case "objective": {
          const p = ObjectiveSchema.safeParse(form);
          if (!p.success) return fail(fieldErrors(p.error));
          await saveObjective(subject.id, p.data, actor);
          return done("客观评价数据已保存。");
        }
        case "adjustment": {
          const p = AdjustmentSchema.safeParse(form);
          if (!p.success) return fail(fieldErrors(p.error));
          await addAdjustment(subject.id, p.data, actor);
          return done("加减分已记录。");
        }
        case "remove-adjustment": {
          await removeAdjustment(subject.id, form.adjustmentId ?? "", actor);
          return done("加减分记录已删除。");
        }
        case "veto": {
          const p = VetoSchema.safeParse(form);
          if (!p.success) return fail(fieldErrors(p.error));
          await saveVeto(subject.id, p.data, actor);
          return done(p.data.veto ? "已记录一票否决。" : "已取消一票否决。");
        }
        default:
          return fail({ _form: "未知的操作" });
      }
    },
    (message) => ({
      ok: false as const,
      intent: form.intent,
      errors: { _form: message } as Record<string, string>,
      values: form,
      message: null,
    }),
  );
}

export default function EvaluationPerson() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errs = (intent: string) => (result && !result.ok && result.intent === intent ? result.errors : {}) as Record<string, string>;
  const r = d.result;
  const manager = d.detail.assignments.find((a) => a.relation === "manager");
  const peerIds = new Set(d.detail.assignments.filter((a) => a.relation === "peer").map((a) => a.evaluatorId));
  const completionShown = d.detail.completionDone !== null && d.detail.completionTarget !== null;
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
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok && result.errors._form ? <Notice tone="error">{result.errors._form}</Notice> : null}
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

      <section className="card" aria-labelledby="who-h">
        <h2 id="who-h" className="text-lg font-medium">
          评价人
        </h2>
        <ul className="mt-2 text-sm">
          {d.detail.assignments.map((a) => (
            <li key={a.id}>
              {RELATIONS[a.relation]}：{a.evaluator} — {a.submittedAt ? `已提交（${a.submittedAt}）` : "未提交"}
            </li>
          ))}
        </ul>
        {d.canEdit ? (
          <Form method="post" className="mt-4 space-y-3">
            <input type="hidden" name="intent" value="evaluators" />
            {errs("evaluators").peerIds ? <p className="field-error">{errs("evaluators").peerIds}</p> : null}
            <Field label="负责人" name="managerPersonId" error={errs("evaluators").managerPersonId}>
              <select id="managerPersonId" name="managerPersonId" className="input max-w-xs" defaultValue={manager?.evaluatorId ?? ""}>
                <option value="">（暂无）</option>
                {d.staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset>
              <legend className="label">互评人</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {d.staff.map((s) => (
                  <label key={s.id} className="inline-flex items-center gap-1">
                    <input type="checkbox" name="peerIds" value={s.id} defaultChecked={peerIds.has(s.id)} />
                    {s.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <button className="btn-secondary">保存评价人</button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="obj-h">
        <h2 id="obj-h" className="text-lg font-medium">
          客观评价（45 分）
        </h2>
        <div className="mt-2 space-y-2 text-sm">
          <p>
            工作完成度：
            {completionShown ? (
              <>
                25 × {d.detail.completionDone} ÷ {d.detail.completionTarget} = <strong>{formatPoints(r.objective.completion)}</strong>{" "}
                分（来源：{d.detail.completionSource}）
              </>
            ) : (
              <span className="text-amber-700">缺评（未录入完成量与目标量）</span>
            )}
          </p>
          <RatingSummary ratings={d.ratings} penalty={d.cycle.ratingPenalty} />
          <p>
            投诉情况：
            {d.detail.complaintsPoints === null ? (
              <span className="text-amber-700">缺评</span>
            ) : (
              <>
                {d.detail.complaintsPoints} 分（依据：{d.detail.complaintsEvidence}）
              </>
            )}
          </p>
          <p>
            表扬褒奖：
            {d.detail.praisePoints === null ? (
              <span className="text-amber-700">缺评</span>
            ) : (
              <>
                {d.detail.praisePoints} 分（依据：{d.detail.praiseEvidence}）
              </>
            )}
          </p>
        </div>
        {d.canEdit ? (
          <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-2" noValidate>
            <input type="hidden" name="intent" value="objective" />
            <Field label="完成量" name="completionDone" error={errs("objective").completionDone}>
              <input
                id="completionDone"
                name="completionDone"
                className="input"
                inputMode="decimal"
                defaultValue={d.detail.completionDone ?? ""}
              />
            </Field>
            <Field label="目标量" name="completionTarget" error={errs("objective").completionTarget}>
              <input
                id="completionTarget"
                name="completionTarget"
                className="input"
                inputMode="decimal"
                defaultValue={d.detail.completionTarget ?? ""}
              />
            </Field>
            <Field label="投诉情况（0–5 分）" name="complaintsPoints" error={errs("objective").complaintsPoints}>
              <input
                id="complaintsPoints"
                name="complaintsPoints"
                className="input"
                inputMode="decimal"
                defaultValue={d.detail.complaintsPoints ?? ""}
              />
            </Field>
            <Field label="投诉情况依据" name="complaintsEvidence" error={errs("objective").complaintsEvidence}>
              <input
                id="complaintsEvidence"
                name="complaintsEvidence"
                className="input"
                defaultValue={d.detail.complaintsEvidence ?? ""}
                placeholder="如：全年无有效投诉"
              />
            </Field>
            <Field label="表扬褒奖（0–5 分）" name="praisePoints" error={errs("objective").praisePoints}>
              <input
                id="praisePoints"
                name="praisePoints"
                className="input"
                inputMode="decimal"
                defaultValue={d.detail.praisePoints ?? ""}
              />
            </Field>
            <Field label="表扬褒奖依据" name="praiseEvidence" error={errs("objective").praiseEvidence}>
              <input
                id="praiseEvidence"
                name="praiseEvidence"
                className="input"
                defaultValue={d.detail.praiseEvidence ?? ""}
                placeholder="如：锦旗2面、表扬信1封"
              />
            </Field>
            <div className="sm:col-span-2">
              <button className="btn-secondary">保存客观评价</button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="adj-h">
        <h2 id="adj-h" className="text-lg font-medium">
          加减分与一票否决
        </h2>
        <p className="text-sm text-slate-600">
          加分合计 {formatPoints(r.bonus)}（上限 10）· 扣分合计 {formatPoints(r.deduction)}（下限 −20，一票否决为 −100）
        </p>
        <table className="table mt-2 text-sm">
          <thead>
            <tr>
              <th scope="col">类型</th>
              <th scope="col">分值</th>
              <th scope="col">事由</th>
              <th scope="col">依据</th>
              {d.canEdit ? (
                <th scope="col">
                  <span className="sr-only">操作</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {d.detail.adjustments.map((a) => (
              <tr key={a.id}>
                <td>{a.kind === "award" ? `表彰（${a.awardLevel}级）` : a.kind === "majorEvent" ? "重大活动表现" : "扣分"}</td>
                <td className="tabular-nums">{a.kind === "deduction" ? `−${a.points}` : `+${a.points}`}</td>
                <td>{a.reason}</td>
                <td>{a.evidence}</td>
                {d.canEdit ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-adjustment" />
                      <input type="hidden" name="adjustmentId" value={a.id} />
                      <button className="link">删除</button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
            {d.detail.adjustments.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-slate-500">
                  暂无加减分
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {d.canEdit ? (
          <div className="mt-4 grid gap-6 lg:grid-cols-2">
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="adjustment" />
              <Field label="类型" name="kind" error={errs("adjustment").kind}>
                <select id="kind" name="kind" className="input" defaultValue="award">
                  <option value="award">表彰奖励（街镇 +0.5、区 +1、市/部 +1.5、国家 +2）</option>
                  <option value="majorEvent">重大活动表现突出（+0.5 至 +1）</option>
                  <option value="deduction">扣分（每项 0 至 5 分）</option>
                </select>
              </Field>
              <Field label="表彰级别（表彰奖励时）" name="awardLevel" error={errs("adjustment").awardLevel}>
                <select id="awardLevel" name="awardLevel" className="input" defaultValue="区">
                  {Object.keys(AWARD_POINTS).map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="分值（重大活动或扣分时）" name="points" error={errs("adjustment").points}>
                <input id="points" name="points" className="input" inputMode="decimal" />
              </Field>
              <Field label="事由" name="reason" error={errs("adjustment").reason}>
                <input id="reason" name="reason" className="input" />
              </Field>
              <Field label="依据" name="evidence" error={errs("adjustment").evidence}>
                <input id="evidence" name="evidence" className="input" placeholder="文号、证书编号或情况说明" />
              </Field>
              <button className="btn-secondary">添加</button>
            </Form>
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="veto" />
              <Field label="一票否决情形" name="veto" error={errs("veto").veto}>
                <select id="veto" name="veto" className="input" defaultValue={d.detail.veto ?? ""}>
                  <option value="">无</option>
                  {VETO_GROUNDS.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="依据" name="vetoEvidence" error={errs("veto").vetoEvidence}>
                <input id="vetoEvidence" name="vetoEvidence" className="input" defaultValue={d.detail.vetoEvidence ?? ""} />
              </Field>
              <button className="btn-danger">保存一票否决</button>
            </Form>
          </div>
        ) : null}
      </section>
    </div>
  );
}
