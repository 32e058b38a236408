// Item exposure against a real migrated SQLite file: sittings assembled one after another through
// the sittings service avoid each other's items, record what they were assembled against, and the
// exposure record counts only the papers sittings hold, inside the window.
import { beforeAll, describe, expect, it } from "vitest";
import { assembleTheoryPaper, paperItemIds, type TheoryPaper } from "~/domain/assembly";
import { OVERLAP_MAX } from "~/domain/bank-lint";
import { importBank, itemExposure, loadBankFromDisk } from "~/features/bank/index.server";
import { assembleSittingPaper } from "~/features/sittings/service.server";
import { db } from "~/platform/db.server";
import { scenario } from "../support/sitting-scenario";

const DAY = 24 * 60 * 60_000;
const bank = loadBankFromDisk();

beforeAll(async () => {
  await importBank(db, bank.items, bank.version);
});

async function paperOfSitting(sittingId: string) {
  const s = await db.sitting.findUniqueOrThrow({ where: { id: sittingId }, include: { paper: true } });
  return { id: s.paper!.id, content: JSON.parse(s.paper!.content) as TheoryPaper };
}

describe("item exposure (service)", () => {
  it("assembles each new sitting against the level's earlier papers and counts only papers sittings hold", async () => {
    const now = new Date();
    const a = await scenario("EXA", new Date(now.getTime() + DAY));
    const b = await scenario("EXB", new Date(now.getTime() + 2 * DAY));
    const pa = await paperOfSitting(a.sittingId);
    const pb = await paperOfSitting(b.sittingId);

    // B knew about A, and shares at most a third of its items with it.
    expect(pb.content.exposure?.papers).toContain(pa.id);
    const inA = new Set(paperItemIds(pa.content));
    const shared = paperItemIds(pb.content).filter((id) => inA.has(id)).length;
    expect(shared / inA.size).toBeLessThanOrEqual(OVERLAP_MAX);

    // The stored ids reproduce B exactly.
    const previous = [];
    for (const id of pb.content.exposure!.papers) {
      const p = await db.paper.findUniqueOrThrow({ where: { id } });
      previous.push({ id, items: paperItemIds(JSON.parse(p.content) as TheoryPaper) });
    }
    const again = assembleTheoryPaper(bank.items, "L5", pb.content.seed, bank.version, { previous });
    expect(again.ok && again.paper).toEqual(pb.content);

    const all = await itemExposure("L5", { now });
    expect(all.papers.map((p) => p.id).slice(-2)).toEqual([pa.id, pb.id]);
    for (const id of paperItemIds(pb.content)) expect(all.counts.get(id)).toBeGreaterThanOrEqual(1);
    expect((await itemExposure("L4", { now })).papers.map((p) => p.id)).not.toContain(pa.id);

    // Re-assembling B leaves B's own old paper out; the replaced paper no longer counts at all.
    await assembleSittingPaper(b.sittingId, b.admin);
    const pb2 = await paperOfSitting(b.sittingId);
    expect(pb2.id).not.toBe(pb.id);
    expect(pb2.content.exposure?.papers).not.toContain(pb.id);
    expect(pb2.content.exposure?.papers).toContain(pa.id);
    const after = await itemExposure("L5", { now });
    expect(after.papers.map((p) => p.id)).not.toContain(pb.id);
    expect(after.papers.map((p) => p.id)).toContain(pb2.id);
    expect((await itemExposure("L5", { now, excludeSittingId: b.sittingId })).papers.map((p) => p.id)).not.toContain(pb2.id);

    // Outside the 24-month window A no longer counts; with no window it does.
    await db.sitting.update({ where: { id: a.sittingId }, data: { startsAt: new Date(now.getTime() - 800 * DAY) } });
    const windowed = await itemExposure("L5", { now });
    expect(windowed.papers.map((p) => p.id)).not.toContain(pa.id);
    expect(windowed.since!.getTime()).toBeLessThan(now.getTime() - 700 * DAY);
    expect((await itemExposure("L5", { now, months: null })).papers.map((p) => p.id)).toContain(pa.id);
  });
});
