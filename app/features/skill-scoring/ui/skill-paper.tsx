import { Form, useNavigation } from "react-router";
import type { SkillSittingPage } from "~/features/skill-scoring/service.server";

/** The sitting's skill paper: its blueprint by area, or how assembly works; (re-)assembly while it is set up. */
export function SkillPaperSection({ paper, setup }: { paper: SkillSittingPage["paper"]; setup: boolean }) {
  const busy = useNavigation().state !== "idle";
  return (
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
        <p className="text-sm text-slate-600">尚未组卷。组卷按技能要求权重表选取任务，每个鉴定范围的任务分值之和等于其权重，必考项必选。</p>
      )}
    </section>
  );
}
