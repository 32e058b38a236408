// Server half of the form convention (see forms.ts): parse with zod, answer with an ActionResult.
import { data } from "react-router";
import type { z } from "zod";
import { type ActionFail, type ActionOk, type FieldErrors, fieldErrors, formToObject } from "./forms";
import { httpErrorOf } from "./http.server";

/** A successful action result (status 200). */
export function actionOk<T = undefined>(message?: string, payload?: T): ActionOk<T> {
  return payload === undefined ? { ok: true, message } : { ok: true, message, data: payload };
}

/** A refused action: 4xx with the message the user reads; nothing was changed. */
export function actionFail(
  status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429,
  message: string,
  errors: FieldErrors = {},
  values?: Record<string, string>,
) {
  const body: ActionFail = { ok: false, message, errors: Object.keys(errors).length ? errors : { _form: message }, values };
  return data(body, { status });
}

/** The first message of a failed parse: what a form shows at its top. */
function summary(errors: FieldErrors): string {
  const first = Object.values(errors)[0];
  return first ? `提交的内容有误：${first}` : "提交的内容有误，请检查后重试。";
}

export type Parsed<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; response: ReturnType<typeof actionFail> };

/** Parses form fields (strings) with a zod schema; on failure the 400 answer to return. */
export function parseWith<S extends z.ZodType>(schema: S, input: Record<string, unknown>): Parsed<z.output<S>> {
  const values = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data, values };
  const errors = fieldErrors(r.error);
  return { ok: false, response: actionFail(400, summary(errors), errors, values) };
}

/** Reads the request's form and parses it (see parseWith). */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.output<S>>> {
  return parseWith(schema, formToObject(await request.formData()));
}

/**
 * Runs a service call for a form action: an `httpError` thrown by the service (a refusal with its
 * status and Chinese message) becomes a failed ActionResult shown in place, not the error page.
 */
export async function runAction<T>(work: () => Promise<T>, values?: Record<string, string>) {
  try {
    return await work();
  } catch (e) {
    const err = httpErrorOf(e);
    if (!err) throw e;
    return actionFail(err.status as 400, err.message, {}, values);
  }
}
