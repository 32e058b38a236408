import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-sittings";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors, formToObject, httpError } from "~/platform/http.server";
import { LEVELS, LEVEL_LABELS, type Level } from "~/domain/levels";
import { MIN_DURATION_MINUTES } from "~/domain/exam-rules";
import { formatDateTime } from "~/domain/time";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "考试安排 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:sitting:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const sittings = await db.sitting.findMany({
    where: { centerId: user.centerId },
    orderBy: { startsAt: "desc" },
    include: { _count: { select: { registrations: true, rooms: true } } },
  });
  return {
    sittings: sittings.map((s) => ({
      id: s.id,
      href: s.kind === "skill" ? `/center/skill-sittings/${s.id}` : `/center/sittings/${s.id}`,
      title: s.title,
      level: LEVEL_LABELS[s.level as Level],
      kind: s.kind === "theory" ? "理论知识考试" : "技能考核",
      startsAt: formatDateTime(s.startsAt),
      duration: s.durationMinutes,
      rooms: s._count.rooms,
      candidates: s._count.registrations,
      status: s.status === "published" ? "成绩已发布" : s.status === "scoring" ? "评分中" : s.paperId ? "已组卷" : "未组卷",
    })),
  };
}

const SittingSchema = z.object({
  title: z.string().trim().min(2, "请填写场次名称").max(60, "名称过长"),
  level: z.enum(LEVELS, { message: "请选择等级" }),
  kind: z.enum(["theory", "skill"], { message: "请选择考核类型" }),
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "请填写开考时间"),
  durationMinutes: z.coerce
    .number({ message: "请填写时长" })
    .int("时长应为整数分钟")
    .min(MIN_DURATION_MINUTES, `考试时长不得少于 ${MIN_DURATION_MINUTES} 分钟`)
    .max(240, "考试时长不超过 240 分钟"),
  seed: z.coerce.number().int().min(1).max(999_999).optional(),
});

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:sitting:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const values = formToObject(await request.formData());
  const parsed = SittingSchema.safeParse({ ...values, seed: values.seed || undefined });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const startsAt = new Date(`${parsed.data.startsAt}:00+08:00`);
  const sitting = await db.sitting.create({
    data: {
      centerId: user.centerId,
      kind: parsed.data.kind,
      level: parsed.data.level,
      title: parsed.data.title,
      startsAt,
      durationMinutes: parsed.data.durationMinutes,
      seed: parsed.data.seed ?? 1 + Math.floor(Math.random() * 999_999),
      createdById: user.id,
    },
  });
  await audit({
    action: "sitting.create",
    actor: user,
    target: sitting.id,
    ip: getAuth(context).clientAddress,
    detail: { title: sitting.title },
  });
  return redirect(sitting.kind === "skill" ? `/center/skill-sittings/${sitting.id}` : `/center/sittings/${sitting.id}`);
}

export default function Sittings() {
  const { sittings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v: Record<string, string> = actionData?.values ?? {};
  return (
    <div className="space-y-6">
      <PageHeader title="考试安排" description="理论知识考试与技能考核场次：考场或考评组、报名、组卷、评分与成绩发布。" />
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">场次</th>
              <th scope="col">等级</th>
              <th scope="col">开考时间（北京时间）</th>
              <th scope="col">时长</th>
              <th scope="col">考场</th>
              <th scope="col">考生</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {sittings.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={s.href} className="link font-medium">
                    {s.title}
                  </Link>
                  <div className="text-xs text-slate-500">{s.kind}</div>
                </td>
                <td>{s.level}</td>
                <td>{s.startsAt}</td>
                <td>{s.duration} 分钟</td>
                <td>{s.rooms}</td>
                <td>{s.candidates}</td>
                <td>
                  <span className="badge">{s.status}</span>
                </td>
              </tr>
            ))}
            {sittings.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-slate-500">
                  尚无考试场次
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card max-w-3xl space-y-4" noValidate>
        <h2 className="text-lg font-medium">新建考试场次</h2>
        {Object.keys(errors).length ? <Notice tone="error">请修正标出的错误。</Notice> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="场次名称" name="title" error={errors.title}>
            <input id="title" name="title" defaultValue={v.title} className="input" placeholder="例如：2026年第4期四级理论考试" />
          </Field>
          <Field label="等级" name="level" error={errors.level}>
            <select id="level" name="level" defaultValue={v.level ?? ""} className="input">
              <option value="">请选择</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="考核类型" name="kind" error={errors.kind}>
            <select id="kind" name="kind" defaultValue={v.kind ?? "theory"} className="input">
              <option value="theory">理论知识考试（机考）</option>
              <option value="skill">技能考核（考评组评分）</option>
            </select>
          </Field>
          <Field label="开考时间（北京时间）" name="startsAt" error={errors.startsAt}>
            <input id="startsAt" name="startsAt" type="datetime-local" defaultValue={v.startsAt} className="input" />
          </Field>
          <Field label="考试时长（分钟）" name="durationMinutes" error={errors.durationMinutes} hint="不少于60分钟">
            <input
              id="durationMinutes"
              name="durationMinutes"
              type="number"
              min={60}
              defaultValue={v.durationMinutes ?? "90"}
              className="input"
            />
          </Field>
          <Field label="组卷随机种子（可不填）" name="seed" error={errors.seed} hint="同一题库版本与种子得到同一试卷">
            <input id="seed" name="seed" type="number" defaultValue={v.seed} className="input" />
          </Field>
        </div>
        <button type="submit" className="btn-primary">
          创建场次
        </button>
      </Form>
    </div>
  );
}
