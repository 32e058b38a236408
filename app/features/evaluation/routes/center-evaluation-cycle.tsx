import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-evaluation-cycle";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import {
  cycleProfiles,
  importCompletionUpload,
  requireCycle,
  serviceStars,
  setCycleStatus,
  updateCycleSettings,
} from "~/features/evaluation/service.server";
import { CycleIntentSchema, CycleSettingsSchema } from "~/features/evaluation/schemas";
import { httpError } from "~/platform/http.server";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { formatPoints, summaryTable, verdict } from "~/domain/evaluation";
import { FORCE_STARS } from "~/domain/five-forces";
import { hasPermission } from "~/domain/permissions";
import { Notice, PageHeader } from "~/platform/ui/page";
import { FormResult } from "~/platform/ui/field";
import { CycleTable } from "~/features/evaluation/ui/cycle-table";
import { CycleStars } from "~/features/evaluation/ui/cycle-stars";
import { CompletionImportForm, CycleSettingsForm, rowErrors } from "~/features/evaluation/ui/cycle-forms";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.cycle.year ?? ""} 年度评价汇总 · 政务服务综合窗口办事员` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const [{ results, stars }, service] = await Promise.all([cycleProfiles(cycle), serviceStars(user.centerId, cycle.year)]);
  const progress = (["self", "peer", "manager"] as const).map((r) => ({
    relation: r,
    submitted: results.reduce((s, x) => s + x.progress[r].submitted, 0),
    total: results.reduce((s, x) => s + x.progress[r].total, 0),
  }));
  return {
    cycle: { id: cycle.id, year: cycle.year, passMark: cycle.passMark, ratingPenalty: cycle.ratingPenalty, status: cycle.status },
    canEdit: hasPermission(user.roles, "update:evaluation:center"),
    people: results.map((r) => ({
      personId: r.personId,
      name: r.name,
      verdict: verdict(r.result),
      passed: r.result.passed,
      missing: r.result.missing,
      failedTwoYears: r.failedTwoYears,
    })),
    rows: summaryTable(results.map((r) => r.result)).map((row) => ({ ...row, shown: row.values.map(formatPoints) })),
    progress,
    stars: stars.map((s) => ({
      force: s.force,
      title: FORCE_STARS[s.force],
      winners: s.winners.map((w) => ({ name: w.name, score: w.total.toFixed(1) })),
      tied: s.tiedAtBoundary,
    })),
    service: service && { ...service, winners: service.winners.map((w) => ({ ...w, total: formatPoints(w.total) })) },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const formData = await request.formData();
  const form = formToObject(formData);
  const actor = { ...user, ip: getAuth(context).clientAddress };
  const intent = parseWith(CycleIntentSchema, form);
  if (!intent.ok) return intent.response;
  switch (intent.data.intent) {
    case "close":
    case "reopen": {
      const close = intent.data.intent === "close";
      await setCycleStatus(cycle, close ? "closed" : "open", actor);
      return actionOk(close ? "评价已结束，评分入口已关闭。" : "评价已重新开放。");
    }
    case "settings": {
      const p = parseWith(CycleSettingsSchema, form);
      if (!p.ok) return p.response;
      return runAction(async () => {
        await updateCycleSettings(cycle, p.data, actor);
        return actionOk("评价设置已保存。");
      }, form);
    }
    case "completion":
      return runAction(async () => {
        const r = await importCompletionUpload(cycle, formData.get("file"), formData.get("encoding"), actor);
        if ("message" in r) return actionFail(400, r.message, Object.fromEntries(r.errors.map((e, i) => [`row.${i + 1}`, e])));
        return actionOk(`已导入 ${r.imported} 人的工作完成度。`);
      });
  }
}

const RELATION_LABEL = { self: "自评", peer: "互评", manager: "负责人评分" } as const;

export default function CycleSummary() {
  const { cycle, canEdit, people, rows, progress, stars, service } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const flagged = people.filter((p) => p.failedTwoYears);
  const lines = rowErrors(result);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${cycle.year} 年度能力评价汇总（表C.1）`}
        description={`合格分数线 ${cycle.passMark} 分 · 好差评未整改扣减系数 ${cycle.ratingPenalty} · ${cycle.status === "open" ? "评分进行中" : "评价已结束"}`}
        actions={
          <>
            <a className="btn-secondary" href={`/center/evaluation/${cycle.id}/export.xlsx`} download>
              下载汇总表（xlsx）
            </a>
            {canEdit ? (
              <Form method="post">
                <button className="btn-secondary" name="intent" value={cycle.status === "open" ? "close" : "reopen"}>
                  {cycle.status === "open" ? "结束评分" : "重新开放评分"}
                </button>
              </Form>
            ) : null}
            <Link className="btn-secondary" to="/center/evaluation">
              返回
            </Link>
          </>
        }
      />
      <FormResult result={result} />
      {lines.length ? (
        <ul className="list-disc rounded-md border border-red-200 bg-red-50 py-3 pr-4 pl-9 text-sm text-red-800" aria-label="文件中的错误">
          {lines.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      {flagged.length ? (
        <Notice tone="warning">
          连续两年考核不合格：{flagged.map((p) => p.name).join("、")}
          。按《政务服务中心运行规范》考评管理要求，连续两次考核不合格的派驻人员应结束派驻，请通知其派出部门。
        </Notice>
      ) : null}
      <section className="grid gap-4 sm:grid-cols-3" aria-label="评分进度">
        {progress.map((p) => (
          <div key={p.relation} className="card">
            <p className="text-sm text-slate-500">{RELATION_LABEL[p.relation]}</p>
            <p className="text-2xl font-semibold tabular-nums">
              {p.submitted} / {p.total}
            </p>
            <p className="text-xs text-slate-500">已提交 / 应提交</p>
          </div>
        ))}
      </section>
      <CycleTable cycleId={cycle.id} passMark={cycle.passMark} people={people} rows={rows} />
      <CycleStars stars={stars} service={service} />
      {canEdit && cycle.status === "open" ? (
        <CycleSettingsForm passMark={cycle.passMark} ratingPenalty={cycle.ratingPenalty} result={result} />
      ) : null}
      {canEdit && cycle.status === "open" ? <CompletionImportForm /> : null}
    </div>
  );
}
