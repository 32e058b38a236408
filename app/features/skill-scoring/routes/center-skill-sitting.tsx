import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-skill-sitting";
import { audit } from "~/platform/audit.server";
import { getAuth } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { requireSitting } from "~/features/sittings/access.server";
import { httpError } from "~/platform/http.server";
import { issueCertificates, registrationEligibility } from "~/features/certificates/service.server";
import {
  assembleSkillSittingPaper,
  computeSkillResults,
  groupStaffing,
  registerIntoGroup,
  skillPaperOf,
} from "~/features/skill-scoring/service.server";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { displayScore } from "~/domain/skill";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "技能考核"} · 考试安排` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read", "skill");
  const full = await db.sitting.findUniqueOrThrow({
    where: { id: sitting.id },
    include: {
      paper: true,
      groups: {
        orderBy: { name: "asc" },
        include: {
          examiners: { include: { user: true } },
          registrations: { orderBy: { seat: "asc" }, include: { person: true, skillResult: true } },
        },
      },
    },
  });
  const [examinerUsers, people, staffing] = await Promise.all([
    db.user.findMany({
      where: { centerId: sitting.centerId, active: true, roles: { some: { role: { in: ["examiner", "chief_examiner"] } } } },
      include: { roles: true },
      orderBy: { displayName: "asc" },
    }),
    db.person.findMany({
      where: { centerId: sitting.centerId, active: true, registrations: { none: { sittingId: sitting.id } } },
      orderBy: { name: "asc" },
    }),
    Promise.all(full.groups.map((g) => groupStaffing(g.id))),
  ]);
  const paper = full.paper ? skillPaperOf(full.paper).paper : null;
  return {
    sitting: {
      id: full.id,
      title: full.title,
      level: LEVEL_LABELS[full.level as Level],
      startsAt: formatDateTime(full.startsAt),
      status: full.status,
      seed: full.seed,
    },
    paper: paper && {
      bankVersion: paper.bankVersion,
      totalPoints: paper.totalPoints,
      minutes: paper.minutes,
      sections: paper.sections.map((s) => ({
        area: s.area,
        weight: s.weight,
        points: s.points,
        tasks: s.items.map((i) => ({ id: i.id, title: i.title, points: i.points, minutes: i.minutes, criteria: i.criteria.length })),
      })),
    },
    groups: full.groups.map((g, gi) => ({
      id: g.id,
      name: g.name,
      staffing: staffing[gi],
      examiners: g.examiners.map((e) => ({ id: e.userId, name: e.user.displayName, isChief: e.isChief })),
      candidates: g.registrations.map((r) => ({
        id: r.id,
        ticket: r.ticketNumber,
        name: r.person.name,
        result: r.skillResult ? { score: displayScore(r.skillResult.score), passed: r.skillResult.passed } : null,
      })),
    })),
    examinerUsers: examinerUsers.map((u) => ({ id: u.id, name: u.displayName, chief: u.roles.some((r) => r.role === "chief_examiner") })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, sitting } = await requireSitting(request, context, params.sittingId, "update", "skill");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = getAuth(context).clientAddress;
  const now = new Date();
  if (sitting.status === "published") httpError(409, "成绩已发布，场次不能再修改。");
  const setupOnly = () => {
    if (sitting.status !== "scheduled") httpError(409, "评分已开始，考评组、报名和试卷不能再修改。");
  };

  if (intent === "assemble") {
    setupOnly();
    await assembleSkillSittingPaper(sitting.id);
    await audit({ action: "sitting.assemble", actor: user, target: sitting.id, ip, detail: { seed: sitting.seed, kind: "skill" } });
    return data({ ok: "已组卷。" });
  }
  if (intent === "add-group") {
    setupOnly();
    const name = z.string().trim().min(1, "请填写考评组名称").max(30).safeParse(form.get("name"));
    if (!name.success) return data({ error: name.error.issues[0].message }, { status: 400 });
    await db.examinerGroup.create({ data: { sittingId: sitting.id, name: name.data } });
    return data({ ok: "考评组已添加。" });
  }
  if (intent === "assign-examiner") {
    setupOnly();
    const p = z
      .object({ groupId: z.string().max(40), userId: z.string().min(1, "请选择考评员").max(40), chief: z.enum(["0", "1"]) })
      .safeParse({
        groupId: form.get("groupId"),
        userId: form.get("userId"),
        chief: form.get("chief") ? "1" : "0",
      });
    if (!p.success) return data({ error: p.error.issues[0].message }, { status: 400 });
    const group = await db.examinerGroup.findUnique({ where: { id: p.data.groupId } });
    if (!group || group.sittingId !== sitting.id) httpError(404, "未找到该考评组。");
    const role = p.data.chief === "1" ? "chief_examiner" : "examiner";
    const examiner = await db.user.findFirst({ where: { id: p.data.userId, centerId: sitting.centerId, roles: { some: { role } } } });
    if (!examiner)
      return data(
        { error: p.data.chief === "1" ? "考评组长须具有考评组长角色。" : "只能指派本中心具有考评员角色的账号。" },
        { status: 400 },
      );
    if (
      p.data.chief === "1" &&
      (await db.groupExaminer.count({ where: { groupId: group.id, isChief: true, NOT: { userId: examiner.id } } })) > 0
    ) {
      return data({ error: "每个考评组只能有一名考评组长。" }, { status: 400 });
    }
    await db.groupExaminer.upsert({
      where: { groupId_userId: { groupId: group.id, userId: examiner.id } },
      create: { groupId: group.id, userId: examiner.id, isChief: p.data.chief === "1" },
      update: { isChief: p.data.chief === "1" },
    });
    return data({ ok: `已指派 ${examiner.displayName}${p.data.chief === "1" ? "（考评组长）" : ""}。` });
  }
  if (intent === "register") {
    setupOnly();
    const groupId = z.string().min(1).max(40).safeParse(form.get("groupId"));
    const parsedIds = z.array(z.string().max(40)).max(500, "一次最多报名 500 人").safeParse(form.getAll("personId"));
    if (!parsedIds.success) return data({ error: parsedIds.error.issues[0].message }, { status: 400 });
    const ids = parsedIds.data;
    if (!groupId.success) return data({ error: "请选择考评组。" }, { status: 400 });
    if (ids.length === 0) return data({ error: "请选择要报名的人员。" }, { status: 400 });
    const { refusal, met } = await registrationEligibility(sitting.centerId, ids, sitting.level as Level, now);
    if (refusal) return data({ error: refusal }, { status: 400 });
    const registered = await registerIntoGroup(sitting, groupId.data, ids, met);
    await audit({ action: "sitting.register", actor: user, target: sitting.id, ip, detail: { registered } });
    return data({ ok: `已报名 ${registered} 人。` });
  }
  if (intent === "start-scoring") {
    setupOnly();
    if (!sitting.paperId) return data({ error: "尚未组卷，不能开始评分。" }, { status: 409 });
    const groups = await db.examinerGroup.findMany({ where: { sittingId: sitting.id } });
    if (groups.length === 0) return data({ error: "请先添加考评组。" }, { status: 409 });
    for (const g of groups) {
      const s = await groupStaffing(g.id);
      if (s.candidates === 0) return data({ error: `${g.name}没有考生。` }, { status: 409 });
      if (!s.ok) {
        return data(
          {
            error: `${g.name}考评员不足：${s.candidates} 名考生需至少 ${s.required} 名考评员且为单数，还缺 ${s.missing} 名${s.hasChief ? "" : "，且须指定考评组长"}，不能开始评分。`,
          },
          { status: 409 },
        );
      }
    }
    await db.sitting.update({ where: { id: sitting.id }, data: { status: "scoring" } });
    await audit({ action: "sitting.start_scoring", actor: user, target: sitting.id, ip });
    return data({ ok: "已开始评分，考评员可以开始打分。" });
  }
  if (intent === "publish") {
    if (sitting.status !== "scoring") return data({ error: "尚未开始评分。" }, { status: 409 });
    const { pending } = await computeSkillResults(sitting.id, now);
    if (pending > 0) return data({ error: `还有 ${pending} 名考生的评分未完成或待考评组长复核，不能发布。` }, { status: 409 });
    await db.sitting.update({ where: { id: sitting.id }, data: { status: "published", publishedAt: now } });
    await audit({ action: "sitting.publish", actor: user, target: sitting.id, ip });
    const issued = await issueCertificates(sitting.id, now);
    return data({ ok: `成绩已发布，考生可以查看。${issued.length ? `理论与技能均合格者已颁发证书 ${issued.length} 本。` : ""}` });
  }
  httpError(400, "未知的操作。");
}

export default function SkillSitting() {
  const { sitting, paper, groups, examinerUsers, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const setup = sitting.status === "scheduled";
  return (
    <div className="space-y-6">
      <PageHeader
        title={sitting.title}
        description={`${sitting.level} · 技能考核 · ${sitting.startsAt} · 组卷种子 ${sitting.seed} · ${sitting.status === "published" ? "成绩已发布" : sitting.status === "scoring" ? "评分中" : "准备中"}`}
        actions={
          <>
            <Link to={`/center/skill-sittings/${sitting.id}/audit`} className="btn-secondary">
              评分记录
            </Link>
            <Link to="/center/sittings" className="btn-secondary">
              返回场次列表
            </Link>
          </>
        }
      />
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}

      <section className="card" aria-labelledby="paper-h">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="paper-h" className="text-lg font-medium">
            技能考核试卷
          </h2>
          {setup ? (
            <Form method="post">
              <input type="hidden" name="intent" value="assemble" />
              <button className="btn-primary" disabled={busy}>
                {paper ? "重新组卷" : "组卷"}
              </button>
            </Form>
          ) : null}
        </div>
        {paper ? (
          <>
            <p className="mb-2 text-sm text-slate-600">
              题库版本 {paper.bankVersion} · 总分 {paper.totalPoints} 分 · 合计 {paper.minutes} 分钟
            </p>
            <table className="table" aria-label="技能考核蓝图">
              <thead>
                <tr>
                  <th scope="col">鉴定范围</th>
                  <th scope="col">权重</th>
                  <th scope="col">任务</th>
                  <th scope="col">分值</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody>
                {paper.sections.flatMap((s) =>
                  s.tasks.map((t, i) => (
                    <tr key={t.id}>
                      {i === 0 ? <td rowSpan={s.tasks.length}>{s.area}</td> : null}
                      {i === 0 ? <td rowSpan={s.tasks.length}>{s.weight}</td> : null}
                      <td>
                        {t.title}
                        <span className="ml-1 text-xs text-slate-500">
                          {t.id} · {t.criteria} 项评分要素
                        </span>
                      </td>
                      <td>{t.points}</td>
                      <td>{t.minutes} 分钟</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </>
        ) : (
          <p className="text-sm text-slate-600">
            尚未组卷。组卷按技能要求权重表选取任务，每个鉴定范围的任务分值之和等于其权重，必考项必选。
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="groups-h">
        <h2 id="groups-h" className="mb-2 text-lg font-medium">
          考评组
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          每组考评员不少于 3 名且为单数，与考生之比不低于 1:5，其中一名为考评组长。考评员只看到考生的准考证号。
        </p>
        <div className="space-y-4">
          {groups.map((g) => (
            <div key={g.id} className="rounded-md border border-slate-200 p-4" data-testid={`group-${g.name}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-medium">
                  {g.name} <span className="text-sm text-slate-500">（考生 {g.candidates.length} 名）</span>
                </h3>
                {g.staffing.ok ? (
                  <span className="badge bg-green-100 text-green-800">考评员已满足（{g.staffing.examiners} 名）</span>
                ) : (
                  <span className="badge bg-red-100 text-red-800">
                    {g.staffing.missing > 0 ? `还缺 ${g.staffing.missing} 名考评员（需至少 ${g.staffing.required} 名，单数）` : ""}
                    {!g.staffing.hasChief ? (g.staffing.missing > 0 ? "；" : "") + "未指定考评组长" : ""}
                  </span>
                )}
              </div>
              <p className="mt-2 text-sm">
                考评员：{g.examiners.map((e) => e.name + (e.isChief ? "（组长）" : "")).join("、") || "未指派"}
              </p>
              {setup ? (
                <Form key={g.examiners.map((e) => e.id + e.isChief).join()} method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="assign-examiner" />
                  <input type="hidden" name="groupId" value={g.id} />
                  <label className="sr-only" htmlFor={`e-${g.id}`}>
                    选择考评员
                  </label>
                  <select id={`e-${g.id}`} name="userId" className="input w-48">
                    <option value="">选择考评员</option>
                    {examinerUsers.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                        {u.chief ? "（可任组长）" : ""}
                      </option>
                    ))}
                  </select>
                  <label className="inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name="chief" value="1" className="size-4" />
                    任考评组长
                  </label>
                  <button className="btn-secondary" disabled={busy}>
                    指派
                  </button>
                </Form>
              ) : null}
              {g.candidates.length ? (
                <table className="table mt-3">
                  <thead>
                    <tr>
                      <th scope="col">准考证号</th>
                      <th scope="col">姓名</th>
                      <th scope="col">成绩</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.candidates.map((c) => (
                      <tr key={c.id}>
                        <td className="font-mono">{c.ticket}</td>
                        <td>{c.name}</td>
                        <td>{c.result ? `${c.result.score} 分 ${c.result.passed ? "合格" : "不合格"}` : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ))}
        </div>
        {setup ? (
          <Form method="post" className="mt-4 flex items-end gap-2">
            <input type="hidden" name="intent" value="add-group" />
            <div>
              <label htmlFor="group-name" className="label">
                考评组名称
              </label>
              <input id="group-name" name="name" className="input w-48" placeholder="第1考评组" />
            </div>
            <button className="btn-secondary" disabled={busy}>
              添加考评组
            </button>
          </Form>
        ) : null}
      </section>

      {setup && groups.length > 0 ? (
        <section className="card" aria-labelledby="reg-h">
          <h2 id="reg-h" className="mb-3 text-lg font-medium">
            报名
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="register" />
            <label htmlFor="reg-group" className="label">
              编入考评组
            </label>
            <select id="reg-group" name="groupId" className="input mb-3 w-48">
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <fieldset className="grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-3">
              <legend className="sr-only">选择报名人员</legend>
              {people.map((p) => (
                <label key={p.id} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="personId" value={p.id} className="size-4" />
                  {p.name}
                  <span className="text-slate-500">{p.staffRole}</span>
                </label>
              ))}
            </fieldset>
            <button className="btn-primary mt-3" disabled={busy}>
              为所选人员报名
            </button>
          </Form>
        </section>
      ) : null}

      {sitting.status !== "published" ? (
        <section className="card flex flex-wrap gap-3">
          {setup ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start-scoring" />
              <button className="btn-primary" disabled={busy}>
                开始评分
              </button>
            </Form>
          ) : null}
          {sitting.status === "scoring" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button className="btn-primary" disabled={busy}>
                发布成绩
              </button>
            </Form>
          ) : null}
          <p className="text-sm text-slate-600">
            开始评分前须组卷、每个考评组人数符合要求；全部评分完成且分差过大的任务经考评组长复核后方可发布。
          </p>
        </section>
      ) : (
        <Notice tone="success">成绩已发布。</Notice>
      )}
    </div>
  );
}
