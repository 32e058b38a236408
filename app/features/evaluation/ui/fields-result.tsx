import type { ActionResult } from "~/platform/forms";
import { FormResult } from "~/platform/ui/field";

/**
 * FormResult for forms whose refusals are mostly about single fields: the top says once that
 * fields need correcting, and each field's message stays next to its field only (the same
 * sentence is not shown twice on the page).
 */
export function FieldsResult({ result, fields }: { result: ActionResult<unknown> | undefined | null; fields: string }) {
  const fieldLevel = result && !result.ok && !result.errors._form;
  return <FormResult result={fieldLevel ? { ...result, message: fields } : result} />;
}
