// Uploaded CSV files waiting for "import the good rows" (staff, 好差评): the only writer of
// ImportBatch. A batch is claimed once (pending → imported) inside the importing transaction, so a
// double click imports it once.
import type { Prisma } from "~/generated/prisma/client";
import { type AuditActor, writeAudit } from "./audit.server";
import { db } from "./db.server";

type Client = Prisma.TransactionClient | typeof db;

export type NewImportBatch = { centerId: string; createdBy: string; filename: string; encoding: string; content: string };

export function createImportBatch(batch: NewImportBatch, client: Client = db, imported?: Date) {
  return client.importBatch.create({ data: imported ? { ...batch, status: "imported", importedAt: imported } : batch });
}

export function findImportBatch(id: string) {
  return db.importBatch.findUnique({ where: { id } });
}

/** Marks a pending batch of the center imported; false when it was not pending (already used or discarded). */
export async function claimImportBatch(tx: Prisma.TransactionClient, id: string, centerId: string, now: Date): Promise<boolean> {
  const claimed = await tx.importBatch.updateMany({
    where: { id, centerId, status: "pending" },
    data: { status: "imported", importedAt: now },
  });
  return claimed.count === 1;
}

/** Drops a pending batch of the center (nothing was imported from it), audited in the same transaction. */
export async function discardImportBatch(id: string, centerId: string, actor: AuditActor, kind: "staff" | "ratings"): Promise<void> {
  await db.$transaction(async (tx) => {
    const changed = await tx.importBatch.updateMany({ where: { id, centerId, status: "pending" }, data: { status: "discarded" } });
    if (changed.count === 1)
      await writeAudit(tx, { action: "import.discard", actor, ip: actor.ip, centerId, target: id, detail: { kind } });
  });
}
