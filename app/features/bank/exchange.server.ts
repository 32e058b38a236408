// Files of the bank's exchange formats (app/domain/bank-exchange.ts has the conversions): a QTI 3.0
// content package (zip) and the xlsx template, out and in. An import writes a new bank folder in our
// YAML format (never over an existing bank), which the app then uses through BANK_DIR.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { BankItem } from "~/domain/bank";
import {
  bankToQtiPackage,
  itemsToBankFiles,
  itemToRow,
  qtiPackageToBank,
  rowsToBank,
  SHEET_COLUMNS,
  type ExchangeResult,
  type ImportDefaults,
  type SheetRow,
} from "~/domain/bank-exchange";
import { loadBankFromDisk, readBankFiles } from "./files.server";

/** Limits of a package read, so that a hostile or broken zip cannot exhaust the machine. */
export const PACKAGE_LIMITS = { entries: 20_000, bytes: 64 * 1024 * 1024 };

export async function qtiZip(items: readonly BankItem[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of bankToQtiPackage(items)) zip.file(f.path, f.text);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The text files of a zip, by path; refuses (a Chinese message) past PACKAGE_LIMITS. */
export async function readZipTexts(data: Buffer): Promise<Map<string, string> | string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return "不是有效的 zip 文件。";
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > PACKAGE_LIMITS.entries) return `包中文件过多（${entries.length} 个，最多 ${PACKAGE_LIMITS.entries} 个）。`;
  const out = new Map<string, string>();
  let total = 0;
  for (const f of entries) {
    if (!f.name.endsWith(".xml")) continue;
    const text = await f.async("string");
    total += text.length;
    if (total > PACKAGE_LIMITS.bytes) return "包解压后过大。";
    out.set(f.name.replace(/^\.\//, ""), text);
  }
  return out;
}

const SHEET = "题目";

export async function bankXlsx(items: readonly BankItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政务服务综合窗口办事员 题库";
  const ws = wb.addWorksheet(SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === "stem" || c.key === "explanation" ? 60 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const i of [...items].sort((a, b) => a.id.localeCompare(b.id))) ws.addRow(itemToRow(i));
  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列", key: "header", width: 14 },
    { header: "填写要求", key: "note", width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of SHEET_COLUMNS) help.addRow({ header: c.header, note: c.note });
  help.addRow({});
  help.addRow({ header: "说明", note: "每行一道题；导入时逐行校验，任何一行有错都不会导入，并列出“第N行：原因”。" });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template rows of a workbook (sheet 题目, headers matched by name in any order). */
export async function readSheetRows(data: Buffer): Promise<{ row: number; values: SheetRow }[] | string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return "不是有效的 xlsx 文件。";
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return "工作簿中没有工作表。";
  const byHeader = new Map<string, (typeof SHEET_COLUMNS)[number]["key"]>(SHEET_COLUMNS.map((c) => [c.header, c.key]));
  const columns = new Map<number, (typeof SHEET_COLUMNS)[number]["key"]>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = byHeader.get(String(cell.text ?? "").trim());
    if (key) columns.set(col, key);
  });
  const missing = ["题型", "题干", "答案"].filter((h) => ![...columns.values()].includes(byHeader.get(h)!));
  if (missing.length) return `第1行缺少列：${missing.join("、")}（请使用导出的模板）。`;
  const rows: { row: number; values: SheetRow }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values: SheetRow = {};
    for (const [col, key] of columns) {
      const text = r.getCell(col).text;
      if (text !== undefined && String(text).trim() !== "") values[key] = String(text);
    }
    rows.push({ row: n, values });
  });
  return rows;
}

export type PackageImport =
  { ok: true; written: string[]; count: number; renamed: ExchangeResult["renamed"] } | { ok: false; errors: string[] };

/** Reads a package (.zip QTI or .xlsx template) into bank items, without writing anything. */
export async function readPackage(file: string, defaults: ImportDefaults = {}): Promise<ExchangeResult | string> {
  const data = fs.readFileSync(file);
  if (file.endsWith(".zip")) {
    const texts = await readZipTexts(data);
    return typeof texts === "string" ? texts : qtiPackageToBank(texts, defaults);
  }
  if (file.endsWith(".xlsx")) {
    const rows = await readSheetRows(data);
    return typeof rows === "string" ? rows : rowsToBank(rows, defaults);
  }
  return "只支持 .zip（QTI 3.0 / 2.1 题目包）和 .xlsx（题库模板）。";
}

/**
 * Imports a package as a new bank folder `into` (created; refused if it already holds bank files),
 * only when every item passes validation. The written folder is loaded back as a check.
 */
export async function importPackage(file: string, into: string, defaults: ImportDefaults = {}): Promise<PackageImport> {
  if (fs.existsSync(into) && readBankFiles(into).length > 0)
    return { ok: false, errors: [`目标目录 ${into} 已有题目文件，请指定一个新目录。`] };
  const read = await readPackage(file, defaults);
  if (typeof read === "string") return { ok: false, errors: [read] };
  if (read.load.errors.length) return { ok: false, errors: read.load.errors };
  if (read.load.items.length === 0) return { ok: false, errors: ["包中没有题目。"] };
  const files = itemsToBankFiles(read.load.items, `由 ${path.basename(file)} 导入`);
  for (const f of files) {
    const target = path.join(into, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text);
  }
  const back = loadBankFromDisk(into);
  if (back.errors.length || back.items.length !== read.load.items.length)
    return { ok: false, errors: ["写出的题库未能通过校验：", ...back.errors] };
  return { ok: true, written: files.map((f) => path.join(into, f.path)), count: back.items.length, renamed: read.renamed };
}
