import { Form, useNavigation } from "react-router";
import type { SkillSittingPage } from "~/features/skill-scoring/service.server";
import { errorOf, valueOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

/** Registering people of the center (not yet in this sitting) into one examiner group. */
export function RegistrationSection({
  groups,
  people,
  result,
}: {
  groups: SkillSittingPage["groups"];
  people: SkillSittingPage["people"];
  result?: ActionResult | null;
}) {
  const busy = useNavigation().state !== "idle";
  const failed = valueOf(result, "intent") === "register" ? result : undefined;
  const peopleError = errorOf(failed, "personIds");
  return (
    <section className="card" aria-labelledby="reg-h">
      <h2 id="reg-h" className="mb-3 text-lg font-medium">
        报名
      </h2>
      <Form method="post">
        <input type="hidden" name="intent" value="register" />
        <Field label="编入考评组" name="groupId" id="reg-group" className="mb-3" error={errorOf(failed, "groupId")}>
          {(p) => (
            <select {...p} className="input w-48">
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset
          className="grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-3"
          aria-invalid={peopleError ? true : undefined}
          aria-describedby={peopleError ? "reg-people-error" : undefined}
        >
          <legend className="sr-only">选择报名人员</legend>
          {people.map((p) => (
            <label key={p.id} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="personId" value={p.id} className="size-4" />
              {p.name}
              <span className="text-slate-500">{p.staffRole}</span>
            </label>
          ))}
        </fieldset>
        {peopleError ? (
          <p id="reg-people-error" className="field-error">
            {peopleError}
          </p>
        ) : null}
        <button className="btn-primary mt-3" disabled={busy}>
          为所选人员报名
        </button>
      </Form>
    </section>
  );
}
