import { STAFF_ROLES } from "~/domain/roles";
import { type ActionResult, constraintsOf, errorOf, valueOf } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { personSchema } from "../schemas";

export type PersonFormValues = Partial<Record<"name" | "idNumber" | "phone" | "staffRole" | "departmentId" | "hireDate", string>>;

// The limits the inputs show come from the schema the server parses with (the day only matters
// to the server's checks, not to the limits).
const shape = personSchema("9999-12-31").shape;

/** The person's fields; after a refused submit they show what was typed and the errors. */
export function PersonFields({
  defaults,
  result,
  departments,
}: {
  defaults: PersonFormValues;
  result: ActionResult<unknown> | undefined;
  departments: { id: string; name: string }[];
}) {
  const value = (name: keyof PersonFormValues) => valueOf(result, name) ?? defaults[name] ?? "";
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="姓名" name="name" error={errorOf(result, "name")}>
        {(p) => <input {...p} defaultValue={value("name")} className="input" {...constraintsOf(shape.name)} />}
      </Field>
      <Field label="居民身份证号" name="idNumber" error={errorOf(result, "idNumber")} hint="18位，末位可为X">
        {(p) => (
          <input
            {...p}
            defaultValue={value("idNumber")}
            className="input font-mono"
            autoComplete="off"
            maxLength={18}
            {...constraintsOf(shape.idNumber)}
          />
        )}
      </Field>
      <Field label="手机号" name="phone" error={errorOf(result, "phone")}>
        {(p) => <input {...p} defaultValue={value("phone")} className="input" inputMode="tel" {...constraintsOf(shape.phone)} />}
      </Field>
      <Field label="入职日期" name="hireDate" error={errorOf(result, "hireDate")}>
        {(p) => <input {...p} type="date" defaultValue={value("hireDate")} className="input" {...constraintsOf(shape.hireDate)} />}
      </Field>
      <Field label="岗位" name="staffRole" error={errorOf(result, "staffRole")}>
        {(p) => (
          <select {...p} defaultValue={value("staffRole")} className="input" required>
            <option value="">请选择</option>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="部门（常驻部门，可不选）" name="departmentId" error={errorOf(result, "departmentId")}>
        {(p) => (
          <select {...p} defaultValue={value("departmentId")} className="input">
            <option value="">不属于常驻部门</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
