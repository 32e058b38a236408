// Shared by the exam store's tests on SQLite and on PostgreSQL.
import { gradableItems, paperOf } from "~/domain/paper";
import { examStore } from "~/features/exam-taking/store/index.server";
import { isoTime } from "~/features/exam-taking/store/sqlite.server";
import type { WriteOp } from "~/features/exam-taking/store/types";
import { openRoom } from "~/features/sittings/service.server";
import { db } from "~/platform/db.server";
import { noLate, roomOf, scenario, startAttempt } from "./sitting-scenario";

/** An open room with `n` candidates signed in; the first attempt claimed by window "window-one". */
export async function signedIn(code: string, n: number, openedAt = new Date()) {
  const s = await scenario(code, openedAt, n);
  await openRoom(await roomOf(s.roomId), s.p1, openedAt, noLate);
  const attempts = [];
  for (const p of s.people) attempts.push(await startAttempt(s.roomId, p.id, openedAt));
  await examStore().write({ kind: "claim", attemptId: attempts[0], windowId: "window-one" });
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: s.sittingId }, include: { paper: true } });
  const items = gradableItems(paperOf(sitting.paper!).items);
  return { ...s, attempts, items };
}

export const save = (attemptId: string, itemId: string, value: unknown, seq: number): Extract<WriteOp, { kind: "save" }> => ({
  kind: "save",
  attemptId,
  itemId,
  value: JSON.stringify(value),
  windowId: "window-one",
  seq,
  savedAt: isoTime(new Date()),
});
