import { useState } from "react";

/** A file picker whose button and status text are Chinese whatever the browser's language. */
export function FileInput({ id, name, accept, label }: { id: string; name: string; accept?: string; label: string }) {
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <div>
      <span className="label" id={`${id}-label`}>{label}</span>
      <div className="flex items-center gap-3">
        <label htmlFor={id} className="btn-secondary cursor-pointer focus-within:outline focus-within:outline-2 focus-within:outline-brand-600">
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
