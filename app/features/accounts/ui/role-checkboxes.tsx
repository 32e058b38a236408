/** The platform roles an admin may grant, as checkboxes named `roles`. */
export function RoleCheckboxes({
  id,
  grantable,
  checked,
  error,
}: {
  id: string;
  grantable: { role: string; label: string }[];
  checked: string[];
  error?: string;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="label">平台角色</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {grantable.map((g) => (
          <label key={g.role} className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="roles" value={g.role} defaultChecked={checked.includes(g.role)} className="size-4" />
            {g.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
