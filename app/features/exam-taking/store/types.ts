// The exam store: the data access of a sitting's hot path (sign-in, claim, paper, save, poll,
// submit, finalize) behind a small async interface, so that the SQLite implementation on prepared
// statements can be joined by a PostgreSQL one without touching the rules in service.server.ts.
// Every value that crosses it is plain JSON (times as ISO strings): write operations travel from
// a cluster worker to the writer process as they are.

export type LoginRow = {
  registrationId: string;
  ticketNumber: string;
  idNumber: string;
  centerId: string;
  paperId: string | null;
  roomId: string | null;
  roomStatus: string | null;
  roomOpenedAt: string | null;
  startCode: string | null;
  attemptId: string | null;
};

export type SessionRow = {
  expiresAt: string;
  registrationId: string;
  ticketNumber: string;
  seat: number;
  personName: string;
  sittingId: string;
  centerId: string;
  title: string;
  level: string;
  sittingStatus: string;
  durationMinutes: number;
  paperId: string | null;
  roomId: string | null;
  roomName: string | null;
  openedAt: string | null;
  pausedAt: string | null;
  pausedMs: number | null;
  attemptId: string | null;
  status: string | null;
  activeWindow: string | null;
  extraMinutes: number | null;
  queuedMs: number | null;
  submitReason: string | null;
  score: number | null;
  passed: number | boolean | null;
  areaScores: string | null;
};

export type PaperRow = { id: string; content: string; items: string };

export type AuditRow = {
  action: string;
  at: string;
  centerId: string | null;
  target: string | null;
  ip: string | null;
  detail: string | null;
};

/** The writes of the hot path. Each is one step of a group-committed transaction. */
export type WriteOp =
  | {
      kind: "signIn";
      registrationId: string;
      /** Created only if the registration has no attempt yet (a re-sign-in keeps the first). */
      attempt: { id: string; itemOrder: string; startedAt: string; queuedMs: number } | null;
      session: { id: string; createdAt: string; expiresAt: string };
      audit: AuditRow;
    }
  | { kind: "claim"; attemptId: string; windowId: string }
  | { kind: "save"; attemptId: string; itemId: string; value: string; windowId: string; seq: number; savedAt: string }
  | { kind: "finalize"; attemptId: string; reason: "manual" | "deadline"; at: string; audit: AuditRow | null };

export type WriteResult =
  | { kind: "signIn"; attemptId: string }
  | { kind: "claim"; changed: boolean }
  | { kind: "save"; written: boolean }
  | { kind: "finalize"; submitted: boolean };

export interface ExamReads {
  loginRow(ticket: string): Promise<LoginRow | undefined>;
  sessionRow(sessionId: string): Promise<SessionRow | undefined>;
  paper(paperId: string): Promise<PaperRow>;
  itemOrder(attemptId: string): Promise<string>;
  answers(attemptId: string): Promise<{ itemId: string; value: string }[]>;
  attemptState(attemptId: string): Promise<{ activeWindow: string | null; status: string } | undefined>;
  answerRow(attemptId: string, itemId: string): Promise<{ windowId: string; seq: number; savedAt: string } | undefined>;
  /** Open, unpaused rooms with their clocks (what the deadline scheduler looks at each second). */
  openRooms(): Promise<{ roomId: string; openedAt: string; pausedMs: number; durationMinutes: number }[]>;
  inProgressOfRoom(roomId: string): Promise<{ attemptId: string; extraMinutes: number; queuedMs: number }[]>;
  /** The database answers a trivial query (the health endpoint). */
  ping(): Promise<boolean>;
}

export interface ExamWrites {
  write<K extends WriteOp["kind"]>(op: Extract<WriteOp, { kind: K }>): Promise<Extract<WriteResult, { kind: K }>>;
}

export type AdmissionAnswer =
  { admitted: true; waitedMs: number } | { admitted: false; position: number; etaSeconds: number; retryAfterMs: number };

export interface ExamAdmission {
  request(key: string, nowMs: number): Promise<AdmissionAnswer>;
  capacity(): { perSecond: number; source: string };
}

export type ExamStore = ExamReads & ExamWrites & { admission: ExamAdmission };
