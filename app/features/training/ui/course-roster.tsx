import { Form } from "react-router";

type Learner = {
  personId: string;
  name: string;
  staffRole: string | null;
  status: string;
  assessment: string | null;
  completedAt: string | null;
};

/** The learners of a course with their status; tick some to record attendance or completion (with the assessment). */
export function CourseRoster({ assignments, hasAssessment, busy }: { assignments: Learner[]; hasAssessment: boolean; busy: boolean }) {
  return (
    <section className="card" aria-labelledby="roster-h">
      <h2 id="roster-h" className="mb-3 text-lg font-medium">
        学员、出勤与结业
      </h2>
      <p className="mb-2 text-sm text-slate-600">勾选学员后记录出勤，或保存结业记录（结业后学时计入对应等级）。</p>
      <Form method="post">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">选择</th>
              <th scope="col">姓名</th>
              <th scope="col">岗位</th>
              <th scope="col">状态</th>
              {hasAssessment ? <th scope="col">考核</th> : null}
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.personId}>
                <td>
                  {a.status === "completed" ? (
                    "✓"
                  ) : (
                    <input type="checkbox" name="done" value={a.personId} aria-label={`${a.name} 结业`} className="size-4" />
                  )}
                </td>
                <td>{a.name}</td>
                <td>{a.staffRole ?? "—"}</td>
                <td>{a.status === "completed" ? `已结业 ${a.completedAt}` : a.status === "attended" ? "已出勤" : "已指派"}</td>
                {hasAssessment ? (
                  <td>
                    {a.status === "completed" ? (
                      a.assessment === "passed" ? (
                        "合格"
                      ) : (
                        "不合格"
                      )
                    ) : (
                      <select name={`assessment-${a.personId}`} aria-label={`${a.name} 考核结果`} className="input w-28 py-1">
                        <option value="">—</option>
                        <option value="passed">合格</option>
                        <option value="failed">不合格</option>
                      </select>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
            {assignments.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-slate-500">
                  尚未指派学员
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {assignments.some((a) => a.status !== "completed") ? (
          <div className="mt-3 flex gap-2">
            <button name="intent" value="attend" className="btn-secondary" disabled={busy}>
              记录出勤
            </button>
            <button name="intent" value="complete" className="btn-primary" disabled={busy}>
              保存结业记录
            </button>
          </div>
        ) : null}
      </Form>
    </section>
  );
}
