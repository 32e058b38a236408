// Reading the audit log (the rows are written by app/platform/audit.server.ts, in the
// transaction of each change).
import { AUDIT_ACTION_LABELS } from "~/domain/audit-labels";
import { formatDateTime } from "~/domain/time";
import { db } from "~/platform/db.server";

export const AUDIT_PAGE_SIZE = 100;

/** One page of the log, newest first: of one center, or of all when centerId is null. */
export async function auditPage(centerId: string | null, filter: { action?: string; page?: number }) {
  const where = { ...(centerId ? { centerId } : {}), ...(filter.action ? { action: filter.action } : {}) };
  const page = filter.page ?? 1;
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { at: "desc" }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at),
      action: AUDIT_ACTION_LABELS[r.action] ?? r.action,
      actor: r.actorName ?? "—",
      target: r.target ?? "",
      ip: r.ip ?? "",
      detail: r.detail ?? "",
    })),
  };
}
