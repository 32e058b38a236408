// The only writer of the skill task bank (SkillTask, and BankVersion rows of kind "skill").
import { skillBankVersion, type SkillTask } from "~/domain/skill";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { writeAudit } from "~/platform/audit.server";

export type SkillImportSummary = { version: string; added: number; changed: number; retired: number; alreadyCurrent: boolean };

/** Idempotent; tasks missing from the files are retired, never deleted. One transaction with its audit entry. */
export async function importSkillBank(client: PrismaClient, tasks: readonly SkillTask[], version: string): Promise<SkillImportSummary> {
  const existing = new Map((await client.skillTask.findMany()).map((t) => [t.id, t]));
  let added = 0,
    changed = 0;
  const upserts: Prisma.SkillTaskUpsertArgs[] = [];
  for (const t of tasks) {
    const content = JSON.stringify(t);
    const contentHash = skillBankVersion([t]);
    const prev = existing.get(t.id);
    if (prev && prev.contentHash === contentHash && prev.retired === t.retired) continue;
    if (prev) changed++;
    else added++;
    const data = {
      level: t.level,
      area: t.area,
      points: t.points,
      mandatory: t.mandatory,
      content,
      retired: t.retired,
      contentHash,
      lastVersion: version,
    };
    upserts.push({ where: { id: t.id }, create: { id: t.id, firstVersion: version, ...data }, update: data });
  }
  const gone = [...existing.values()].filter((r) => !r.retired && !tasks.some((t) => t.id === r.id)).map((r) => r.id);
  const current = await client.bankVersion.findFirst({ where: { kind: "skill", current: true } });
  if (upserts.length === 0 && gone.length === 0 && current?.id === `skill-${version}`)
    return { version, added, changed, retired: 0, alreadyCurrent: true };
  await client.$transaction(async (tx) => {
    for (const u of upserts) await tx.skillTask.upsert(u);
    await tx.skillTask.updateMany({ where: { id: { in: gone } }, data: { retired: true } });
    await tx.bankVersion.updateMany({ where: { kind: "skill", current: true }, data: { current: false } });
    await tx.bankVersion.upsert({
      where: { id: `skill-${version}` },
      create: {
        id: `skill-${version}`,
        kind: "skill",
        itemCount: tasks.length,
        activeCount: tasks.filter((t) => !t.retired).length,
        current: true,
      },
      update: { current: true },
    });
    await writeAudit(tx, { action: "bank.skill_import", target: `skill-${version}`, detail: { added, changed, retired: gone.length } });
  });
  return { version, added, changed, retired: gone.length, alreadyCurrent: false };
}

/** The current skill bank as domain tasks (what new skill papers are built from); null before the first import. */
export async function currentSkillBank(client: PrismaClient): Promise<{ version: string; tasks: SkillTask[] } | null> {
  const v = await client.bankVersion.findFirst({ where: { kind: "skill", current: true } });
  if (!v) return null;
  const rows = await client.skillTask.findMany({ orderBy: { id: "asc" } });
  return {
    version: v.id.replace(/^skill-/, ""),
    tasks: rows.map((r) => ({ ...(JSON.parse(r.content) as SkillTask), retired: r.retired })),
  };
}
