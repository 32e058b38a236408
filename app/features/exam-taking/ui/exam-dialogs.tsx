/** Another window holds the attempt: this one stops saving until the candidate takes it back. */
export function SupersededDialog({ onReclaim }: { onReclaim: () => void }) {
  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="sup-h"
      className="fixed inset-0 z-20 flex items-center justify-center bg-black/50 p-4"
    >
      <div className="card max-w-md">
        <h2 id="sup-h" className="text-lg font-semibold">
          本场考试已在另一个窗口打开
        </h2>
        <p className="mt-2 text-sm text-slate-700">
          为防止答案被覆盖，此窗口已停止保存。请在最新打开的窗口继续作答；如需改用此窗口，请点击下方按钮（另一个窗口将停止保存）。
        </p>
        <button type="button" className="btn-primary mt-4" onClick={onReclaim}>
          在此窗口继续作答
        </button>
      </div>
    </div>
  );
}

export function PausedDialog() {
  return (
    <div role="alertdialog" aria-modal="true" className="fixed inset-0 z-20 flex items-center justify-center bg-black/50 p-4">
      <div className="card max-w-md">
        <h2 className="text-lg font-semibold">考试已暂停</h2>
        <p className="mt-2 text-sm">监考员已暂停本考场考试，计时已停止。请保持安静，等待恢复。</p>
      </div>
    </div>
  );
}

export function SubmitDialog({ unanswered, onConfirm, onCancel }: { unanswered: number[]; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="confirm-h"
      className="fixed inset-0 z-30 flex items-center justify-center bg-black/50 p-4"
    >
      <div className="card max-w-lg">
        <h2 id="confirm-h" className="text-lg font-semibold">
          确认交卷？
        </h2>
        {unanswered.length ? (
          <p className="mt-2 text-sm text-red-800">
            还有 {unanswered.length} 题未作答：第 {unanswered.join("、")} 题。
          </p>
        ) : (
          <p className="mt-2 text-sm">全部题目均已作答。</p>
        )}
        <p className="mt-1 text-sm text-slate-600">交卷后不能再修改答案。</p>
        <div className="mt-4 flex gap-3">
          <button type="button" className="btn-primary" onClick={onConfirm}>
            确认交卷
          </button>
          <button type="button" className="btn-secondary" onClick={onCancel}>
            继续作答
          </button>
        </div>
      </div>
    </div>
  );
}
