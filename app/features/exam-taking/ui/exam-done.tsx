import { Form } from "react-router";
import type { ExamHeader } from "./exam-header";

export type DoneView = {
  header: ExamHeader;
  result: { score: number | null; passed: boolean | null; byArea: { area: string; points: number; weight: number }[] } | null;
  reason: string | null;
};

/** After submission: the result once published, otherwise a note that the answers are kept. */
export function ExamDone({ header, result, reason }: DoneView) {
  return (
    <main className="mx-auto mt-16 max-w-2xl px-4">
      <div className="card">
        <h1 className="text-2xl font-semibold">{reason === "deadline" ? "考试时间到，已自动交卷" : "已交卷"}</h1>
        <p className="mt-2 text-slate-600">
          {header.title} · {header.level} · 准考证号 {header.ticket} · {header.name}
        </p>
        {result ? (
          <div className="mt-6">
            <p className="text-lg">
              成绩：<strong className="text-3xl">{result.score}</strong> 分
              <span className={`badge ml-3 text-base ${result.passed ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
                {result.passed ? "合格" : "不合格"}
              </span>
            </p>
            <p className="mt-1 text-sm text-slate-500">合格线为 60 分（含）。</p>
            <table className="table mt-4" aria-label="各鉴定范围得分">
              <thead>
                <tr>
                  <th scope="col">鉴定范围</th>
                  <th scope="col">权重（分）</th>
                  <th scope="col">得分</th>
                </tr>
              </thead>
              <tbody>
                {result.byArea.map((a) => (
                  <tr key={a.area}>
                    <td>{a.area}</td>
                    <td>{a.weight}</td>
                    <td>{a.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-6 rounded-md bg-brand-50 p-4 text-brand-800">答卷已保存。成绩待中心发布后可在此页面或“我的考试”中查看。</p>
        )}
        <Form method="post" className="mt-6">
          <button className="btn-secondary">退出考试系统</button>
        </Form>
      </div>
    </main>
  );
}
