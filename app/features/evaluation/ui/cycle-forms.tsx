import { Form } from "react-router";
import { errorOf, type ActionResult } from "~/platform/forms";
import { CsvFileFields } from "~/platform/ui/file-input";
import { Field } from "~/platform/ui/field";

/** The line errors of a refused completion import (`row.N` entries of the result's errors). */
export function rowErrors(result: ActionResult<unknown> | undefined): string[] {
  if (!result || result.ok) return [];
  return Object.entries(result.errors)
    .filter(([k]) => k.startsWith("row."))
    .map(([, v]) => v);
}

/** 合格分数线 and the 好差评 penalty of an open cycle. */
export function CycleSettingsForm({
  passMark,
  ratingPenalty,
  result,
}: {
  passMark: number;
  ratingPenalty: number;
  result: ActionResult<unknown> | undefined;
}) {
  return (
    <section className="card max-w-2xl" aria-labelledby="settings-h">
      <h2 id="settings-h" className="text-lg font-medium">
        评价设置
      </h2>
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-4" noValidate>
        <input type="hidden" name="intent" value="settings" />
        <Field label="合格分数线" name="passMark" error={errorOf(result, "passMark")}>
          {(p) => <input {...p} className="input w-32" inputMode="decimal" required defaultValue={passMark} />}
        </Field>
        <Field label="好差评未整改扣减系数" name="ratingPenalty" error={errorOf(result, "ratingPenalty")}>
          {(p) => <input {...p} className="input w-32" inputMode="decimal" required defaultValue={ratingPenalty} />}
        </Field>
        <button className="btn-secondary">保存设置</button>
      </Form>
    </section>
  );
}

/** The 工作完成度 CSV upload. */
export function CompletionImportForm() {
  return (
    <section className="card max-w-2xl" aria-labelledby="completion-h">
      <h2 id="completion-h" className="text-lg font-medium">
        导入工作完成度
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        从业务系统导出的 CSV，表头：身份证号,姓名,完成量,目标量。换算：工作完成度 = 25 × 完成量 ÷ 目标量（最高 25
        分）。也可在个人页面逐人录入。
      </p>
      <Form method="post" encType="multipart/form-data" className="mt-3 space-y-4">
        <input type="hidden" name="intent" value="completion" />
        <CsvFileFields id="completion-file" />
        <button className="btn-primary">导入</button>
      </Form>
    </section>
  );
}
