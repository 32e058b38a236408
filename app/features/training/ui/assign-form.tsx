import { Form } from "react-router";
import { STAFF_ROLES } from "~/domain/roles";
import { errorOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

/** 指派学员: every active person of a post, or people picked one by one (those not yet assigned). */
export function AssignForm({
  people,
  busy,
  result,
}: {
  people: { id: string; name: string; staffRole: string | null }[];
  busy: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  return (
    <section className="card" aria-labelledby="assign-h">
      <h2 id="assign-h" className="mb-3 text-lg font-medium">
        指派学员
      </h2>
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="assign" />
        <Field label="按岗位指派（该岗位全部在岗人员）" name="staffRole" error={errorOf(result, "staffRole")}>
          {(p) => (
            <select {...p} className="input w-64">
              <option value="">不按岗位</option>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-3">
          <legend className="label">或选择人员</legend>
          {people.map((p) => (
            <label key={p.id} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="personId" value={p.id} className="size-4" />
              {p.name}
              <span className="text-slate-500">{p.staffRole}</span>
            </label>
          ))}
        </fieldset>
        <button className="btn-secondary" disabled={busy}>
          指派
        </button>
      </Form>
    </section>
  );
}
