// 0:00 in bulk: once a second, every in-progress attempt whose time and grace are over is
// submitted with what was saved and graded, in group-committed batches. Runs in the one process
// that writes (the cluster primary, or the single process), so each attempt is finalized once;
// finalizing is idempotent besides (only an in-progress attempt changes).
import { clockState } from "~/domain/exam-clock";
import { roomClock } from "~/domain/paper";
import { isoTime } from "./sqlite.server";
import type { ExamReads, ExamWrites } from "./types";

export async function finalizeDue(reads: ExamReads, writes: ExamWrites, now: Date): Promise<number> {
  let submitted = 0;
  const pending: Promise<unknown>[] = [];
  for (const room of await reads.openRooms()) {
    const clock = { openedAt: new Date(room.openedAt), pausedAt: null, pausedMs: room.pausedMs };
    // Nobody in the room is due before the room's own deadline and grace (extra time only adds).
    const base = clockState(roomClock(clock, room.durationMinutes, 0), now);
    if (base.phase !== "over") continue;
    for (const a of await reads.inProgressOfRoom(room.roomId)) {
      if (clockState(roomClock(clock, room.durationMinutes, a.extraMinutes, a.queuedMs), now).phase !== "over") continue;
      pending.push(
        writes.write({ kind: "finalize", attemptId: a.attemptId, reason: "deadline", at: isoTime(now), audit: null }).then((r) => {
          if (r.submitted) submitted++;
        }),
      );
    }
  }
  await Promise.all(pending);
  return submitted;
}

export function startDeadlineScheduler(reads: ExamReads, writes: ExamWrites, everyMs = 1000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    finalizeDue(reads, writes, new Date())
      .catch((e) => console.error("到时自动交卷失败，将在下一秒重试：", e))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
