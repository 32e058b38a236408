import { Form, Link } from "react-router";
import { constraintsOf, errorOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { RoomSchema } from "../schemas";

type Paper = {
  bankVersion: string;
  totalPoints: number;
  sections: { area: string; weight: number; points: number; items: number; mix: Record<"判断" | "单选" | "多选", number> }[];
} | null;

export function PaperSection({
  sittingId,
  paper,
  assembleRefusal,
  published,
  busy,
}: {
  sittingId: string;
  paper: Paper;
  assembleRefusal: string | null;
  published: boolean;
  busy: boolean;
}) {
  return (
    <section className="card" aria-labelledby="paper-h">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="paper-h" className="text-lg font-medium">
          试卷
        </h2>
        {assembleRefusal === null ? (
          <Form method="post">
            <input type="hidden" name="intent" value="assemble" />
            <button type="submit" className="btn-primary" disabled={busy}>
              {paper ? "重新组卷" : "组卷"}
            </button>
          </Form>
        ) : !published ? (
          <p className="text-sm text-slate-600">{assembleRefusal}</p>
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
            <Link className="link" to={`/center/sittings/${sittingId}/print?v=A`} target="_blank">
              打印 A 卷
            </Link>
            <Link className="link" to={`/center/sittings/${sittingId}/print?v=B`} target="_blank">
              打印 B 卷
            </Link>
          </p>
        </>
      ) : (
        <p className="text-sm text-slate-600">尚未组卷。组卷按理论知识权重表抽题，每个鉴定范围的分值等于其权重。</p>
      )}
    </section>
  );
}

type RoomRow = {
  id: string;
  name: string;
  capacity: number;
  stateLabel: string;
  required: number;
  missing: number;
  proctors: { id: string; name: string }[];
  candidates: {
    id: string;
    ticket: string;
    seat: number;
    name: string;
    idNumber: string;
    retake: boolean;
    eligibility: string | null;
    status: string;
    score: number | null;
    passed: boolean | null;
  }[];
};

export function RoomsSection({
  rooms,
  proctorUsers,
  editable,
  busy,
  result,
}: {
  rooms: RoomRow[];
  proctorUsers: { id: string; name: string }[];
  editable: boolean;
  busy: boolean;
  result: ActionResult | undefined;
}) {
  return (
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
                </span>{" "}
                <span className="badge">{r.stateLabel}</span>
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
            {editable ? (
              <Form method="post" className="mt-2 flex items-end gap-2">
                <input type="hidden" name="intent" value="assign-proctor" />
                <input type="hidden" name="roomId" value={r.id} />
                <Field label="选择监考员" name="userId" id={`p-${r.id}`} hideLabel>
                  {(p) => (
                    <select {...p} className="input w-48">
                      <option value="">选择监考员</option>
                      {proctorUsers.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="submit" className="btn-secondary" disabled={busy}>
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
      {editable ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="add-room" />
          <Field label="考场名称" name="name" id="room-name" error={errorOf(result, "name")}>
            {(p) => <input {...p} className="input w-48" placeholder="第1考场" {...constraintsOf(RoomSchema.shape.name)} />}
          </Field>
          <Field label="容量" name="capacity" id="room-cap" error={errorOf(result, "capacity")}>
            {(p) => <input {...p} type="number" min={1} max={200} defaultValue={30} className="input w-28" />}
          </Field>
          <button type="submit" className="btn-secondary" disabled={busy}>
            添加考场
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function RegistrationSection({ people, busy }: { people: { id: string; name: string; staffRole: string | null }[]; busy: boolean }) {
  return (
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
          <button type="submit" className="btn-primary mt-3" disabled={busy}>
            为所选人员报名
          </button>
        </Form>
      )}
    </section>
  );
}

export function PublishSection({ publishRefusal, busy }: { publishRefusal: string | null; busy: boolean }) {
  return (
    <section className="card">
      <h2 className="mb-2 text-lg font-medium">发布成绩</h2>
      <p className="mb-3 text-sm text-slate-600">
        全部考场结束（考生全部交卷或到时自动交卷）后发布；发布后考生可看到分数、是否合格和各鉴定范围得分。
      </p>
      {publishRefusal === null ? (
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="btn-primary" disabled={busy}>
            发布成绩
          </button>
        </Form>
      ) : (
        <p className="text-sm text-amber-800" data-testid="publish-refusal">
          {publishRefusal}
        </p>
      )}
    </section>
  );
}
