// The bank screen (/bank) for 题库管理员: browse the items as the files hold them, and review them
// (approve and activate, return a draft to its author with a reason, retire). The files stay the
// bank's source of truth (question-bank/README.md): a change is written into the item's file by
// the same writer as `npm run bank -- review`, then the bank is re-imported so that papers see it,
// with the audit entry in the import's closing transaction. See docs/decisions/017-bank-review-screen.md.
import { bankVersion, itemStatus, loadBank, type BankItem, type ItemStatus, type StatusChange } from "~/domain/bank";
import { LEVELS } from "~/domain/levels";
import { shanghaiToday } from "~/domain/time";
import type { AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { BANK_DIR, findItemFile, loadBankFromDisk, readBankFiles, withBankLock, writeFileAtomic, writeItemStatus } from "../files.server";
import type { ReviewAction, ReviewFilter, ReviewView } from "../schemas";
import { bankXlsx, qtiZip } from "../exchange.server";
import { EXPOSURE_WINDOW_MONTHS, itemExposure } from "./exposure.server";
import { importBank } from "./theory.server";

export const REVIEW_PAGE_SIZE = 20;

/** Which list an item's effective state belongs to. */
export function viewOf(status: ItemStatus): ReviewView {
  if (status === "retired") return "retired";
  return status === "draft" ? "pending" : "active";
}

export type ListedItem = Omit<BankItem, "retired"> & {
  status: ItemStatus;
  file: string;
  /** Comment lines written just above the item in its file (review notes such as 「审核意见：…」). */
  notes: string[];
  /** Theory papers of sittings within the exposure window that hold the item (filled by withUsage). */
  used?: number;
};

/** The comment lines directly above `- id: <id>` in a file's text (blank lines end the block). */
function notesAbove(text: string, id: string): string[] {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => new RegExp(`^\\s*-\\s+id:\\s*["']?${id}["']?\\s*(#.*)?$`).test(l));
  const out: string[] = [];
  for (let k = at - 1; k >= 0 && lines[k].trim().startsWith("#"); k--) out.unshift(lines[k].trim().replace(/^#+\s*/, ""));
  return out.filter(Boolean);
}

export type BankListing = {
  filter: ReviewFilter;
  counts: Record<ReviewView, number>;
  total: number;
  pages: number;
  items: ListedItem[];
  /** Load errors of the files (the screen shows them: nothing can be reviewed until they are fixed). */
  errors: string[];
  version: string;
};

function matches(i: BankItem, f: ReviewFilter): boolean {
  if (f.level && i.level !== (f.level === "common" ? "common" : f.level)) return false;
  if (f.area && i.area !== f.area) return false;
  if (f.type && i.type !== f.type) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    const text = [i.id, i.stem, i.explanation, ...Object.values(i.options ?? {})].join(" ").toLowerCase();
    if (!text.includes(q)) return false;
  }
  return true;
}

/** The items of the bank folder that the filter selects, one page of them, and the count per list. */
export function bankListing(filter: ReviewFilter, dir = BANK_DIR): BankListing {
  const files = readBankFiles(dir);
  const bank = loadBank(files);
  const selected = bank.items.filter((i) => matches(i, filter));
  const counts: Record<ReviewView, number> = { pending: 0, active: 0, retired: 0 };
  for (const i of selected) counts[viewOf(itemStatus(i))]++;
  const inView = selected.filter((i) => viewOf(itemStatus(i)) === filter.view).sort((a, b) => a.id.localeCompare(b.id));
  const pages = Math.max(1, Math.ceil(inView.length / REVIEW_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  // loadBank does not keep an item's file; the ids are unique, so a scan of the files finds it.
  const items = inView.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE).map(({ retired, ...i }) => ({
    ...i,
    status: itemStatus({ ...i, retired }),
    file: findItemFile(files, i.id)?.path ?? "",
    notes: notesAbove(findItemFile(files, i.id)?.text ?? "", i.id),
  }));
  return { filter: { ...filter, page }, counts, total: inView.length, pages, items, errors: bank.errors, version: bankVersion(bank.items) };
}

const ACTION_OF: Record<StatusChange["kind"], string> = {
  activate: "bank.item_activate",
  return: "bank.item_return",
  retire: "bank.item_retire",
};

const DONE: Record<StatusChange["kind"], string> = {
  activate: "已审核通过并启用",
  return: "已退回作者",
  retire: "已停用",
};

const STATUS_LABEL: Record<ItemStatus, string> = { draft: "草稿（待审核）", reviewed: "已审核", active: "已启用", retired: "已停用" };

/**
 * Applies one review action to an item: checks that the item is still in the state the
 * maintainer saw, writes the file, re-imports the bank (the audit entry in the same transaction as
 * the import's record). If the import fails the file is put back, so files and database agree.
 */
export async function changeItemStatus(action: ReviewAction, actor: AuditActor, now: Date, dir = BANK_DIR): Promise<{ message: string }> {
  const date = shanghaiToday(now);
  const change: StatusChange =
    action.intent === "activate"
      ? { kind: "activate", reviewer: actor.displayName, date }
      : action.intent === "return"
        ? { kind: "return", by: actor.displayName, date, reason: action.reason ?? "" }
        : { kind: "retire" };
  const locked = await withBankLock(async () => {
    const before = loadBankFromDisk(dir);
    const item = before.items.find((i) => i.id === action.id);
    if (!item) httpError(404, `题库中没有题目 ${action.id}。`);
    const current = itemStatus(item);
    if (current !== action.from)
      httpError(409, `题目 ${action.id} 的状态已变为「${STATUS_LABEL[current]}」（可能已被他人处理），请刷新页面后重试。`);
    const written = writeItemStatus(action.id, change, dir);
    if (!written.ok) httpError(written.status, written.message);
    try {
      const after = loadBankFromDisk(dir);
      if (after.errors.length) throw new Error(after.errors.join("\n"));
      await importBank(db, after.items, after.version, now, {
        audit: [
          {
            action: ACTION_OF[change.kind],
            actor,
            centerId: null,
            target: action.id,
            ip: actor.ip ?? null,
            detail: {
              from: current,
              to: itemStatus(after.items.find((i) => i.id === action.id)!),
              file: written.path,
              version: after.version,
              ...(change.kind === "return" ? { reason: change.reason } : {}),
            },
          },
        ],
      });
    } catch (e) {
      writeFileAtomic(written.path, written.previous);
      throw e;
    }
    return `${DONE[change.kind]}：${action.id}。`;
  }, dir);
  if (!locked.ok) httpError(409, "题库正被其他操作修改，请稍后重试。");
  return { message: locked.value };
}

/** The bank on disk as a download: QTI 3.0 package or xlsx template (`empty`: the blank template). */
export async function bankExport(format: "zip" | "xlsx", opts: { empty: boolean; now: Date }, dir = BANK_DIR) {
  const bank = loadBankFromDisk(dir);
  if (bank.errors.length) httpError(409, `题库文件有 ${bank.errors.length} 处校验错误，修正后才能导出。`);
  const items = opts.empty ? [] : bank.items;
  const day = shanghaiToday(opts.now);
  const body = format === "zip" ? await qtiZip(items) : await bankXlsx(items);
  const filename = opts.empty
    ? "题库模板（空白）.xlsx"
    : format === "zip"
      ? `理论题库-QTI3-${bank.version}-${day}.zip`
      : `理论题库-${bank.version}-${day}.xlsx`;
  return { body, filename };
}

/**
 * The listing with each item's use: how many theory papers of sittings within the exposure window
 * (any level: common items appear in every level's papers) hold it — the record assembly reads.
 */
export async function withUsage(listing: BankListing, now: Date): Promise<BankListing & { window: number }> {
  const counts = new Map<string, number>();
  for (const level of LEVELS) {
    for (const [id, n] of (await itemExposure(level, { now })).counts) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return { ...listing, window: EXPOSURE_WINDOW_MONTHS, items: listing.items.map((i) => ({ ...i, used: counts.get(i.id) ?? 0 })) };
}
