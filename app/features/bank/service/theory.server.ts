import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { BankItem } from "~/domain/bank";
import type { PrismaClient } from "~/generated/prisma/client";
import { auditStep, type AuditEntry } from "~/platform/audit.server";

function itemHash(i: BankItem): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(i)))).slice(0, 16);
}

export type ImportSummary = {
  version: string;
  added: number;
  changed: number;
  retired: number;
  unchanged: number;
  alreadyCurrent: boolean;
};

/**
 * Loads a validated bank into the database. Idempotent: the same bank twice changes nothing.
 * Items missing from the files are retired, never deleted, so past papers stay reviewable.
 */
export async function importBank(
  db: PrismaClient,
  items: readonly BankItem[],
  version: string,
  now = new Date(),
  /** Audit entries of the change that led to this import (a review on /bank/review), written in its closing transaction. */
  also: { audit?: readonly AuditEntry[] } = {},
): Promise<ImportSummary> {
  const current = await db.bankVersion.findFirst({ where: { kind: "theory", current: true } });
  const existing = new Map(
    (await db.questionItem.findMany({ select: { id: true, contentHash: true, retired: true } })).map((r) => [r.id, r]),
  );
  const seen = new Set<string>();
  let added = 0,
    changed = 0,
    unchanged = 0,
    retired = 0;
  const writes: ReturnType<typeof db.questionItem.upsert>[] = [];
  for (const i of items) {
    seen.add(i.id);
    const contentHash = itemHash(i);
    const prev = existing.get(i.id);
    // Same content and same retired state: nothing to write. (A row retired because its item had
    // vanished from the files has the same hash when the item comes back, so compare both.)
    if (prev && prev.contentHash === contentHash && prev.retired === i.retired) {
      unchanged++;
      continue;
    }
    if (!prev) added++;
    else if (!prev.retired && i.retired) retired++;
    else changed++;
    const data = {
      type: i.type,
      level: i.level,
      area: i.area,
      requirement: i.requirement,
      stem: i.stem,
      options: i.options ? JSON.stringify(i.options) : null,
      key: JSON.stringify(i.key),
      explanation: i.explanation,
      law: i.law ? JSON.stringify(i.law) : null,
      retired: i.retired,
      // review workflow (law.version travels inside the law JSON)
      enemy: i.enemy ?? null,
      status: i.status ?? null,
      author: i.author ?? null,
      reviewer: i.reviewer ?? null,
      reviewedAt: i.reviewed ?? null,
      contentHash,
      lastVersion: version,
    };
    writes.push(db.questionItem.upsert({ where: { id: i.id }, create: { id: i.id, firstVersion: version, ...data }, update: data }));
  }
  const gone = [...existing.values()].filter((r) => !seen.has(r.id) && !r.retired).map((r) => r.id);
  retired += gone.length;
  const alreadyCurrent = current?.id === version && writes.length === 0 && gone.length === 0;
  const extraAudit = (also.audit ?? []).map((a) => auditStep({ at: now, ...a }));
  if (alreadyCurrent) {
    if (extraAudit.length) await db.$transaction(extraAudit);
    return { version, added, changed, retired, unchanged, alreadyCurrent };
  }
  const active = items.filter((i) => !i.retired).length;
  // Chunks keep each write transaction short, so a running exam server is never blocked for long;
  // a small change (up to one chunk) goes into the closing transaction with its audit entries.
  const CHUNK = 100;
  const inClosing = writes.length <= CHUNK ? writes : [];
  if (!inClosing.length) for (let k = 0; k < writes.length; k += CHUNK) await db.$transaction(writes.slice(k, k + CHUNK));
  await db.$transaction([
    ...inClosing,
    db.questionItem.updateMany({ where: { id: { in: gone } }, data: { retired: true } }),
    db.bankVersion.updateMany({ where: { kind: "theory", current: true }, data: { current: false } }),
    db.bankVersion.upsert({
      where: { id: version },
      create: { id: version, importedAt: now, itemCount: items.length, activeCount: active, current: true },
      update: { importedAt: now, current: true, itemCount: items.length, activeCount: active },
    }),
    // The chunks above are the import's items; this closes the import and records it.
    auditStep({ action: "bank.import", target: version, centerId: null, at: now, detail: { added, changed, retired, unchanged } }),
    ...extraAudit,
  ]);
  return { version, added, changed, retired, unchanged, alreadyCurrent };
}

/** The current bank as domain items (what new papers are built from). */
export async function currentBank(db: PrismaClient): Promise<{ version: string; items: BankItem[] } | null> {
  const v = await db.bankVersion.findFirst({ where: { kind: "theory", current: true } });
  if (!v) return null;
  const rows = await db.questionItem.findMany({ orderBy: { id: "asc" } });
  return {
    version: v.id,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as BankItem["type"],
      level: r.level as BankItem["level"],
      area: r.area as BankItem["area"],
      requirement: r.requirement,
      stem: r.stem,
      options: r.options ? JSON.parse(r.options) : null,
      key: JSON.parse(r.key),
      explanation: r.explanation,
      law: r.law ? JSON.parse(r.law) : null,
      retired: r.retired,
      enemy: r.enemy,
      status: r.status as BankItem["status"],
      author: r.author,
      reviewer: r.reviewer,
      reviewed: r.reviewedAt,
    })),
  };
}
