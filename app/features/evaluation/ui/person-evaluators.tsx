import { Form } from "react-router";
import { RELATIONS, type Relation } from "~/domain/evaluation";
import { errorOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

type Assignment = { id: string; relation: Relation; evaluator: string; evaluatorId: string; submittedAt: string | null };

/** Who scores the person, and (while the cycle is open) the form that changes the manager and the peers. */
export function PersonEvaluators({
  assignments,
  staff,
  canEdit,
  result,
}: {
  assignments: Assignment[];
  staff: { id: string; name: string }[];
  canEdit: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  const manager = assignments.find((a) => a.relation === "manager");
  const peerIds = new Set(assignments.filter((a) => a.relation === "peer").map((a) => a.evaluatorId));
  const peerError = errorOf(result, "peerIds");
  return (
    <section className="card" aria-labelledby="who-h">
      <h2 id="who-h" className="text-lg font-medium">
        评价人
      </h2>
      <ul className="mt-2 text-sm">
        {assignments.map((a) => (
          <li key={a.id}>
            {RELATIONS[a.relation]}：{a.evaluator} — {a.submittedAt ? `已提交（${a.submittedAt}）` : "未提交"}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" className="mt-4 space-y-3">
          <input type="hidden" name="intent" value="evaluators" />
          <Field label="负责人" name="managerPersonId" error={errorOf(result, "managerPersonId")}>
            {(p) => (
              <select {...p} className="input max-w-xs" defaultValue={manager?.evaluatorId ?? ""}>
                <option value="">（暂无）</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset aria-describedby={peerError ? "peerIds-error" : undefined} aria-invalid={peerError ? true : undefined}>
            <legend className="label">互评人</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {staff.map((s) => (
                <label key={s.id} className="inline-flex items-center gap-1">
                  <input type="checkbox" name="peerIds" value={s.id} defaultChecked={peerIds.has(s.id)} />
                  {s.name}
                </label>
              ))}
            </div>
            {peerError ? (
              <p id="peerIds-error" className="field-error">
                {peerError}
              </p>
            ) : null}
          </fieldset>
          <button className="btn-secondary">保存评价人</button>
        </Form>
      ) : null}
    </section>
  );
}
