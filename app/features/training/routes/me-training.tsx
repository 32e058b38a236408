import { useLoaderData } from "react-router";
import type { Route } from "./+types/me-training";
import { requireUserWithPermission } from "~/platform/auth.server";
import { eligibilityFacts, trainingProgress } from "~/features/certificates/index.server";
import { ownCourses } from "~/features/training/service.server";
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
  if (!user.personId) return { progress: null, eligibility: [], courses: [] };
  const [progress, facts, courses] = await Promise.all([
    trainingProgress(user.personId),
    eligibilityFacts(user.personId),
    ownCourses(user.personId),
  ]);
  const today = shanghaiToday(new Date());
  return {
    progress: LEVELS.map((l) => ({ level: l, label: LEVEL_LABELS[l], ...progress[l] })),
    eligibility: LEVELS.map((l) => {
      const r = evaluateEligibility(facts, l, today);
      return { level: l, label: LEVEL_LABELS[l], eligible: r.eligible, metBy: r.metBy, conditions: r.conditions };
    }),
    courses,
  };
}

export default function MyTraining() {
  const { progress, eligibility, courses } = useLoaderData<typeof loader>();
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
