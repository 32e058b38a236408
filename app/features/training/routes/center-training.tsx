import { useLoaderData } from "react-router";
import type { Route } from "./+types/center-training";
import { requireUserWithPermission } from "~/platform/auth.server";
import { trainingProgressOf } from "~/features/certificates/index.server";
import { trainingPlan } from "~/features/training/service.server";
import { httpError } from "~/platform/http.server";
import { LEVELS, LEVEL_LABELS } from "~/domain/levels";
import { PageHeader } from "~/platform/ui/page";
import { ProgressBar } from "~/platform/ui/progress";

export function meta() {
  return [{ title: "培训计划 · 政务服务综合窗口办事员" }];
}

// The center's annual training plan (seed 001: targets, content, time, responsible person) and
// every staff member's hours against the standard of each level.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:training:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const { plan, people } = await trainingPlan(user.centerId);
  const byPerson = await trainingProgressOf(people.map((p) => p.id));
  const progress = people.map((p) => ({ ...p, progress: byPerson.get(p.id)! }));
  return {
    plan,
    staff: progress.map((p) => ({
      ...p,
      bars: LEVELS.map((l) => ({ level: l, label: LEVEL_LABELS[l], hours: p.progress[l].hours, standard: p.progress[l].standard })),
    })),
  };
}

export default function CenterTraining() {
  const { plan, staff } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title="年度培训计划与学时" description="培训对象、内容、时间、责任人，以及每位人员各等级的标准学时进度。" />
      <div className="card overflow-x-auto p-0">
        <table className="table" aria-label="年度培训计划">
          <thead>
            <tr>
              <th scope="col">培训对象</th>
              <th scope="col">课程</th>
              <th scope="col">内容</th>
              <th scope="col">等级/学时</th>
              <th scope="col">时间</th>
              <th scope="col">责任人</th>
              <th scope="col">已指派</th>
            </tr>
          </thead>
          <tbody>
            {plan.map((c) => (
              <tr key={c.id}>
                <td>{c.target}</td>
                <td>{c.title}</td>
                <td>{c.topic}</td>
                <td>
                  {c.level} · {c.hours} 学时
                </td>
                <td>{c.time}</td>
                <td>{c.responsible}</td>
                <td>{c.assigned}</td>
              </tr>
            ))}
            {plan.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-slate-500">
                  尚无培训计划，请由培训师在“培训管理”中创建课程。
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="hours-h">
        <h2 id="hours-h" className="mb-3 text-lg font-medium">
          人员学时
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {staff.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-200 p-3">
              <p className="mb-2 font-medium">
                {s.name} <span className="text-sm font-normal text-slate-500">{s.staffRole}</span>
              </p>
              <div className="space-y-2">
                {s.bars.map((b) => (
                  <ProgressBar key={b.level} label={`${s.name} ${b.label}`} value={b.hours} max={b.standard} />
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
