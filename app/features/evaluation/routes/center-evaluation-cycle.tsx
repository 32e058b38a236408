import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-evaluation-cycle";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import {
  CycleSettingsSchema,
  cycleProfiles,
  importCompletion,
  requireCycle,
  serviceStars,
  setCycleStatus,
  updateCycleSettings,
} from "~/features/evaluation/service.server";
import { formAction, httpError } from "~/platform/http.server";
import { MAX_UPLOAD_BYTES } from "~/features/staff/service.server";
import { checkCompletionCsv } from "~/domain/completion-import";
import { CSV_ENCODINGS, decodeCsv } from "~/domain/staff-import";
import { formatPoints, summaryTable, verdict } from "~/domain/evaluation";
import { FORCE_STARS } from "~/domain/five-forces";
import { hasPermission } from "~/domain/permissions";
import { CsvFileFields } from "~/platform/ui/file-input";
import { Notice, PageHeader } from "~/platform/ui/page";

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

const CsvForm = z.object({ encoding: z.enum(CSV_ENCODINGS, { message: "请选择文件编码" }) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const form = await request.formData();
  const intent = form.get("intent");
  const actor = { ...user, ip: getAuth(context).clientAddress };
  if (intent === "close" || intent === "reopen") {
    await setCycleStatus(cycle, intent === "close" ? "closed" : "open", actor);
    return { ok: true as const, message: intent === "close" ? "评价已结束，评分入口已关闭。" : "评价已重新开放。", errors: [] as string[] };
  }
  if (intent === "settings") {
    const parsed = CycleSettingsSchema.safeParse({ passMark: form.get("passMark"), ratingPenalty: form.get("ratingPenalty") });
    if (!parsed.success)
      return data({ ok: false as const, message: parsed.error.issues[0].message, errors: [] as string[] }, { status: 400 });
    if (cycle.status !== "open")
      return data(
        { ok: false as const, message: "该年度评价已结束，请先重新开放评分再修改设置。", errors: [] as string[] },
        { status: 409 },
      );
    await updateCycleSettings(cycle, parsed.data, actor);
    return { ok: true as const, message: "评价设置已保存。", errors: [] as string[] };
  }
  if (intent !== "completion") return data({ ok: false as const, message: "未知的操作", errors: [] as string[] }, { status: 400 });
  if (cycle.status !== "open")
    return data({ ok: false as const, message: "该年度评价已结束，请先重新开放评分再导入。", errors: [] as string[] }, { status: 409 });
  const file = form.get("file");
  const enc = CsvForm.safeParse({ encoding: form.get("encoding") ?? "auto" });
  if (!(file instanceof File) || file.size === 0)
    return data({ ok: false as const, message: "请选择要导入的 CSV 文件", errors: [] as string[] }, { status: 400 });
  if (file.size > MAX_UPLOAD_BYTES) return data({ ok: false as const, message: "文件超过 2 MB", errors: [] as string[] }, { status: 413 });
  if (!enc.success) return data({ ok: false as const, message: enc.error.issues[0].message, errors: [] as string[] }, { status: 400 });
  const checked = checkCompletionCsv(decodeCsv(new Uint8Array(await file.arrayBuffer()), enc.data.encoding).text);
  if (checked.errors.length)
    return data(
      { ok: false as const, message: `文件有 ${checked.errors.length} 处错误，未导入任何数据。请修改后重新上传。`, errors: checked.errors },
      { status: 400 },
    );
  return formAction(
    async () => {
      const r = await importCompletion(cycle, checked.rows, file.name, actor);
      if (r.errors.length)
        return data(
          { ok: false as const, message: `文件有 ${r.errors.length} 处错误，未导入任何数据。`, errors: r.errors },
          { status: 400 },
        );
      return { ok: true as const, message: `已导入 ${r.imported} 人的工作完成度。`, errors: [] as string[] };
    },
    (message) => ({ ok: false as const, message, errors: [] as string[] }),
  );
}

const RELATION_LABEL = { self: "自评", peer: "互评", manager: "负责人评分" } as const;

export default function CycleSummary() {
  const { cycle, canEdit, people, rows, progress, stars, service } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const flagged = people.filter((p) => p.failedTwoYears);
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
      {result ? (
        <Notice tone={result.ok ? "success" : "error"}>
          {result.message}
          {result.errors.length ? (
            <ul className="mt-2 list-disc pl-5">
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
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
      <section className="card overflow-x-auto p-0" aria-labelledby="c1-h">
        <h2 id="c1-h" className="px-5 pt-4 text-lg font-medium">
          评价汇总表
        </h2>
        <p className="px-5 text-xs text-slate-500">
          “缺评”表示该项尚有自评、互评、负责人评分或客观数据未到，不按 0 分计。分数保留两位小数（截断）。
        </p>
        <table className="table mt-2 whitespace-nowrap text-sm" data-testid="c1-table">
          <thead>
            <tr>
              <th scope="col">一级指标</th>
              <th scope="col">二级指标</th>
              <th scope="col">分值</th>
              {people.map((p) => (
                <th key={p.personId} scope="col">
                  <Link className="link" to={`/center/evaluation/${cycle.id}/people/${p.personId}`}>
                    {p.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className={r.kind === "indicator" ? "" : "bg-slate-50 font-medium"}>
                <td className="text-slate-500">{r.group}</td>
                <th scope="row" className="text-left font-normal">
                  {r.name}
                </th>
                <td>{r.max}</td>
                {r.shown.map((v, i) => (
                  <td key={people[i].personId} className={`tabular-nums ${v === "缺评" ? "text-amber-700" : ""}`}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="bg-slate-50 font-medium">
              <td className="text-slate-500">结论</td>
              <th scope="row" className="text-left font-normal">
                评价结果
              </th>
              <td>≥{cycle.passMark}</td>
              {people.map((p) => (
                <td key={p.personId} className={p.passed === false ? "text-red-700" : p.passed ? "text-green-700" : "text-slate-500"}>
                  {p.verdict}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="stars-h">
          <h2 id="stars-h" className="text-lg font-medium">
            五力之星
          </h2>
          <p className="text-xs text-slate-500">各维度得分最高者（并列者均入选）。</p>
          <ul className="mt-3 space-y-1 text-sm">
            {stars.map((s) => (
              <li key={s.force}>
                <span className="font-medium">{s.title}</span>（{s.force}）：
                {s.winners.length ? s.winners.map((w) => `${w.name} ${w.score}`).join("、") : "暂无数据"}
                {s.tied ? "（并列）" : ""}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="service-h">
          <h2 id="service-h" className="text-lg font-medium">
            服务明星
          </h2>
          {service ? (
            <>
              <p className="text-xs text-slate-500">
                年度评价总分前 10%：{service.staffCount} 人参评，名额 {service.count} 人（按 10% 向上取整，至少 1 人；并列者全部入选）。
                {service.unscored ? `${service.unscored} 人尚有缺评项，未参与排名。` : ""}
              </p>
              <ul className="mt-3 space-y-1 text-sm">
                {service.winners.map((w) => (
                  <li key={w.personId}>
                    第 {w.rank} 名 {w.name}（{w.total} 分）
                  </li>
                ))}
                {service.winners.length === 0 ? <li className="text-slate-500">暂无完整得分的人员</li> : null}
              </ul>
              {service.tiedAtBoundary ? (
                <p className="mt-2 text-sm text-amber-800">末位并列，实际入选 {service.winners.length} 人。</p>
              ) : null}
            </>
          ) : null}
        </section>
      </div>
      {canEdit && cycle.status === "open" ? (
        <section className="card max-w-2xl" aria-labelledby="settings-h">
          <h2 id="settings-h" className="text-lg font-medium">
            评价设置
          </h2>
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-4">
            <input type="hidden" name="intent" value="settings" />
            <div>
              <label htmlFor="passMark" className="label">
                合格分数线
              </label>
              <input id="passMark" name="passMark" className="input w-32" inputMode="decimal" defaultValue={cycle.passMark} />
            </div>
            <div>
              <label htmlFor="ratingPenalty" className="label">
                好差评未整改扣减系数
              </label>
              <input
                id="ratingPenalty"
                name="ratingPenalty"
                className="input w-32"
                inputMode="decimal"
                defaultValue={cycle.ratingPenalty}
              />
            </div>
            <button className="btn-secondary">保存设置</button>
          </Form>
        </section>
      ) : null}
      {canEdit && cycle.status === "open" ? (
        <section className="card max-w-2xl" aria-labelledby="completion-h">
          <h2 id="completion-h" className="text-lg font-medium">
            导入工作完成度
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            从业务系统导出的 CSV，表头：身份证号,姓名,完成量,目标量。换算：工作完成度 = 25 × 完成量 ÷ 目标量（最高 25
            分）。也可在个人页面逐人录入。
          </p>
          <Form method="post" encType="multipart/form-data" className="mt-3 space-y-4">
            <input type="hidden" name="intent" value="completion" />
            <CsvFileFields id="completion-file" />
            <button className="btn-primary">导入</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
