import { Form } from "react-router";
import { errorOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

export type WeakCandidateRow = {
  registrationId: string;
  personId: string;
  name: string;
  part: string;
  score: number;
  codes: string[];
  areas: string[];
  assigned: boolean;
};

/**
 * The course's coverage (what it teaches beyond its topic) and the candidates whose failed parts it
 * covers, with 一键指派 for those who do not have it yet.
 */
export function WeakCandidates({
  covers,
  topic,
  level,
  rows,
  busy,
  result,
}: {
  covers: string[];
  topic: string;
  level: string;
  rows: WeakCandidateRow[];
  busy: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  const open = rows.filter((r) => !r.assigned);
  return (
    <section className="card space-y-4" aria-labelledby="weak-h">
      <div>
        <h2 id="weak-h" className="text-lg font-medium">
          考试薄弱环节匹配
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          公示结束后，未通过某一部分的考生按失分最多的技能要求与课程匹配。课程内容为技能领域时，覆盖{level}该领域的全部技能要求；
          另可填写课程讲授的其他技能要求代码。
        </p>
      </div>
      <Form method="post" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="covers" />
        <Field
          label="课程覆盖的技能要求代码"
          name="covers"
          error={errorOf(result, "covers")}
          hint={`用逗号或空格分隔，例如 L4/2.2、basic/2.2.6；当前课程内容：${topic}`}
        >
          {(p) => <input {...p} className="input w-96 max-w-full" defaultValue={covers.join(", ")} maxLength={400} />}
        </Field>
        <button className="btn-secondary" disabled={busy}>
          保存覆盖范围
        </button>
      </Form>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">薄弱环节与本课程相符的考生</caption>
          <thead>
            <tr>
              <th scope="col">考生</th>
              <th scope="col">未通过的部分</th>
              <th scope="col">成绩</th>
              <th scope="col">本课程覆盖的失分技能要求</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.registrationId} data-testid={`weak-${r.personId}`}>
                <td>{r.name}</td>
                <td>{r.part}</td>
                <td>{r.score}</td>
                <td className="font-mono text-sm">{r.codes.join("、")}</td>
                <td>{r.assigned ? "已指派" : "未指派"}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-slate-600">
                  暂无薄弱环节与本课程相符的考生
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {open.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign-weak" />
          <button className="btn-primary" disabled={busy}>
            一键指派（{open.length} 人）
          </button>
        </Form>
      ) : null}
    </section>
  );
}
