import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { CHANNELS } from "~/domain/ratings";
import type { ActionResult } from "~/platform/forms";
import { FormResult } from "~/platform/ui/field";
import { CsvFileFields, RowCheck } from "~/platform/ui/file-input";
import { Notice } from "~/platform/ui/page";

const IDENTITY_COLUMNS = ["姓名", "身份证号", "月份", "渠道"];

export type BatchReview = {
  batch: { id: string; filename: string; encoding: string; status: string };
  check:
    | { ok: true; good: number; bad: number; rows: { line: number; cells: string[]; counts: string; errors: string[] }[] }
    | { ok: false; fileError: string };
};

/** The import card: the upload form, or the line-by-line check of a staged file with its choices. */
export function ImportPanel({ review, result }: { review: BatchReview | null; result: ActionResult<unknown> | undefined }) {
  return review ? <BatchReviewPanel review={review} result={result} /> : <UploadPanel result={result} />;
}

function BatchReviewPanel({ review, result }: { review: BatchReview; result: ActionResult<unknown> | undefined }) {
  const busy = useNavigation().state !== "idle";
  const { batch, check } = review;
  return (
    <section className="card mb-6" aria-labelledby="review-title">
      <h2 id="review-title" className="text-lg font-medium">
        导入检查结果
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        文件：{batch.filename}（识别为 {batch.encoding === "gbk" ? "GBK" : "UTF-8"} 编码）
      </p>
      <FormResult result={result} />
      {batch.status !== "pending" ? <Notice tone="warning">该批次已处理，请重新上传文件。</Notice> : null}
      {!check.ok ? (
        <Notice tone="error">{check.fileError}</Notice>
      ) : (
        <>
          {check.bad > 0 ? (
            <Notice tone="error">
              共 {check.good + check.bad} 行，其中 <strong>{check.bad} 行有误</strong>，{check.good} 行无误。
              <strong>尚未导入任何数据。</strong>请修正后重新上传{check.good > 0 ? "，或选择仅导入无误的行" : ""}。
            </Notice>
          ) : (
            <Notice tone="success">共 {check.good} 行，现已全部无误，可以导入。</Notice>
          )}
          {batch.status === "pending" ? (
            <div className="mb-4 flex flex-wrap gap-3">
              {check.good > 0 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="commit" />
                  <input type="hidden" name="batchId" value={batch.id} />
                  <button type="submit" className={check.bad > 0 ? "btn-secondary" : "btn-primary"} disabled={busy}>
                    {check.bad > 0 ? `仅导入无误的行（${check.good} 行）` : `导入（${check.good} 行）`}
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
          ) : (
            <Link to="/center/ratings" className="btn-secondary mb-4">
              重新上传
            </Link>
          )}
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="table" aria-label="逐行检查结果">
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  {IDENTITY_COLUMNS.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                  <th
                    scope="col"
                    className="!whitespace-normal"
                    title="好评数 / 差评数 / 超时未评数 / 无效差评数 / 已回复差评数 / 已整改数 / 整改满意数"
                  >
                    好评/差评/超时未评/无效差评/已回复/已整改/满意
                  </th>
                  <th scope="col">检查结果</th>
                </tr>
              </thead>
              <tbody>
                {check.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "bg-red-50" : undefined} data-testid={`import-row-${r.line}`}>
                    <td className="whitespace-nowrap">第 {r.line} 行</td>
                    {r.cells.map((v, i) => (
                      <td key={IDENTITY_COLUMNS[i]} className={i === 1 ? "whitespace-nowrap font-mono text-xs" : "whitespace-nowrap"}>
                        {v}
                      </td>
                    ))}
                    <td className="whitespace-nowrap tabular-nums">{r.counts}</td>
                    <td className="min-w-60">
                      <RowCheck errors={r.errors} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function UploadPanel({ result }: { result: ActionResult<unknown> | undefined }) {
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = params.get("done");
  const skipped = params.get("skipped");
  return (
    <section className="card mb-6" aria-labelledby="upload-title">
      <h2 id="upload-title" className="mb-3 text-lg font-medium">
        导入好差评数据
      </h2>
      {done ? (
        <Notice tone="success">
          已导入 {done} 行好差评数据{skipped && skipped !== "0" ? `，跳过有误的 ${skipped} 行` : ""}
          。同一人员、月份、渠道再次导入时以新数据为准。
        </Notice>
      ) : null}
      <FormResult result={result} />
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <input type="hidden" name="intent" value="upload" />
          <CsvFileFields />
          <button type="submit" className="btn-primary" disabled={busy}>
            上传并导入
          </button>
        </Form>
        <div className="text-sm text-slate-700">
          <p>
            每行为一名工作人员某月某一渠道的评价次数。第一行为表头（列的顺序不限）：
            <code className="break-all text-xs">
              身份证号,姓名,月份,渠道,好评数,差评数,超时未评数,无效差评数,已回复差评数,已整改数,整改满意数
            </code>{" "}
            <a className="link" href="/ratings-import-template.csv" download="好差评导入模板.csv">
              下载模板
            </a>
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>月份如 2026-03 或 2026年3月，不能晚于本月；渠道为：{CHANNELS.join("、")}。</li>
            <li>差评数含经核实的无效差评；已整改数不超过有效差评数（差评 − 无效差评），整改满意数不超过已整改数。</li>
            <li>各数值为非负整数，没有请填 0。人员须为本中心已登记人员，姓名须与身份证号一致。</li>
            <li>有任何一行有误时不导入，并逐行列出错误；同一人员、月份、渠道再次导入会替换原数据。</li>
          </ul>
        </div>
      </div>
    </section>
  );
}
