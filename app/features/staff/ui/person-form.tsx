import { STAFF_ROLES } from "~/domain/roles";
import { Field } from "~/platform/ui/page";

export type PersonFormValues = Partial<Record<"name" | "idNumber" | "phone" | "staffRole" | "departmentId" | "hireDate", string>>;

export function PersonFields({
  values,
  errors,
  departments,
}: {
  values: PersonFormValues;
  errors: Record<string, string>;
  departments: { id: string; name: string }[];
}) {
  const input = (name: keyof PersonFormValues, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={name}
      name={name}
      defaultValue={values[name] ?? ""}
      className="input"
      aria-invalid={!!errors[name]}
      aria-describedby={errors[name] ? `${name}-error` : undefined}
      {...props}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="姓名" name="name" error={errors.name}>
        {input("name", { required: true, maxLength: 30 })}
      </Field>
      <Field label="居民身份证号" name="idNumber" error={errors.idNumber} hint="18位，末位可为X">
        {input("idNumber", { required: true, maxLength: 18, autoComplete: "off", className: "input font-mono" })}
      </Field>
      <Field label="手机号" name="phone" error={errors.phone}>
        {input("phone", { required: true, inputMode: "tel" })}
      </Field>
      <Field label="入职日期" name="hireDate" error={errors.hireDate}>
        {input("hireDate", { type: "date", required: true })}
      </Field>
      <Field label="岗位" name="staffRole" error={errors.staffRole}>
        <select
          id="staffRole"
          name="staffRole"
          defaultValue={values.staffRole ?? ""}
          className="input"
          aria-invalid={!!errors.staffRole}
          required
        >
          <option value="">请选择</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      <Field label="部门（常驻部门，可不选）" name="departmentId" error={errors.departmentId}>
        <select id="departmentId" name="departmentId" defaultValue={values.departmentId ?? ""} className="input">
          <option value="">不属于常驻部门</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
