export type ExamHeader = { name: string; ticket: string; title: string; level: string; room: string; seat: number };

function hhmmss(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** The sticky bar: who and what, the save state, the countdown (hidden from screen readers; they get announcements), 交卷. */
export function ExamHeaderBar({
  header,
  saveLabel,
  remainingMs,
  announcement,
  online,
  canSubmit,
  onSubmit,
}: {
  header: ExamHeader;
  saveLabel: string;
  remainingMs: number;
  announcement: string;
  online: boolean;
  canSubmit: boolean;
  onSubmit: () => void;
}) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="text-sm">
          <p className="font-semibold">
            {header.title} · {header.level}
          </p>
          <p className="text-slate-600">
            {header.name} · 准考证号 {header.ticket} · {header.room} 第 {header.seat} 座
          </p>
        </div>
        <div className="flex items-center gap-4">
          <p className="text-sm" data-testid="save-state" aria-live="polite">
            {saveLabel}
          </p>
          <p
            className={`font-mono text-2xl font-semibold ${remainingMs < 5 * 60_000 ? "text-red-700" : "text-slate-900"}`}
            aria-hidden="true"
            data-testid="countdown"
          >
            {hhmmss(remainingMs)}
          </p>
          <span className="sr-only" aria-live="assertive">
            {announcement}
          </span>
          <button type="button" className="btn-primary" onClick={onSubmit} disabled={!canSubmit}>
            交卷
          </button>
        </div>
      </div>
      {!online ? (
        <p role="alert" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
          网络已断开：答案已暂存在本机，网络恢复后会自动保存，请勿关闭页面。
        </p>
      ) : null}
    </header>
  );
}
