export type QueuePlace = { position: number; etaSeconds: number; retryAfterMs: number };

/** The start queue: position and estimate, read out once when they change (polite). */
export function QueueNotice({ place }: { place: QueuePlace }) {
  return (
    <div role="status" aria-live="polite" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
      <p className="font-semibold">排队中：您前面还有 {place.position - 1} 位考生</p>
      <p className="mt-1 text-sm">
        预计约 {place.etaSeconds} 秒后进入考试。请勿关闭或刷新本页面，轮到您时将自动进入。排队时间不计入您的考试时间。
      </p>
    </div>
  );
}
