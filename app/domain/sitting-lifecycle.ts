// The lifecycle of a sitting and its rooms as one state machine: the states, the transitions,
// who may fire each, and the conditions that refuse one (with the Chinese reason the user reads).
// Every screen asks this module instead of comparing status strings; the sittings service is the
// only code that stores a transition (with its timestamp and audit entry, in one transaction).
//
//   room:     waiting ──open──▶ open ⇄ paused (pause / resume) ──close──▶ closed
//   sitting:  scheduled ──start_scoring (skill)──▶ scoring ──publish──▶ published
//             scheduled ──publish (theory, every room closed)──────────▶ published
import { canOpenRoom as openingTimeReached, OPEN_EARLY_MINUTES } from "./exam-rules";

/** What is stored in Room.status. `paused` is an open room with `pausedAt` set. */
export type StoredRoomStatus = "waiting" | "open" | "closed";
export type RoomState = "waiting" | "open" | "paused" | "closed";
export type StoredSittingStatus = "scheduled" | "scoring" | "published";
export type SittingState = StoredSittingStatus;

export const ROOM_STATE_LABELS: Record<RoomState, string> = { waiting: "未开考", open: "考试中", paused: "已暂停", closed: "已结束" };
export const SITTING_STATE_LABELS: Record<SittingState, string> = { scheduled: "未发布", scoring: "评分中", published: "成绩已发布" };

export function roomState(room: { status: string; pausedAt: Date | string | null }): RoomState {
  if (room.status === "closed") return "closed";
  if (room.status === "open") return room.pausedAt ? "paused" : "open";
  return "waiting";
}

export function sittingState(sitting: { status: string }): SittingState {
  return sitting.status === "published" ? "published" : sitting.status === "scoring" ? "scoring" : "scheduled";
}

/** The room has started (its clock runs or ran): the paper is fixed from then on. */
export function roomHasStarted(state: RoomState): boolean {
  return state !== "waiting";
}

/** The sitting accepts changes to rooms, proctors, registrations (not after results are out). */
export function sittingIsEditable(state: SittingState): boolean {
  return state === "scheduled";
}

export type Refusal = { ok: false; status: 403 | 409; reason: string };
export type Allowed = { ok: true };
const ok: Allowed = { ok: true };
const refuse = (reason: string, status: 403 | 409 = 409): Refusal => ({ ok: false, status, reason });

/** A room opened this long after the scheduled start needs the proctor's confirmation and a note. */
export const LATE_OPEN_CONFIRM_MINUTES = 15;

export type RoomOpenFacts = {
  state: RoomState;
  sittingState: SittingState;
  startsAt: Date;
  now: Date;
  hasPaper: boolean;
  missingProctors: number;
  requiredProctors: number;
  candidates: number;
  /** The proctor confirmed a late opening, with a note. */
  lateConfirmed: boolean;
};

export type LateOpening = { late: true; minutesLate: number } | { late: false };

export function lateOpening(startsAt: Date, now: Date): LateOpening {
  const minutesLate = Math.floor((now.getTime() - startsAt.getTime()) / 60_000);
  return minutesLate >= LATE_OPEN_CONFIRM_MINUTES ? { late: true, minutesLate } : { late: false };
}

export function canOpenRoom(
  f: RoomOpenFacts,
): Allowed | Refusal | { ok: false; status: 409; reason: string; needsLateConfirmation: true; minutesLate: number } {
  if (f.sittingState !== "scheduled") return refuse("成绩已发布或已进入评分，考场不能再开考。");
  if (f.state !== "waiting") return refuse(f.state === "closed" ? "考场已结束。" : "考场已开考。");
  if (!f.hasPaper) return refuse("本场考试尚未组卷，不能开考。");
  if (!openingTimeReached(f.startsAt, f.now)) return refuse(`未到开考时间：最早可在开考前 ${OPEN_EARLY_MINUTES} 分钟开考。`);
  if (f.missingProctors > 0)
    return refuse(`监考员不足：本考场 ${f.candidates} 名考生需 ${f.requiredProctors} 名监考员，还缺 ${f.missingProctors} 名，不能开考。`);
  const late = lateOpening(f.startsAt, f.now);
  if (late.late && !f.lateConfirmed)
    return {
      ok: false,
      status: 409,
      needsLateConfirmation: true,
      minutesLate: late.minutesLate,
      reason: `已超过计划开考时间 ${late.minutesLate} 分钟。考生仍将获得完整的考试时长；如确需开考，请填写延迟原因并确认。`,
    };
  return ok;
}

export function canPauseRoom(state: RoomState): Allowed | Refusal {
  if (state === "paused") return refuse("考场已暂停。");
  if (state !== "open") return refuse("考场未在考试中，不能暂停。");
  return ok;
}

export function canResumeRoom(state: RoomState): Allowed | Refusal {
  if (state !== "paused") return refuse("考场未暂停。");
  return ok;
}

/** Time added to the room's completed pauses when a pause ends. */
export function pauseLength(pausedAt: Date, now: Date): number {
  return Math.max(0, now.getTime() - pausedAt.getTime());
}

export type RoomCloseFacts = {
  state: RoomState;
  /** Candidates registered in the room. */
  registered: number;
  /** Attempts submitted (by hand, at 0:00 or finalised after the deadline). */
  submitted: number;
  /** Attempts still in progress. */
  inProgress: number;
  /** Every candidate's time (the room's duration, pauses, and the longest extra time, plus the save grace) is over. */
  timeOver: boolean;
};

/**
 * An open room closes by itself once nobody can still write: every registered candidate has
 * submitted, or the time of the last candidate (with extra time and the grace for saves) is over
 * and no attempt is left in progress. A paused room does not close.
 */
export function roomShouldClose(f: RoomCloseFacts): boolean {
  if (f.state !== "open") return false;
  if (f.inProgress > 0) return false;
  return f.timeOver || (f.registered > 0 && f.submitted >= f.registered);
}

/**
 * The proctor ends the room by hand (收卷) once nobody is writing: candidates who never signed in
 * are absent (缺考). While anyone is still answering it waits for them or for the clock.
 */
export function canCloseRoom(f: { state: RoomState; inProgress: number }): Allowed | Refusal {
  if (f.state === "closed") return refuse("考场已结束。");
  if (f.state === "waiting") return refuse("考场未开考。");
  if (f.state === "paused") return refuse("考场暂停中，请先恢复考试。");
  if (f.inProgress > 0) return refuse(`还有 ${f.inProgress} 名考生正在作答，不能结束考场；到时将自动交卷并结束。`);
  return ok;
}

export type PublishFacts = {
  kind: "theory" | "skill";
  state: SittingState;
  rooms: { name: string; state: RoomState }[];
  /** Skill: candidates with a task still waiting for a score or the chief's review. */
  unsettledCandidates?: number;
};

export function canPublish(f: PublishFacts): Allowed | Refusal {
  if (f.state === "published") return refuse("成绩已发布。");
  if (f.kind === "skill") {
    if (f.state !== "scoring") return refuse("技能考核尚未开始评分，不能发布成绩。");
    if ((f.unsettledCandidates ?? 0) > 0) return refuse(`还有 ${f.unsettledCandidates} 名考生的评分未完成或待考评组长复核，不能发布。`);
    return ok;
  }
  if (f.rooms.length === 0) return refuse("本场考试没有考场，不能发布成绩。");
  const notClosed = f.rooms.filter((r) => r.state !== "closed");
  if (notClosed.length > 0)
    return refuse(
      `还有考场未结束：${notClosed.map((r) => `${r.name}（${ROOM_STATE_LABELS[r.state]}）`).join("、")}。全部考场结束后才能发布成绩。`,
    );
  return ok;
}

export function canAssemble(f: { state: SittingState; rooms: { state: RoomState }[] }): Allowed | Refusal {
  if (f.state !== "scheduled") return refuse("成绩已发布或已进入评分，不能组卷。");
  if (f.rooms.some((r) => roomHasStarted(r.state))) return refuse("已有考场开考，试卷已固定，不能重新组卷。");
  return ok;
}

export function canStartScoring(f: { kind: "theory" | "skill"; state: SittingState; missingExaminers: number }): Allowed | Refusal {
  if (f.kind !== "skill") return refuse("只有技能考核需要评分。");
  if (f.state !== "scheduled") return refuse(f.state === "scoring" ? "已在评分中。" : "成绩已发布。");
  if (f.missingExaminers > 0) return refuse(`考评员不足：还缺 ${f.missingExaminers} 名，不能开始评分。`);
  return ok;
}

export function canEditSitting(state: SittingState): Allowed | Refusal {
  return sittingIsEditable(state)
    ? ok
    : refuse(state === "published" ? "成绩已发布，场次不能再修改。" : "评分已开始，考评组、报名和试卷不能再修改。");
}

/** Nobody proctors a room of a sitting they sit in (and so nobody sits a sitting they proctor). */
export function canProctor(f: { isCandidateInSitting: boolean; name: string }): Allowed | Refusal {
  return f.isCandidateInSitting ? refuse(`${f.name} 已报名参加本场考试，不能同时担任本场监考员。`) : ok;
}

export function canRegisterCandidate(f: { proctorsThisSitting: boolean; name: string }): Allowed | Refusal {
  return f.proctorsThisSitting ? refuse(`${f.name} 是本场考试的监考员，不能报名参加本场考试。`) : ok;
}

/** Why a sitting's rooms or groups, registrations and paper can no longer change; null while it is being set up. */
export function setupRefusal(sitting: { status: string }): string | null {
  const r = canEditSitting(sittingState(sitting));
  return r.ok ? null : r.reason;
}
