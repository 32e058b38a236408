import type { ReactNode } from "react";
import type { ActionResult } from "~/platform/forms";
import { Notice } from "./page";

/** What a form control needs to be tied to its label, hint and error. */
export type FieldControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/**
 * The one form field: a label, an optional hint, an optional error, and the control, which gets
 * the id, name and ARIA wiring from the render prop so they cannot drift apart.
 *
 *   <Field label="姓名" name="name" error={errorOf(result, "name")}>
 *     {(p) => <input {...p} className="input" {...constraintsOf(schema.shape.name)} />}
 *   </Field>
 */
export function Field({
  label,
  name,
  id = name,
  hint,
  error,
  className,
  hideLabel = false,
  children,
}: {
  label: ReactNode;
  name: string;
  id?: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** The label is read by screen readers only (compact rows where the context says what it is). */
  hideLabel?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "label"}>
        {label}
      </label>
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The top-of-form message of an action result: success in green, a refusal as an alert. A form
 * that shows each field's error next to its field passes `fieldsMessage`: a refusal that is only
 * about fields then says that once at the top instead of repeating a field's sentence.
 */
export function FormResult({
  result,
  success,
  fieldsMessage,
}: {
  result: ActionResult<unknown> | undefined | null;
  success?: ReactNode;
  fieldsMessage?: string;
}) {
  if (!result) return null;
  if (result.ok) return result.message || success ? <Notice tone="success">{result.message ?? success}</Notice> : null;
  const fieldLevel = fieldsMessage !== undefined && !result.errors._form;
  return <Notice tone="error">{fieldLevel ? fieldsMessage : result.message}</Notice>;
}
