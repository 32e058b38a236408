// Runs against this worker's own migrated database (test/support/db-setup.ts). The tests build on
// each other's state, in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleTheoryPaper } from "~/domain/assembly";
import { bankVersion, type BankItem } from "~/domain/bank";
import { LEVELS } from "~/domain/levels";
import { currentBank, importBank } from "~/features/bank/index.server";
import { loadBankFromDisk } from "~/features/bank/files.server";
import { db, ensureDbReady } from "~/platform/db.server";

const disk = loadBankFromDisk();
const byId = (a: BankItem, b: BankItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const live = (items: readonly BankItem[]) => items.filter((i) => !i.retired).sort(byId);

// The second version of the bank: one item removed, one stem changed.
const removed = disk.items.find((i) => i.level === "L4" && i.area === "现场管理" && i.type === "单选")!;
const edited = disk.items.find((i) => i.level === "L5" && i.area === "业务办理" && i.type === "多选")!;
const v2Items = disk.items.filter((i) => i.id !== removed.id).map((i) => (i.id === edited.id ? { ...i, stem: `${i.stem}（修订）` } : i));
const v2 = bankVersion(v2Items);

/** Papers from the database and from the files agree, for every level and a few seeds. */
async function expectSamePapers(fileItems: readonly BankItem[], version: string) {
  const cur = (await currentBank(db))!;
  expect(cur.version).toBe(version);
  for (const level of LEVELS) {
    for (const seed of [1, 7, 42, 200]) {
      const fromDb = assembleTheoryPaper(cur.items, level, seed, cur.version);
      const fromFiles = assembleTheoryPaper(fileItems, level, seed, version);
      expect(fromDb.ok).toBe(true);
      expect(fromDb).toEqual(fromFiles);
    }
  }
}

beforeAll(async () => {
  await ensureDbReady();
});
afterAll(async () => {
  await db.$disconnect();
});

describe("importBank", () => {
  it("starts from an empty database and a valid bank", async () => {
    expect(disk.errors).toEqual([]);
    expect(await db.questionItem.count()).toBe(0);
    expect(await currentBank(db)).toBeNull();
    expect(v2).not.toBe(disk.version);
  });

  it("adds every item on the first import", { timeout: 60_000 }, async () => {
    const s = await importBank(db, disk.items, disk.version);
    expect(s).toEqual({ version: disk.version, added: disk.items.length, changed: 0, retired: 0, unchanged: 0, alreadyCurrent: false });
    expect(await db.questionItem.count()).toBe(disk.items.length);
    const versions = await db.bankVersion.findMany();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      id: disk.version,
      current: true,
      itemCount: disk.items.length,
      activeCount: live(disk.items).length,
    });
    const row = await db.questionItem.findUniqueOrThrow({ where: { id: edited.id } });
    expect(row).toMatchObject({ firstVersion: disk.version, lastVersion: disk.version, retired: false });
  });

  it("returns the same items from currentBank()", async () => {
    const cur = await currentBank(db);
    expect(cur?.version).toBe(disk.version);
    expect([...cur!.items].sort(byId)).toEqual([...disk.items].sort(byId));
  });

  it("changes nothing when the same bank is imported again", async () => {
    const before = await db.questionItem.findMany({ orderBy: { id: "asc" } });
    const s = await importBank(db, disk.items, disk.version);
    expect(s).toEqual({ version: disk.version, added: 0, changed: 0, retired: 0, unchanged: disk.items.length, alreadyCurrent: true });
    expect(await db.questionItem.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.bankVersion.count()).toBe(1);
  });

  it("assembles the same papers from the database as from the files", async () => {
    await expectSamePapers(disk.items, disk.version);
  });

  it("retires a removed item (keeping it) and updates a changed one", async () => {
    const s = await importBank(db, v2Items, v2);
    expect(s).toEqual({ version: v2, added: 0, changed: 1, retired: 1, unchanged: disk.items.length - 2, alreadyCurrent: false });

    const gone = await db.questionItem.findUniqueOrThrow({ where: { id: removed.id } });
    expect(gone).toMatchObject({ retired: true, stem: removed.stem, lastVersion: disk.version });
    const changed = await db.questionItem.findUniqueOrThrow({ where: { id: edited.id } });
    expect(changed).toMatchObject({ stem: `${edited.stem}（修订）`, firstVersion: disk.version, lastVersion: v2, retired: false });
    expect(await db.questionItem.count()).toBe(disk.items.length);

    const versions = await db.bankVersion.findMany({ orderBy: { importedAt: "asc" } });
    expect(versions.map((v) => [v.id, v.current])).toEqual([
      [disk.version, false],
      [v2, true],
    ]);
    expect(versions[1]).toMatchObject({ itemCount: v2Items.length, activeCount: live(v2Items).length });
  });

  it("currentBank() returns the same live items as the files, plus the retired one", async () => {
    const cur = (await currentBank(db))!;
    expect(cur.version).toBe(v2);
    expect(live(cur.items)).toEqual(live(v2Items));
    const retiredInFiles = v2Items.filter((i) => i.retired).map((i) => i.id);
    expect(
      cur.items
        .filter((i) => i.retired)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...retiredInFiles, removed.id].sort());
  });

  it("assembles the same papers from the database as from the new files", async () => {
    await expectSamePapers(v2Items, v2);
  });

  it("is idempotent for the new version too", async () => {
    const s = await importBank(db, v2Items, v2);
    expect(s).toMatchObject({ alreadyCurrent: true, added: 0, changed: 0, retired: 0 });
  });

  it("applies a retired flag set in the files", async () => {
    const flagged = v2Items.find((i) => i.level === "L3" && i.area === "培训与管理" && i.type === "判断")!;
    const v3Items = v2Items.map((i) => (i.id === flagged.id ? { ...i, retired: true } : i));
    const v3 = bankVersion(v3Items);
    const s = await importBank(db, v3Items, v3);
    // a retired flag set in the files counts as retired, like an item missing from them
    expect(s).toMatchObject({ version: v3, added: 0, changed: 0, retired: 1, alreadyCurrent: false });
    expect(await db.questionItem.findUniqueOrThrow({ where: { id: flagged.id } })).toMatchObject({ retired: true });
    await expectSamePapers(v3Items, v3);
  });

  it("brings back an item that is restored to the files", async () => {
    const s = await importBank(db, disk.items, disk.version);
    expect(s.version).toBe(disk.version);
    expect(await db.questionItem.findUniqueOrThrow({ where: { id: removed.id } })).toMatchObject({ retired: false });
    const cur = (await currentBank(db))!;
    expect(live(cur.items)).toEqual(live(disk.items));
  });
});
