// The review screen's service (/bank) on a copy of the real bank and a real migrated SQLite file:
// each action writes the item's file, re-imports, audits in the import's transaction; a stale or
// refused action changes neither the file nor the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReviewActionSchema, ReviewFilterSchema } from "~/features/bank/schemas";
import { bankListing, changeItemStatus, withUsage } from "~/features/bank/service/review.server";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { db } from "~/platform/db.server";
import { refusal } from "../support/service-helpers";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bank-review-"));
const dir = path.join(tmp, "theory");
const maintainer = { id: "u-bank", displayName: "孙颖", centerId: null, ip: "127.0.0.1" };
const DRAFT = "T-L4-XC-0073";
const NOW = new Date("2026-12-06T02:00:00Z");

const fileOf = (id: string) => {
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (p.endsWith(".yaml") && fs.readFileSync(p, "utf8").includes(`- id: ${id}\n`)) return p;
  }
  throw new Error(`no file holds ${id}`);
};
const action = (v: Record<string, string>) => ReviewActionSchema.parse(v);

beforeAll(async () => {
  fs.cpSync(path.resolve("question-bank/theory"), dir, { recursive: true });
  const bank = loadBankFromDisk(dir);
  expect(bank.errors).toEqual([]);
  await importBank(db, bank.items, bank.version);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("bank review (service)", () => {
  it("lists drafts under 待审核 with their file, filtered and paged", () => {
    const all = bankListing(ReviewFilterSchema.parse({}), dir);
    expect(all.filter.view).toBe("pending");
    expect(all.counts.pending).toBeGreaterThan(0);
    expect(all.items.every((i) => i.status === "draft")).toBe(true);
    const l4 = bankListing(ReviewFilterSchema.parse({ level: "L4", area: "现场管理", q: "自助终端" }), dir);
    const item = l4.items.find((i) => i.id === DRAFT);
    expect(item?.file).toContain("onsite-2.yaml");
    // the review note written above the item in its file
    expect(item?.notes).toEqual([expect.stringMatching(/^审核意见（审核组乙）：与 T-L5-ZX-0027/)]);
    const active = bankListing(ReviewFilterSchema.parse({ view: "active", page: "2" }), dir);
    expect(active.items).toHaveLength(20);
    expect(active.total).toBe(active.counts.active);
    // a page past the end shows the last one
    expect(bankListing(ReviewFilterSchema.parse({ view: "active", page: "9999" }), dir).filter.page).toBe(active.pages);
  });

  it("adds each listed item's use in papers of the exposure window", async () => {
    const listing = await withUsage(bankListing(ReviewFilterSchema.parse({ view: "active" }), dir), NOW);
    expect(listing.window).toBe(24);
    expect(listing.items.every((i) => typeof i.used === "number" && i.used >= 0)).toBe(true);
  });

  it("refuses bad input in Chinese", () => {
    const noReason = ReviewActionSchema.safeParse({ intent: "return", id: DRAFT, from: "draft", reason: "" });
    expect(noReason.success).toBe(false);
    expect(noReason.error!.issues[0].message).toBe("请写明退回理由（至少 4 个字）");
    expect(ReviewActionSchema.safeParse({ intent: "activate", id: "../etc/passwd", from: "draft" }).error!.issues[0].message).toContain(
      "题目编号",
    );
    expect(ReviewFilterSchema.safeParse({ view: "all" }).success).toBe(false);
  });

  it("returns a draft with a reason, then activates it: file, database and audit follow", async () => {
    const file = fileOf(DRAFT);
    const r = await changeItemStatus(
      action({ intent: "return", id: DRAFT, from: "draft", reason: "请先加共同 enemy 标签" }),
      maintainer,
      NOW,
      dir,
    );
    expect(r.message).toBe(`已退回作者：${DRAFT}。`);
    expect(fs.readFileSync(file, "utf8")).toContain(`returned: { by: 孙颖, date: 2026-12-06, reason: "请先加共同 enemy 标签" }`);
    const listed = bankListing(ReviewFilterSchema.parse({ q: DRAFT }), dir).items[0];
    expect(listed.returned).toEqual({ by: "孙颖", date: "2026-12-06", reason: "请先加共同 enemy 标签" });
    expect(await db.auditLog.count({ where: { action: "bank.item_return", target: DRAFT } })).toBe(1);

    await changeItemStatus(action({ intent: "activate", id: DRAFT, from: "draft" }), maintainer, NOW, dir);
    const text = fs.readFileSync(file, "utf8");
    const block = text.slice(text.indexOf(`- id: ${DRAFT}`), text.indexOf("- id: T-L4-XC-0074"));
    expect(block).toContain("status: active");
    expect(block).toContain("reviewer: 孙颖");
    expect(block).toContain("reviewed: 2026-12-06");
    expect(block).not.toContain("returned:");
    const row = await db.questionItem.findUniqueOrThrow({ where: { id: DRAFT } });
    expect(row).toMatchObject({ status: "active", reviewer: "孙颖", retired: false });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "bank.item_activate", target: DRAFT } });
    expect(JSON.parse(entry.detail!)).toMatchObject({ from: "draft", to: "active" });
    const current = await db.bankVersion.findFirstOrThrow({ where: { kind: "theory", current: true } });
    expect(current.id).toBe(loadBankFromDisk(dir).version);
  });

  it("refuses a stale action (the item changed meanwhile) and changes nothing", async () => {
    const file = fileOf(DRAFT);
    const before = fs.readFileSync(file, "utf8");
    const audits = await db.auditLog.count();
    expect(await refusal(changeItemStatus(action({ intent: "activate", id: DRAFT, from: "draft" }), maintainer, NOW, dir))).toMatchObject({
      status: 409,
      message: `题目 ${DRAFT} 的状态已变为「已启用」（可能已被他人处理），请刷新页面后重试。`,
    });
    expect(
      await refusal(changeItemStatus(action({ intent: "return", id: DRAFT, from: "active", reason: "理由理由" }), maintainer, NOW, dir)),
    ).toMatchObject({
      status: 409,
      message: `题目 ${DRAFT} 已启用，不能退回；如有问题请停用`,
    });
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("refuses a review by the item's author and an unknown item", async () => {
    const draft = bankListing(ReviewFilterSchema.parse({}), dir).items[0];
    const author = { ...maintainer, displayName: draft.author! };
    const file = fileOf(draft.id);
    const before = fs.readFileSync(file, "utf8");
    expect(await refusal(changeItemStatus(action({ intent: "activate", id: draft.id, from: "draft" }), author, NOW, dir))).toMatchObject({
      status: 409,
      message: expect.stringContaining("审核人不能是作者本人"),
    });
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(
      await refusal(changeItemStatus(action({ intent: "retire", id: "T-L4-XC-9999", from: "active" }), maintainer, NOW, dir)),
    ).toMatchObject({
      status: 404,
    });
  });

  it("retires an active item: it leaves the papers' pool", async () => {
    await changeItemStatus(action({ intent: "retire", id: DRAFT, from: "active" }), maintainer, NOW, dir);
    expect(await db.questionItem.findUniqueOrThrow({ where: { id: DRAFT } })).toMatchObject({ retired: true });
    expect(bankListing(ReviewFilterSchema.parse({ view: "retired", q: DRAFT }), dir).items.map((i) => i.id)).toEqual([DRAFT]);
    expect(await db.auditLog.count({ where: { action: "bank.item_retire", target: DRAFT } })).toBe(1);
  });
});
