// Online application (网上报名): the registration window, who may apply, edit or review when, how
// seats and the waiting list are decided, and how the applicant's additions join the recorded
// facts for the eligibility check. Pure: the time and every fact are passed in. Decision 024.
import type { Education, EligibilityFacts, HeldCertificate, WorkPeriod } from "./eligibility";
import { formatDateTime } from "./time";

export type ApplicationStatus = "submitted" | "needs_info" | "approved" | "waitlisted" | "rejected" | "withdrawn";
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "submitted",
  "needs_info",
  "approved",
  "waitlisted",
  "rejected",
  "withdrawn",
];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: "待审核",
  needs_info: "需补充",
  approved: "已通过",
  waitlisted: "候补",
  rejected: "已驳回",
  withdrawn: "已撤回",
};

export type Refusal = { ok: false; status: 400 | 403 | 409; reason: string };
export type Allowed = { ok: true };
const ok: Allowed = { ok: true };
const refuse = (reason: string, status: 400 | 403 | 409 = 409): Refusal => ({ ok: false, status, reason });

export type ApplicationWindow = { opensAt: Date | null; closesAt: Date | null; seats: number | null; startsAt: Date };
export type WindowState = "unpublished" | "upcoming" | "open" | "closed";
export const WINDOW_STATE_LABELS: Record<WindowState, string> = {
  unpublished: "未开放报名",
  upcoming: "报名未开始",
  open: "报名中",
  closed: "报名已截止",
};

/** The window is [opensAt, closesAt): it opens at its first minute and is shut from its closing minute on. */
export function windowState(w: ApplicationWindow, now: Date): WindowState {
  if (!w.opensAt || !w.closesAt || !w.seats) return "unpublished";
  if (now < w.opensAt) return "upcoming";
  if (now >= w.closesAt || now >= w.startsAt) return "closed";
  return "open";
}

const minute = (d: Date) => formatDateTime(d).slice(0, 16);

/** A new application, a withdrawal: only inside the window. */
export function canApply(w: ApplicationWindow, now: Date): Allowed | Refusal {
  const state = windowState(w, now);
  if (state === "unpublished") return refuse("该场次未开放网上报名。", 400);
  if (state === "upcoming") return refuse(`报名尚未开始，开始时间为 ${minute(w.opensAt!)}。`);
  if (state === "closed") return refuse(`报名已于 ${minute(w.closesAt!)} 截止，不能再提交申请。`);
  return ok;
}

/**
 * Answering a 需补充 request: the applicant applied in time, and the center may ask after the close,
 * so this is allowed until the sitting starts.
 */
export function canResubmit(status: ApplicationStatus, w: ApplicationWindow, now: Date): Allowed | Refusal {
  if (status !== "needs_info") return refuse(`申请当前为“${APPLICATION_STATUS_LABELS[status]}”，不能修改。`);
  if (now >= w.startsAt) return refuse("考试已开始，不能再修改申请。");
  return ok;
}

/** Withdrawing: while nothing is decided that a registration hangs on, and inside the window. */
export function canWithdraw(status: ApplicationStatus, w: ApplicationWindow, now: Date): Allowed | Refusal {
  if (status === "approved") return refuse("申请已通过并已报名，如需退出请联系考务人员。");
  if (status === "rejected" || status === "withdrawn") return refuse(`申请已${APPLICATION_STATUS_LABELS[status]}。`);
  return canApply(w, now);
}

/**
 * A review (approve, reject, ask for more): of an application waiting for review, never by its
 * applicant, and before the sitting starts.
 */
export function canReview(f: {
  status: ApplicationStatus;
  reviewerPersonId: string | null;
  applicantPersonId: string;
  startsAt: Date;
  now: Date;
}): Allowed | Refusal {
  if (f.reviewerPersonId && f.reviewerPersonId === f.applicantPersonId) return refuse("不能审核本人的报名申请。", 403);
  if (f.status !== "submitted") return refuse(`该申请当前为“${APPLICATION_STATUS_LABELS[f.status]}”，不在待审核状态。`);
  if (f.now >= f.startsAt) return refuse("考试已开始，不能再审核报名。");
  return ok;
}

/**
 * Publishing or changing the window and seats: before the sitting starts, the window closing no
 * later than the start, and no fewer seats than applicants already approved.
 */
export function checkWindow(f: {
  opensAt: Date;
  closesAt: Date;
  seats: number;
  startsAt: Date;
  approved: number;
  now: Date;
}): Allowed | Refusal {
  if (f.now >= f.startsAt) return refuse("考试已开始，不能再设置网上报名。");
  if (f.closesAt <= f.opensAt) return refuse("报名截止时间应晚于开始时间。", 400);
  if (f.closesAt > f.startsAt) return refuse(`报名截止时间不能晚于开考时间（${minute(f.startsAt)}）。`, 400);
  if (f.seats < f.approved) return refuse(`已有 ${f.approved} 人通过审核，名额不能少于 ${f.approved}。`, 400);
  return ok;
}

/** The lowest seat of 1..seats no approved application holds, or null when the sitting is full. */
export function freeSeat(seats: number, taken: readonly number[]): number | null {
  const used = new Set(taken);
  for (let s = 1; s <= seats; s++) if (!used.has(s)) return s;
  return null;
}

/**
 * Who moves up from the waiting list when seats free up (seats raised): the longest waiting first,
 * each into the lowest free seat, while seats last.
 */
export function promotions<T extends { id: string; waitSince: Date }>(
  seats: number,
  taken: readonly number[],
  waiting: readonly T[],
): { id: string; seat: number }[] {
  const used = [...taken];
  const out: { id: string; seat: number }[] = [];
  for (const w of [...waiting].sort((a, b) => a.waitSince.getTime() - b.waitSince.getTime() || a.id.localeCompare(b.id))) {
    const seat = freeSeat(seats, used);
    if (seat === null) break;
    used.push(seat);
    out.push({ id: w.id, seat });
  }
  return out;
}

/** 1-based places on the waiting list, by time put on it. */
export function waitingPositions(waiting: readonly { id: string; waitSince: Date }[]): Map<string, number> {
  const sorted = [...waiting].sort((a, b) => a.waitSince.getTime() - b.waitSince.getTime() || a.id.localeCompare(b.id));
  return new Map(sorted.map((w, i) => [w.id, i + 1]));
}

// ---- the applicant's additions ----

type Evidence = { evidence: string };
export type Additions = {
  education: (Education & Evidence)[];
  work: (WorkPeriod & Evidence)[];
  certificates: (HeldCertificate & Evidence)[];
  /** The apprenticeship completed (五级 condition 2), with its evidence; null when not claimed. */
  apprenticeship: Evidence | null;
};
export const NO_ADDITIONS: Additions = { education: [], work: [], certificates: [], apprenticeship: null };

/** The facts the eligibility check sees: what the center records plus what the applicant added. */
export function withAdditions(recorded: EligibilityFacts, add: Additions): EligibilityFacts {
  return {
    ...recorded,
    apprenticeshipCompleted: recorded.apprenticeshipCompleted || add.apprenticeship !== null,
    education: [
      ...recorded.education,
      ...add.education.map((e) => ({ schoolType: e.schoolType, major: e.major, graduated: e.graduated, finalYear: e.finalYear })),
    ],
    work: [...recorded.work, ...add.work.map((w) => ({ occupation: w.occupation, start: w.start, end: w.end }))],
    certificates: [
      ...recorded.certificates,
      ...add.certificates.map((c) => ({ level: c.level, issued: c.issued, occupation: c.occupation })),
    ],
  };
}

export function additionsCount(add: Additions): number {
  return add.education.length + add.work.length + add.certificates.length + (add.apprenticeship ? 1 : 0);
}
