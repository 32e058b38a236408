import { useState } from "react";

/** A file picker whose button and status text are Chinese whatever the browser's language. */
export function FileInput({ id, name, accept, label }: { id: string; name: string; accept?: string; label: string }) {
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <div>
      <span className="label" id={`${id}-label`}>
        {label}
      </span>
      <div className="flex items-center gap-3">
        <label
          htmlFor={id}
          className="btn-secondary cursor-pointer focus-within:outline focus-within:outline-2 focus-within:outline-brand-600"
        >
          选择文件
          <input
            id={id}
            name={name}
            type="file"
            accept={accept}
            required
            aria-labelledby={`${id}-label`}
            className="sr-only"
            onChange={(e) => setFileName(e.currentTarget.files?.[0]?.name ?? null)}
          />
        </label>
        <span className="text-sm text-slate-600">{fileName ?? "未选择文件"}</span>
      </div>
    </div>
  );
}

/** A CSV file picker with the encoding choice every import offers (Excel in China saves GBK by default). */
export function CsvFileFields({ id = "file" }: { id?: string }) {
  return (
    <>
      <FileInput id={id} name="file" accept=".csv,text/csv" label="CSV 文件" />
      <div>
        <label htmlFor={`${id}-encoding`} className="label">
          文件编码
        </label>
        <select id={`${id}-encoding`} name="encoding" className="input w-64" defaultValue="auto">
          <option value="auto">自动识别（推荐）</option>
          <option value="gbk">GBK（Excel 默认“CSV（逗号分隔）”）</option>
          <option value="utf-8">UTF-8（Excel“CSV UTF-8”）</option>
        </select>
      </div>
    </>
  );
}

/** The verdict cell of an import check: the row's errors, or 无误. */
export function RowCheck({ errors }: { errors: readonly string[] }) {
  return errors.length ? (
    <ul className="list-disc pl-4 text-red-800">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : (
    <span className="text-green-700">无误</span>
  );
}
