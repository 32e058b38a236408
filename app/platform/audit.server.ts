import { db } from "~/platform/db.server";
import type { SessionUser } from "~/platform/session.server";

export type AuditEntry = {
  action: string;
  actor?: Pick<SessionUser, "id" | "displayName" | "centerId"> | null;
  centerId?: string | null;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
};

/** Who did it and from where, for services that audit inside their own transaction. */
export type AuditActor = NonNullable<AuditEntry["actor"]> & { ip?: string | null };

/** The audit row for an entry; pass it to `tx.auditLog.create` when the write must share a transaction. */
export function auditRecord(entry: AuditEntry) {
  return {
    at: entry.at ?? new Date(),
    action: entry.action,
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.displayName ?? null,
    centerId: entry.centerId !== undefined ? entry.centerId : (entry.actor?.centerId ?? null),
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}

export async function audit(entry: AuditEntry) {
  await db.auditLog.create({ data: auditRecord(entry) });
}

type AuditWriter = { auditLog: { create(args: { data: ReturnType<typeof auditRecord> }): Promise<unknown> } };

/** Writes the audit entry of a change inside the change's own transaction: `await writeAudit(tx, { … })`. */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRecord(entry) });
}

/** The audit row's write as one step of a batch transaction: `db.$transaction([change, auditStep({ … })])`. */
export function auditStep(entry: AuditEntry) {
  return db.auditLog.create({ data: auditRecord(entry) });
}
