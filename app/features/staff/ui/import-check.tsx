import { Form, Link } from "react-router";
import { maskIdNumber } from "~/domain/id-number";
import { RowCheck } from "~/platform/ui/file-input";
import { Notice } from "~/platform/ui/page";

export type ImportBatchView = { id: string; filename: string; encoding: string; status: string };
export type ImportCheckView =
  | { ok: true; good: number; bad: number; rows: { line: number; raw: Record<string, string>; errors: readonly string[] }[] }
  | { ok: false; fileError: string };

/** The row-by-row check of an uploaded file, with what it allows: import all, only the good rows, or discard. */
export function ImportCheck({ batch, check, busy }: { batch: ImportBatchView; check: ImportCheckView; busy: boolean }) {
  return !check.ok ? (
    <>
      <Notice tone="error">{check.fileError}</Notice>
      <Link to="/center/staff/import" className="btn-secondary">
        重新上传
      </Link>
    </>
  ) : (
    <>
      {check.bad > 0 ? (
        <Notice tone="error">
          共 {check.good + check.bad} 行，其中 <strong>{check.bad} 行有误</strong>，{check.good} 行无误。有误的行未修正前不能全部导入。
        </Notice>
      ) : (
        <Notice tone="success">共 {check.good} 行，全部无误。</Notice>
      )}
      {batch.status === "pending" ? (
        <div className="mb-4 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="commit" />
            <input type="hidden" name="batchId" value={batch.id} />
            <input type="hidden" name="mode" value="all" />
            <button type="submit" className="btn-primary" disabled={busy || check.bad > 0}>
              全部导入（{check.good} 人）
            </button>
          </Form>
          {check.bad > 0 && check.good > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="batchId" value={batch.id} />
              <input type="hidden" name="mode" value="good" />
              <button type="submit" className="btn-secondary" disabled={busy}>
                仅导入无误的 {check.good} 行
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <input type="hidden" name="batchId" value={batch.id} />
            <button type="submit" className="btn-secondary" disabled={busy}>
              放弃，重新上传
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card overflow-x-auto p-0">
        <table className="table" aria-label="逐行检查结果">
          <thead>
            <tr>
              <th scope="col">行号</th>
              {Object.keys(check.rows[0]?.raw ?? {}).map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col">检查结果</th>
            </tr>
          </thead>
          <tbody>
            {check.rows.map((r) => (
              <tr key={r.line} className={r.errors.length ? "bg-red-50" : undefined} data-testid={`import-row-${r.line}`}>
                <td>第 {r.line} 行</td>
                {Object.entries(r.raw).map(([k, v]) => (
                  <td key={k} className={k === "身份证号" ? "font-mono text-xs" : undefined}>
                    {k === "身份证号" ? maskIdNumber(v) : v}
                  </td>
                ))}
                <td>
                  <RowCheck errors={r.errors} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
