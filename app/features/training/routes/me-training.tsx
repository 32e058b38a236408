import { useLoaderData } from "react-router";
import type { Route } from "./+types/me-training";
import { requireUserWithPermission } from "~/platform/auth.server";
import { eligibilityFacts, trainingProgress } from "~/features/certificates/index.server";
import { ownCourses } from "~/features/training/service.server";
import { myWeakAreas } from "~/features/training/weak-areas.server";
import { evaluateEligibility } from "~/domain/eligibility";
import { LEVELS, LEVEL_LABELS } from "~/domain/levels";
import { shanghaiToday } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";
import { ProgressBar } from "~/platform/ui/progress";

export function meta() {
  return [{ title: "我的培训 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:training:own");
  if (!user.personId) return { progress: null, eligibility: [], courses: [], weak: [] };
  const [progress, facts, courses, weak] = await Promise.all([
    trainingProgress(user.personId),
    eligibilityFacts(user.personId),
    ownCourses(user.personId),
    myWeakAreas(user.personId, new Date()),
  ]);
  const today = shanghaiToday(new Date());
  return {
    progress: LEVELS.map((l) => ({ level: l, label: LEVEL_LABELS[l], ...progress[l] })),
    eligibility: LEVELS.map((l) => {
      const r = evaluateEligibility(facts, l, today);
      return { level: l, label: LEVEL_LABELS[l], eligible: r.eligible, metBy: r.metBy, conditions: r.conditions };
    }),
    courses,
    weak,
  };
}

const ASSIGNMENT_STATUS: Record<string, string> = { assigned: "已指派", attended: "已出勤", completed: "已结业" };

export default function MyTraining() {
  const { progress, eligibility, courses, weak } = useLoaderData<typeof loader>();
  if (!progress) return <Notice>本账号未关联人员档案。</Notice>;
  return (
    <div className="space-y-6">
      <PageHeader title="我的培训" description="已结业课程的学时计入对应等级的标准学时（五级160、四级120、三级80学时）。" />
      <section className="card space-y-4" aria-labelledby="hours-h">
        <h2 id="hours-h" className="text-lg font-medium">
          标准学时进度
        </h2>
        {progress.map((p) => (
          <div key={p.level}>
            <ProgressBar label={`${p.label}培训学时`} value={p.hours} max={p.standard} />
            <p className="mt-1 text-xs text-slate-500">
              {p.passed ? "已完成标准学时培训并考核合格" : "标准学时培训尚未完成或考核尚未合格"}
            </p>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="elig-h">
        <h2 id="elig-h" className="mb-3 text-lg font-medium">
          申报条件
        </h2>
        <ul className="space-y-3">
          {eligibility.map((e) => (
            <li key={e.level} data-testid={`eligibility-${e.level}`}>
              <p className="font-medium">
                {e.label}：
                {e.eligible ? (
                  <span className="text-green-700">符合申报条件（{e.metBy}）</span>
                ) : (
                  <span className="text-red-700">暂不符合</span>
                )}
              </p>
              {!e.eligible ? (
                <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                  {e.conditions.map((c) => (
                    <li key={c.code}>
                      {c.code}：{c.missing.join("；")}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {weak.length > 0 ? (
        <section className="card space-y-4" aria-labelledby="weak-h">
          <div>
            <h2 id="weak-h" className="text-lg font-medium">
              考试薄弱环节
            </h2>
            <p className="mt-1 text-sm text-slate-600">按失分从多到少列出未通过部分的技能领域和技能要求，以及本中心讲授这些内容的课程。</p>
          </div>
          {weak.map((w) => (
            <div key={w.registrationId} className="space-y-2" data-testid={`weak-part-${w.kind}-${w.level}`}>
              <h3 className="font-medium">
                {w.label}：{w.score} 分（未通过，失分 {w.weak.lost} / {w.weak.max}）
              </h3>
              <p className="text-sm">
                失分领域：
                {w.weak.areas.map((a) => `${a.area} ${a.lost}/${a.max} 分`).join("；")}
              </p>
              <div className="overflow-x-auto">
                <table className="table">
                  <caption className="sr-only">{w.label}失分最多的技能要求</caption>
                  <thead>
                    <tr>
                      <th scope="col">技能要求</th>
                      <th scope="col">工作内容</th>
                      <th scope="col">失分</th>
                    </tr>
                  </thead>
                  <tbody>
                    {w.weak.requirements.map((r) => (
                      <tr key={r.requirement}>
                        <td className="font-mono text-sm">{r.requirement}</td>
                        <td>{r.workContent}</td>
                        <td>
                          {r.lost} / {r.max}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {w.courses.length > 0 ? (
                <ul className="list-disc pl-5 text-sm">
                  {w.courses.map((c) => (
                    <li key={c.id}>
                      推荐课程：{c.title}（{c.hours} 学时，覆盖 {c.codes.join("、")}）
                      {c.status ? `· ${ASSIGNMENT_STATUS[c.status] ?? c.status}` : "· 尚未指派，可向培训管理员申请"}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">本中心暂无覆盖这些技能要求的课程。</p>
              )}
            </div>
          ))}
        </section>
      ) : null}
      <section className="card overflow-x-auto p-0" aria-labelledby="courses-h">
        <h2 id="courses-h" className="px-5 pt-4 text-lg font-medium">
          我的课程
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th scope="col">课程</th>
              <th scope="col">等级</th>
              <th scope="col">学时</th>
              <th scope="col">内容</th>
              <th scope="col">状态</th>
              <th scope="col">考核</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((c) => (
              <tr key={c.id}>
                <td>{c.title}</td>
                <td>{c.level}</td>
                <td>{c.hours}</td>
                <td>{c.topic}</td>
                <td>{c.status}</td>
                <td>{c.assessment}</td>
              </tr>
            ))}
            {courses.length === 0 ? (
              <tr>
                <td colSpan={6} className="text-slate-500">
                  暂无课程
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </div>
  );
}
