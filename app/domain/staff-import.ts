import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { validateIdNumber } from "./id-number";
import { normalizePhone, parseDate } from "./person-fields";
import { normalizeStaffRole, STAFF_ROLES, type StaffRole } from "./roles";

export const CSV_ENCODINGS = ["auto", "utf-8", "gbk"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** The CSV's records, or the file-level error every importer shows the same way. */
export function parseCsvRecords(text: string): { ok: true; records: string[][] } | { ok: false; fileError: string } {
  try {
    const records: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true, trim: true });
    return records.length === 0 ? { ok: false, fileError: "文件是空的" } : { ok: true, records };
  } catch (e) {
    return { ok: false, fileError: `文件不是有效的 CSV：${(e as Error).message.split("\n")[0]}` };
  }
}

/**
 * Excel in China saves "CSV" as GBK unless "CSV UTF-8" is chosen (which adds a BOM).
 * `auto` takes UTF-8 when the bytes are valid UTF-8 and GBK otherwise.
 */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncoding): { text: string; encoding: "utf-8" | "gbk" } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === "gbk") return { text: iconv.decode(Buffer.from(bytes), "gbk"), encoding: "gbk" };
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (encoding === "utf-8") return { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "gbk"), encoding: "gbk" };
  }
}

const COLUMN_ALIASES: Record<StaffField, string[]> = {
  name: ["姓名"],
  idNumber: ["身份证号", "身份证号码", "居民身份证号", "公民身份号码"],
  phone: ["手机号", "手机号码", "手机", "联系电话", "电话"],
  staffRole: ["岗位", "人员类别", "岗位类别"],
  department: ["部门", "所属部门", "常驻部门"],
  hireDate: ["入职日期", "入职时间", "到岗日期"],
};
type StaffField = "name" | "idNumber" | "phone" | "staffRole" | "department" | "hireDate";
const REQUIRED: StaffField[] = ["name", "idNumber", "phone", "staffRole", "hireDate"];
const FIELD_LABEL: Record<StaffField, string> = {
  name: "姓名",
  idNumber: "身份证号",
  phone: "手机号",
  staffRole: "岗位",
  department: "部门",
  hireDate: "入职日期",
};

export type StaffRow = {
  name: string;
  idNumber: string;
  phone: string;
  staffRole: StaffRole;
  department: string | null;
  hireDate: string; // YYYY-MM-DD
};
export type RowResult = {
  line: number; // line in the file, header = 1
  raw: Record<string, string>;
  row: StaffRow | null;
  errors: string[];
};
export type ImportCheck = { ok: false; fileError: string } | { ok: true; rows: RowResult[]; good: number; bad: number };

export type ImportContext = {
  today: string; // YYYY-MM-DD, Asia/Shanghai
  departments: readonly string[]; // department names of the importing center
  existingIdNumbers: ReadonlySet<string>; // already registered anywhere
};

export const MAX_IMPORT_ROWS = 2000;

export { normalizePhone, parseDate };

export function checkStaffCsv(text: string, ctx: ImportContext): ImportCheck {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  const header = records[0].map((h) => h.replace(/^\uFEFF/, "").trim());
  const columns = {} as Record<StaffField, number>;
  for (const field of Object.keys(COLUMN_ALIASES) as StaffField[]) {
    columns[field] = header.findIndex((h) => COLUMN_ALIASES[field].includes(h));
  }
  const missing = REQUIRED.filter((f) => columns[f] < 0).map((f) => FIELD_LABEL[f]);
  if (missing.length > 0) {
    return {
      ok: false,
      fileError: `缺少必需的列：${missing.join("、")}。第一行应为表头，例如：姓名,身份证号,手机号,岗位,部门,入职日期`,
    };
  }
  const dataLines = records
    .slice(1)
    .map((cells, i) => ({ cells, line: i + 2 }))
    .filter(({ cells }) => cells.some((c) => c !== ""));
  if (dataLines.length === 0) return { ok: false, fileError: "文件中没有数据行" };
  if (dataLines.length > MAX_IMPORT_ROWS) return { ok: false, fileError: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件` };

  const seenIds = new Map<string, number>();
  const rows: RowResult[] = dataLines.map(({ cells, line }) => {
    const get = (f: StaffField) => (columns[f] >= 0 ? (cells[columns[f]] ?? "").trim() : "");
    const raw: Record<string, string> = {};
    for (const f of Object.keys(FIELD_LABEL) as StaffField[]) raw[FIELD_LABEL[f]] = get(f);
    const errors: string[] = [];

    const name = get("name");
    if (!name) errors.push("姓名不能为空");
    else if (name.length > 30) errors.push("姓名不能超过30个字");

    const idRaw = get("idNumber");
    let idNumber = "";
    if (/^\d(\.\d+)?E\+\d+$/i.test(idRaw)) {
      errors.push("身份证号被 Excel 显示为科学计数法，请把该列设为“文本”后重新保存");
    } else {
      const id = validateIdNumber(idRaw, ctx.today);
      if (!id.ok) errors.push(id.error);
      else {
        idNumber = id.value;
        const dupLine = seenIds.get(idNumber);
        if (dupLine) errors.push(`身份证号与第 ${dupLine} 行重复`);
        else seenIds.set(idNumber, line);
        if (ctx.existingIdNumbers.has(idNumber)) errors.push("该身份证号已登记，不能重复导入");
      }
    }

    const phoneRaw = get("phone");
    const phone = normalizePhone(phoneRaw);
    if (!phoneRaw) errors.push("手机号不能为空");
    else if (!phone) errors.push("手机号格式不正确（应为11位手机号或带区号的固定电话）");

    const roleRaw = get("staffRole");
    const staffRole = normalizeStaffRole(roleRaw);
    if (!roleRaw) errors.push("岗位不能为空");
    else if (!staffRole) errors.push(`岗位“${roleRaw}”不存在，应为：${STAFF_ROLES.join("、")}`);

    const deptRaw = get("department");
    if (deptRaw && !ctx.departments.includes(deptRaw)) {
      errors.push(`部门“${deptRaw}”不在本中心的部门列表中`);
    }

    const hireRaw = get("hireDate");
    const hireDate = parseDate(hireRaw);
    if (!hireRaw) errors.push("入职日期不能为空");
    else if (!hireDate) errors.push("入职日期格式不正确（例如 2021-03-01）");
    else if (hireDate > ctx.today) errors.push("入职日期不能晚于今天");
    else if (hireDate < "1950-01-01") errors.push("入职日期过早，请核对");

    const row =
      errors.length === 0
        ? { name, idNumber, phone: phone!, staffRole: staffRole!, department: deptRaw || null, hireDate: hireDate! }
        : null;
    return { line, raw, row, errors };
  });
  const bad = rows.filter((r) => r.errors.length > 0).length;
  return { ok: true, rows, good: rows.length - bad, bad };
}
