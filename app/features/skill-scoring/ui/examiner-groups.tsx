import { Form, useNavigation } from "react-router";
import type { SkillSittingPage } from "~/features/skill-scoring/service.server";
import { GroupName } from "~/features/skill-scoring/schemas";
import { constraintsOf, errorOf, valueOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

type Group = SkillSittingPage["groups"][number];

function StaffingBadge({ staffing }: { staffing: Group["staffing"] }) {
  if (staffing.ok) return <span className="badge bg-green-100 text-green-800">考评员已满足（{staffing.examiners} 名）</span>;
  return (
    <span className="badge bg-red-100 text-red-800">
      {staffing.missing > 0 ? `还缺 ${staffing.missing} 名考评员（需至少 ${staffing.required} 名，单数）` : ""}
      {!staffing.hasChief ? (staffing.missing > 0 ? "；" : "") + "未指定考评组长" : ""}
    </span>
  );
}

/** The sitting's examiner groups: staffing, examiners, candidates and results; assigning examiners and adding groups while set up. */
export function ExaminerGroupsSection({
  groups,
  examinerUsers,
  setup,
  result,
}: {
  groups: SkillSittingPage["groups"];
  examinerUsers: SkillSittingPage["examinerUsers"];
  setup: boolean;
  result?: ActionResult | null;
}) {
  const busy = useNavigation().state !== "idle";
  // A refused assignment shows its field error in the group whose form sent it.
  const assignFailedIn = valueOf(result, "intent") === "assign-examiner" ? valueOf(result, "groupId") : undefined;
  const addFailed = valueOf(result, "intent") === "add-group" ? result : undefined;
  return (
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
              <StaffingBadge staffing={g.staffing} />
            </div>
            <p className="mt-2 text-sm">考评员：{g.examiners.map((e) => e.name + (e.isChief ? "（组长）" : "")).join("、") || "未指派"}</p>
            {setup ? (
              <Form key={g.examiners.map((e) => e.id + e.isChief).join()} method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="assign-examiner" />
                <input type="hidden" name="groupId" value={g.id} />
                <Field
                  label="选择考评员"
                  name="userId"
                  id={`e-${g.id}`}
                  error={assignFailedIn === g.id ? errorOf(result, "userId") : undefined}
                >
                  {(p) => (
                    <select {...p} className="input w-48">
                      <option value="">选择考评员</option>
                      {examinerUsers.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                          {u.chief ? "（可任组长）" : ""}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
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
          <Field label="考评组名称" name="name" id="group-name" error={errorOf(addFailed, "name")}>
            {(p) => (
              <input
                {...p}
                className="input w-48"
                placeholder="第1考评组"
                defaultValue={valueOf(addFailed, "name")}
                {...constraintsOf(GroupName.shape.name)}
              />
            )}
          </Field>
          <button className="btn-secondary" disabled={busy}>
            添加考评组
          </button>
        </Form>
      ) : null}
    </section>
  );
}
