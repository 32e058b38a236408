import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-sitting-detail";
import { audit } from "~/platform/audit.server";
import { getAuth } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { requireSitting } from "~/features/sittings/access.server";
import { httpError } from "~/platform/http.server";
import { assembleSittingPaper, finalizeOverdue, paperOf, registerCandidates } from "~/features/sittings/service.server";
import { issueCertificates, registrationEligibility } from "~/features/certificates/service.server";
import { typeMix } from "~/domain/assembly";
import { requiredProctors } from "~/domain/exam-rules";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDateTime } from "~/domain/time";
import { maskIdNumber } from "~/domain/id-number";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "考试场次"} · 考试安排` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  if (sitting.kind === "skill") throw redirect(`/center/skill-sittings/${sitting.id}`);
  const full = await db.sitting.findUniqueOrThrow({
    where: { id: sitting.id },
    include: {
      paper: true,
      rooms: {
        orderBy: { name: "asc" },
        include: {
          proctors: { include: { user: true } },
          registrations: { include: { person: true, attempt: true }, orderBy: { seat: "asc" } },
        },
      },
    },
  });
  const [proctorUsers, people] = await Promise.all([
    db.user.findMany({
      where: { centerId: sitting.centerId, active: true, roles: { some: { role: "proctor" } } },
      orderBy: { displayName: "asc" },
    }),
    db.person.findMany({
      where: { centerId: sitting.centerId, active: true, registrations: { none: { sittingId: sitting.id } } },
      orderBy: { name: "asc" },
    }),
  ]);
  const paper = full.paper ? paperOf(full.paper).paper : null;
  return {
    sitting: {
      id: full.id,
      title: full.title,
      level: LEVEL_LABELS[full.level as Level],
      startsAt: formatDateTime(full.startsAt),
      duration: full.durationMinutes,
      seed: full.seed,
      status: full.status,
      published: full.status === "published",
    },
    paper: paper && {
      bankVersion: paper.bankVersion,
      totalPoints: paper.totalPoints,
      sections: paper.sections.map((s) => ({
        area: s.area,
        weight: s.weight,
        points: s.points,
        items: s.items.length,
        mix: typeMix(s.weight),
        ownLevel: s.items.filter((i) => i.level === full.level || i.level === "common").length,
      })),
    },
    rooms: full.rooms.map((r) => {
      const required = requiredProctors(r.registrations.length);
      return {
        id: r.id,
        name: r.name,
        capacity: r.capacity,
        status: r.status,
        required,
        missing: Math.max(0, required - r.proctors.length),
        proctors: r.proctors.map((p) => ({ id: p.userId, name: p.user.displayName })),
        candidates: r.registrations.map((g) => ({
          id: g.id,
          ticket: g.ticketNumber,
          seat: g.seat,
          name: g.person.name,
          idNumber: maskIdNumber(g.person.idNumber),
          retake: g.retake,
          eligibility: g.eligibility,
          status: !g.attempt ? "未开始" : g.attempt.status === "submitted" ? "已交卷" : "作答中",
          score: g.attempt?.score ?? null,
          passed: g.attempt?.passed ?? null,
        })),
      };
    }),
    proctorUsers: proctorUsers.map((u) => ({ id: u.id, name: u.displayName })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

const RoomSchema = z.object({
  name: z.string().trim().min(1, "请填写考场名称").max(30),
  capacity: z.coerce.number().int().min(1, "容量至少为1").max(200, "容量不超过200"),
});

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, sitting } = await requireSitting(request, context, params.sittingId, "update");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = getAuth(context).clientAddress;
  const locked = sitting.status === "published";
  if (locked && intent !== "noop") httpError(409, "成绩已发布，场次不能再修改。");

  if (intent === "add-room") {
    const parsed = RoomSchema.safeParse({ name: form.get("name"), capacity: form.get("capacity") });
    if (!parsed.success) return data({ error: parsed.error.issues[0].message }, { status: 400 });
    await db.room.create({ data: { sittingId: sitting.id, ...parsed.data } });
    return data({ ok: "考场已添加。" });
  }
  if (intent === "assign-proctor") {
    const roomIdParsed = z.string().min(1).max(40).safeParse(form.get("roomId"));
    if (!roomIdParsed.success) return data({ error: "请选择考场。" }, { status: 400 });
    const roomId = roomIdParsed.data;
    const userId = z.string().max(40).safeParse(form.get("userId"));
    if (!userId.success || !userId.data) return data({ error: "请选择监考员。" }, { status: 400 });
    const room = await db.room.findUnique({ where: { id: roomId } });
    if (!room || room.sittingId !== sitting.id) httpError(404, "未找到该考场。");
    const proctor = await db.user.findFirst({
      where: { id: userId.data, centerId: sitting.centerId, roles: { some: { role: "proctor" } } },
    });
    if (!proctor) return data({ error: "只能指派本中心具有监考员角色的账号。" }, { status: 400 });
    await db.roomProctor.upsert({
      where: { roomId_userId: { roomId, userId: proctor.id } },
      create: { roomId, userId: proctor.id },
      update: {},
    });
    return data({ ok: `已指派监考员 ${proctor.displayName}。` });
  }
  if (intent === "register") {
    const parsedIds = z.array(z.string().max(40)).max(2000, "一次最多报名 2000 人").safeParse(form.getAll("personId"));
    if (!parsedIds.success) return data({ error: parsedIds.error.issues[0].message }, { status: 400 });
    const ids = parsedIds.data;
    if (ids.length === 0) return data({ error: "请选择要报名的人员。" }, { status: 400 });
    const { refusal, met } = await registrationEligibility(sitting.centerId, ids, sitting.level as Level, new Date());
    if (refusal) return data({ error: refusal }, { status: 400 });
    const r = await registerCandidates(sitting.id, ids, met);
    await audit({ action: "sitting.register", actor: user, target: sitting.id, ip, detail: r });
    return data({ ok: `已报名 ${r.registered} 人。` });
  }
  if (intent === "assemble") {
    await assembleSittingPaper(sitting.id);
    await audit({ action: "sitting.assemble", actor: user, target: sitting.id, ip, detail: { seed: sitting.seed } });
    return data({ ok: "已组卷。" });
  }
  if (intent === "publish") {
    const rooms = await db.room.findMany({ where: { sittingId: sitting.id } });
    const now = new Date();
    for (const r of rooms) await finalizeOverdue(r.id, now);
    const open = await db.attempt.count({ where: { registration: { sittingId: sitting.id }, status: "in_progress" } });
    if (open > 0) return data({ error: `还有 ${open} 名考生正在作答，不能发布成绩。` }, { status: 409 });
    await db.sitting.update({ where: { id: sitting.id }, data: { status: "published", publishedAt: now } });
    await audit({ action: "sitting.publish", actor: user, target: sitting.id, ip });
    const issued = await issueCertificates(sitting.id, now);
    return data({ ok: `成绩已发布，考生可以查看。${issued.length ? `理论与技能均合格者已颁发证书 ${issued.length} 本。` : ""}` });
  }
  httpError(400, "未知的操作。");
}

export default function SittingDetail() {
  const { sitting, paper, rooms, proctorUsers, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-6">
      <PageHeader
        title={sitting.title}
        description={`${sitting.level} · 理论知识考试 · ${sitting.startsAt} 开考 · ${sitting.duration} 分钟 · 组卷种子 ${sitting.seed}`}
        actions={
          <Link to="/center/sittings" className="btn-secondary">
            返回场次列表
          </Link>
        }
      />
      {actionData && "ok" in actionData ? <Notice tone="success">{actionData.ok}</Notice> : null}
      {actionData && "error" in actionData ? <Notice tone="error">{actionData.error}</Notice> : null}
      {sitting.published ? <Notice tone="success">成绩已发布。</Notice> : null}

      <section className="card" aria-labelledby="paper-h">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="paper-h" className="text-lg font-medium">
            试卷
          </h2>
          {!sitting.published ? (
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
            <p className="mb-3 text-sm text-slate-600">
              题库版本 {paper.bankVersion} · 总分 {paper.totalPoints} 分 · 判断、单选每题1分，多选每题2分（多选、少选、错选均不得分）
            </p>
            <table className="table" aria-label="组卷蓝图">
              <thead>
                <tr>
                  <th scope="col">鉴定范围</th>
                  <th scope="col">权重（%）</th>
                  <th scope="col">抽取分值</th>
                  <th scope="col">题数</th>
                  <th scope="col">判断/单选/多选</th>
                </tr>
              </thead>
              <tbody>
                {paper.sections.map((s) => (
                  <tr key={s.area}>
                    <td>{s.area}</td>
                    <td>{s.weight}</td>
                    <td>{s.points}</td>
                    <td>{s.items}</td>
                    <td>
                      {s.mix.判断} / {s.mix.单选} / {s.mix.多选}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 flex gap-3 text-sm">
              <Link className="link" to={`/center/sittings/${sitting.id}/print?v=A`} target="_blank">
                打印 A 卷
              </Link>
              <Link className="link" to={`/center/sittings/${sitting.id}/print?v=B`} target="_blank">
                打印 B 卷
              </Link>
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-600">尚未组卷。组卷按理论知识权重表抽题，每个鉴定范围的分值等于其权重。</p>
        )}
      </section>

      <section className="card" aria-labelledby="rooms-h">
        <h2 id="rooms-h" className="mb-3 text-lg font-medium">
          考场与监考
        </h2>
        <p className="mb-3 text-sm text-slate-600">每个考场的监考员不少于 2 名，且与考生之比不低于 1:15；人数不足的考场不能开考。</p>
        <div className="space-y-4">
          {rooms.map((r) => (
            <div key={r.id} className="rounded-md border border-slate-200 p-4" data-testid={`room-${r.name}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-medium">
                  {r.name}{" "}
                  <span className="text-sm text-slate-500">
                    （容量 {r.capacity}，已报名 {r.candidates.length}）
                  </span>
                </h3>
                {r.missing > 0 ? (
                  <span className="badge bg-red-100 text-red-800">
                    还缺 {r.missing} 名监考员（需 {r.required} 名）
                  </span>
                ) : (
                  <span className="badge bg-green-100 text-green-800">
                    监考员已满足（{r.proctors.length}/{r.required}）
                  </span>
                )}
              </div>
              <p className="mt-2 text-sm">监考员：{r.proctors.map((p) => p.name).join("、") || "未指派"}</p>
              {!sitting.published ? (
                <Form method="post" className="mt-2 flex items-end gap-2">
                  <input type="hidden" name="intent" value="assign-proctor" />
                  <input type="hidden" name="roomId" value={r.id} />
                  <label className="sr-only" htmlFor={`p-${r.id}`}>
                    选择监考员
                  </label>
                  <select id={`p-${r.id}`} name="userId" className="input w-48">
                    <option value="">选择监考员</option>
                    {proctorUsers.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                  <button className="btn-secondary" disabled={busy}>
                    指派
                  </button>
                </Form>
              ) : null}
              {r.candidates.length > 0 ? (
                <table className="table mt-3">
                  <thead>
                    <tr>
                      <th scope="col">座号</th>
                      <th scope="col">准考证号</th>
                      <th scope="col">姓名</th>
                      <th scope="col">身份证号</th>
                      <th scope="col">状态</th>
                      <th scope="col">成绩</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.candidates.map((c) => (
                      <tr key={c.id}>
                        <td>{c.seat}</td>
                        <td className="font-mono">{c.ticket}</td>
                        <td>
                          {c.name}
                          {c.retake ? <span className="badge ml-1">补考</span> : null}
                          {c.eligibility ? <span className="ml-1 text-xs text-slate-500">{c.eligibility}</span> : null}
                        </td>
                        <td className="font-mono text-xs">{c.idNumber}</td>
                        <td>{c.status}</td>
                        <td>{c.score === null ? "—" : `${c.score} 分 ${c.passed ? "合格" : "不合格"}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ))}
        </div>
        {!sitting.published ? (
          <Form method="post" className="mt-4 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="add-room" />
            <div>
              <label htmlFor="room-name" className="label">
                考场名称
              </label>
              <input id="room-name" name="name" className="input w-48" placeholder="第1考场" />
            </div>
            <div>
              <label htmlFor="room-cap" className="label">
                容量
              </label>
              <input id="room-cap" name="capacity" type="number" defaultValue={30} className="input w-28" />
            </div>
            <button className="btn-secondary" disabled={busy}>
              添加考场
            </button>
          </Form>
        ) : null}
      </section>

      {!sitting.published ? (
        <section className="card" aria-labelledby="reg-h">
          <h2 id="reg-h" className="mb-3 text-lg font-medium">
            报名
          </h2>
          {people.length === 0 ? (
            <p className="text-sm text-slate-600">本中心人员均已报名。</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="register" />
              <fieldset className="grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-3">
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
          )}
        </section>
      ) : null}

      {!sitting.published ? (
        <section className="card">
          <h2 className="mb-2 text-lg font-medium">发布成绩</h2>
          <p className="mb-3 text-sm text-slate-600">
            全部考生交卷（或到时自动交卷）后发布；发布后考生可看到分数、是否合格和各鉴定范围得分。
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button className="btn-primary" disabled={busy}>
              发布成绩
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
