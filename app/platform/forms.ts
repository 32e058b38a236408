// The one form convention, shared by server and browser code (no server imports here).
//
// Every action that answers a form returns an `ActionResult`: `{ ok: true, message? }` after a
// change, or `{ ok: false, message, errors, values? }` with a 4xx status when nothing changed.
// `errors` maps a field name to its message (`_form` for the form as a whole); `values` echoes
// what was typed so the form can be re-filled. The zod schema that parses the input on the
// server also gives the inputs their browser hints through `constraintsOf`.
import type { InputHTMLAttributes } from "react";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type ActionOk<T = undefined> = { ok: true; message?: string; data?: T };
export type ActionFail = { ok: false; message: string; errors: FieldErrors; values?: Record<string, string> };
export type ActionResult<T = undefined> = ActionOk<T> | ActionFail;

/** zod issues → { field: first message }; issues without a path go to `_form`. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The string entries of a form (files are left out). */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

/** The error of one field of an action result, if any. */
export function errorOf(result: ActionResult<unknown> | undefined | null, name: string): string | undefined {
  return result && !result.ok ? result.errors[name] : undefined;
}

/** What the user typed, for re-filling a form after a refused submit. */
export function valueOf(result: ActionResult<unknown> | undefined | null, name: string): string | undefined {
  return result && !result.ok ? result.values?.[name] : undefined;
}

type Constraints = Pick<InputHTMLAttributes<HTMLInputElement>, "required" | "minLength" | "maxLength" | "min" | "max">;

type ZodLike = {
  def?: { type?: string; innerType?: ZodLike; in?: ZodLike; checks?: { _zod?: { def?: Record<string, unknown> } }[] };
};

/**
 * Browser hints (required, minLength/maxLength, min/max) read off a zod field schema, so that the
 * client and the server's parse cannot disagree on the limits. The server still decides.
 */
export function constraintsOf(schema: unknown): Constraints {
  let s = schema as ZodLike | undefined;
  let required = true;
  for (let depth = 0; s?.def && depth < 8; depth++) {
    const t = s.def.type;
    if (t === "optional" || t === "nullable" || t === "default") {
      required = false;
      s = s.def.innerType;
    } else if (t === "pipe") s = s.def.in;
    else break;
  }
  const out: Constraints = { required };
  for (const check of s?.def?.checks ?? []) {
    const def = check._zod?.def ?? {};
    const value = def.value ?? def.minimum ?? def.maximum;
    if (def.check === "min_length" && typeof def.minimum === "number") out.minLength = def.minimum;
    else if (def.check === "max_length" && typeof def.maximum === "number") out.maxLength = def.maximum;
    else if (def.check === "greater_than" && typeof value === "number") out.min = value;
    else if (def.check === "less_than" && typeof value === "number") out.max = value;
  }
  if (out.minLength === 1 && out.required) delete out.minLength;
  return out;
}
