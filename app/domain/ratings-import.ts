// CSV import of 好差评 counts (GB/T 39735-2020 Annex A, REFERENCE §4): one row per person, month
// and channel with the seven counts of app/domain/ratings.ts. Pure: the caller decodes the file
// (decodeCsv from ./staff-import) and passes in the people it knows, keyed by ID number.
//
// Columns (first row is the header; any order; other columns such as 序号 are ignored):
//   身份证号        18-character 居民身份证号 of the staff member (must be registered in this center)
//   姓名            must match the name registered for that ID number
//   月份            2026-03, 2026/3, 2026.3, 2026年3月, 202603 — or a first-of-month date such as
//                   2026/3/1 (what Excel turns "2026-03" into); not later than the current month
//   渠道            一次一评 | 一事一评 | 综合点评 | 监督查评
//   好评数          activeGood      主动评价的好评次数
//   差评数          activeBad       主动评价的差评次数（含经核实的无效差评）
//   超时未评数      timeoutUnrated
//   无效差评数      invalidBad      经核实为无效的差评
//   已回复差评数    repliedBad
//   已整改数        rectified       经回访已整改完成的有效差评
//   整改满意数      satisfied       对整改结果满意的
// Every count is a non-negative integer (0 when there is none; a blank cell is an error so that a
// missing value is not silently taken as 0), and the counts must agree with checkCounts().
import { validateIdNumber } from "./id-number";
import { parseCsvRecords } from "./staff-import";
import { CHANNELS, type Channel, checkCounts, type RatingCounts } from "./ratings";
import { shanghaiToday } from "./time";

type CountField = keyof RatingCounts;
type RatingField = "idNumber" | "name" | "period" | "channel" | CountField;

/** The template's header, in the template's order. */
export const RATING_CSV_HEADER = [
  "身份证号",
  "姓名",
  "月份",
  "渠道",
  "好评数",
  "差评数",
  "超时未评数",
  "无效差评数",
  "已回复差评数",
  "已整改数",
  "整改满意数",
] as const;

export const COUNT_FIELDS: readonly CountField[] = [
  "activeGood",
  "activeBad",
  "timeoutUnrated",
  "invalidBad",
  "repliedBad",
  "rectified",
  "satisfied",
];

const FIELD_LABEL: Record<RatingField, string> = {
  idNumber: "身份证号",
  name: "姓名",
  period: "月份",
  channel: "渠道",
  activeGood: "好评数",
  activeBad: "差评数",
  timeoutUnrated: "超时未评数",
  invalidBad: "无效差评数",
  repliedBad: "已回复差评数",
  rectified: "已整改数",
  satisfied: "整改满意数",
};

const COLUMN_ALIASES: Record<RatingField, string[]> = {
  idNumber: ["身份证号", "身份证号码", "居民身份证号", "公民身份号码"],
  name: ["姓名", "工作人员", "工作人员姓名"],
  period: ["月份", "统计月份", "年月", "评价月份"],
  channel: ["渠道", "评价渠道"],
  activeGood: ["好评数", "好评", "好评次数", "主动好评数"],
  activeBad: ["差评数", "差评", "差评次数", "主动差评数"],
  timeoutUnrated: ["超时未评数", "超时未评", "未评数", "超时未评次数"],
  invalidBad: ["无效差评数", "无效差评", "无效差评次数"],
  repliedBad: ["已回复差评数", "已回复差评", "差评回复数", "差评已回复数"],
  rectified: ["已整改数", "已整改差评数", "整改完成数", "回访已整改数"],
  satisfied: ["整改满意数", "整改满意", "回访满意数", "整改满意件数"],
};

/** Header cells are compared without blanks and without full-width brackets' notes, e.g. "好评数（次）". */
function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .replace(/\s+/g, "")
    .replace(/[（(][^）)]*[）)]$/, "");
}

export type RatingRow = {
  personId: string;
  idNumber: string;
  name: string;
  period: string; // YYYY-MM
  channel: Channel;
  counts: RatingCounts;
};
export type RatingRowResult = {
  line: number; // line in the file, header = 1
  raw: Record<string, string>; // by Chinese column label, in template order
  row: RatingRow | null;
  errors: string[];
};
export type RatingImportCheck = { ok: false; fileError: string } | { ok: true; rows: RatingRowResult[]; good: number; bad: number };

export type KnownPerson = { id: string; name: string; centerId: string };
export type RatingImportContext = {
  now: Date;
  centerId: string; // the importing center
  people: ReadonlyMap<string, KnownPerson>; // by normalised ID number; may hold people of other centers
};

export const MAX_RATING_ROWS = 5000;

/** "YYYY-MM" of an instant in Asia/Shanghai. */
export function shanghaiMonth(now: Date): string {
  return shanghaiToday(now).slice(0, 7);
}

/** Accepts 2026-03, 2026/3, 2026.3, 2026年3月, 202603 and 2026/3/1 (first of the month); returns YYYY-MM or null. */
export function parseMonth(raw: string): string | null {
  const s = raw.trim().replace(/\s+/g, "");
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})月?$/) ?? s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月]0?1日?$/) ?? s.match(/^(\d{4})(\d{2})$/);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, "0")}`;
}

/** 一次一评 etc.; tolerates blanks and quotation marks around the name. */
export function parseChannel(raw: string): Channel | null {
  const s = raw.replace(/[\s"“”'‘’「」]/g, "");
  return (CHANNELS as readonly string[]).includes(s) ? (s as Channel) : null;
}

type CountResult = { ok: true; value: number } | { ok: false; error: string };

/** A count cell: digits (a thousands separator and a trailing ".0" from Excel are tolerated). */
export function parseCount(raw: string, label: string): CountResult {
  const s = raw.trim().replace(/\s+/g, "");
  if (s === "") return { ok: false, error: `${label}不能为空（没有请填 0）` };
  const plain = /^\d{1,3}(,\d{3})+(\.0+)?$/.test(s) ? s.replace(/,/g, "") : s;
  if (/^[-－]\s*\d+(\.\d+)?$/.test(plain)) return { ok: false, error: `${label}不能为负数` };
  if (!/^\d+(\.0+)?$/.test(plain)) return { ok: false, error: `${label}应为整数，实际为“${raw.trim()}”` };
  const value = Number(plain);
  if (value > 1_000_000) return { ok: false, error: `${label}过大，请核对` };
  return { ok: true, value };
}

type Table = { columns: Record<RatingField, number>; dataLines: { cells: string[]; line: number }[] };

function readTable(text: string): { ok: false; fileError: string } | ({ ok: true } & Table) {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  const header = records[0].map(normalizeHeader);
  const columns = {} as Record<RatingField, number>;
  for (const field of Object.keys(COLUMN_ALIASES) as RatingField[]) {
    columns[field] = header.findIndex((h) => COLUMN_ALIASES[field].includes(h));
  }
  const missing = (Object.keys(FIELD_LABEL) as RatingField[]).filter((f) => columns[f] < 0).map((f) => FIELD_LABEL[f]);
  if (missing.length > 0) {
    return { ok: false, fileError: `缺少必需的列：${missing.join("、")}。第一行应为表头，例如：${RATING_CSV_HEADER.join(",")}` };
  }
  const dataLines = records
    .slice(1)
    .map((cells, i) => ({ cells, line: i + 2 }))
    .filter(({ cells }) => cells.some((c) => c !== ""));
  if (dataLines.length === 0) return { ok: false, fileError: "文件中没有数据行" };
  if (dataLines.length > MAX_RATING_ROWS) return { ok: false, fileError: `一次最多导入 ${MAX_RATING_ROWS} 行，请拆分文件` };
  return { ok: true, columns, dataLines };
}

/** The ID numbers in the file, normalised as validateIdNumber does; the caller looks these people up. */
export function ratingCsvIdNumbers(text: string): string[] {
  const t = readTable(text);
  if (!t.ok) return [];
  const ids = t.dataLines.map(({ cells }) => (cells[t.columns.idNumber] ?? "").trim().toUpperCase()).filter((s) => /^\d{17}[\dX]$/.test(s));
  return [...new Set(ids)];
}

export function checkRatingsCsv(text: string, ctx: RatingImportContext): RatingImportCheck {
  const t = readTable(text);
  if (!t.ok) return t;
  const { columns, dataLines } = t;
  const today = shanghaiToday(ctx.now);
  const thisMonth = today.slice(0, 7);
  const seen = new Map<string, number>();

  const rows: RatingRowResult[] = dataLines.map(({ cells, line }) => {
    const get = (f: RatingField) => (cells[columns[f]] ?? "").trim();
    const raw: Record<string, string> = {};
    for (const f of Object.keys(FIELD_LABEL) as RatingField[]) raw[FIELD_LABEL[f]] = get(f);
    const errors: string[] = [];

    // Person: valid ID number, registered, in this center, name as registered.
    const idRaw = get("idNumber");
    const name = get("name");
    if (!name) errors.push("姓名不能为空");
    let person: KnownPerson | null = null;
    let idNumber = "";
    if (/^\d(\.\d+)?E\+\d+$/i.test(idRaw)) {
      errors.push("身份证号被 Excel 显示为科学计数法，请把该列设为“文本”后重新保存");
    } else {
      const id = validateIdNumber(idRaw, today);
      if (!id.ok) errors.push(id.error);
      else {
        idNumber = id.value;
        const known = ctx.people.get(idNumber);
        if (!known) errors.push("该身份证号未在系统中登记，请先在人员管理中登记该人员");
        else if (known.centerId !== ctx.centerId) errors.push("该身份证号的人员不是本中心人员");
        else {
          person = known;
          if (name && name !== known.name) errors.push(`姓名“${name}”与该身份证号登记的姓名“${known.name}”不一致`);
        }
      }
    }

    const periodRaw = get("period");
    const period = parseMonth(periodRaw);
    if (!periodRaw) errors.push("月份不能为空");
    else if (!period) errors.push(`月份“${periodRaw}”格式不正确（例如 2026-03 或 2026年3月）`);
    else if (period > thisMonth) errors.push(`月份 ${period} 晚于本月（${thisMonth}），不能导入未来月份的数据`);
    else if (period < "2000-01") errors.push(`月份 ${period} 过早，请核对`);

    const channelRaw = get("channel");
    const channel = parseChannel(channelRaw);
    if (!channelRaw) errors.push("渠道不能为空");
    else if (!channel) errors.push(`渠道“${channelRaw}”不存在，应为：${CHANNELS.join("、")}`);

    const counts = {} as RatingCounts;
    let countsOk = true;
    for (const f of COUNT_FIELDS) {
      const r = parseCount(get(f), FIELD_LABEL[f]);
      if (r.ok) counts[f] = r.value;
      else {
        errors.push(r.error);
        countsOk = false;
      }
    }
    if (countsOk) {
      const violation = checkCounts(counts);
      if (violation) errors.push(violation);
    }

    if (idNumber && period && channel) {
      const key = `${idNumber}|${period}|${channel}`;
      const first = seen.get(key);
      if (first) errors.push(`与第 ${first} 行重复（同一人员、月份、渠道只能有一行）`);
      else seen.set(key, line);
    }

    const row: RatingRow | null =
      errors.length === 0 && person ? { personId: person.id, idNumber, name, period: period!, channel: channel!, counts } : null;
    return { line, raw, row, errors };
  });
  const bad = rows.filter((r) => r.errors.length > 0).length;
  return { ok: true, rows, good: rows.length - bad, bad };
}
