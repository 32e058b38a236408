// 工作完成度 figures exported from a business system as CSV: one row per staff member.
import { validateIdNumber } from "./id-number";
import { parseCsvRecords } from "./staff-import";

const ALIASES = {
  idNumber: ["身份证号", "身份证号码", "公民身份号码"],
  name: ["姓名"],
  done: ["完成量", "实际完成量", "办件量"],
  target: ["目标量", "计划量", "目标"],
} as const;
type Col = keyof typeof ALIASES;

export type CompletionCheck = { rows: { line: number; idNumber: string; name: string; done: number; target: number }[]; errors: string[] };

export function checkCompletionCsv(text: string): CompletionCheck {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return { rows: [], errors: [parsed.fileError] };
  const { records } = parsed;
  if (!records.slice(1).some((r) => r.some((c) => c !== ""))) return { rows: [], errors: ["文件中没有数据行"] };
  const header = records[0];
  const idx = Object.fromEntries(
    (Object.keys(ALIASES) as Col[]).map((c) => [c, header.findIndex((h) => (ALIASES[c] as readonly string[]).includes(h))]),
  ) as Record<Col, number>;
  const missing = (Object.keys(ALIASES) as Col[]).filter((c) => idx[c] < 0).map((c) => ALIASES[c][0]);
  if (missing.length) return { rows: [], errors: [`缺少必需的列：${missing.join("、")}。表头应为：身份证号,姓名,完成量,目标量`] };
  const rows: CompletionCheck["rows"] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [i, cells] of records.slice(1).entries()) {
    const line = i + 2;
    if (cells.every((c) => c === "")) continue;
    const get = (c: Col) => (cells[idx[c]] ?? "").trim();
    const idNumber = get("idNumber").toUpperCase();
    const id = validateIdNumber(idNumber);
    const done = Number(get("done"));
    const target = Number(get("target"));
    const rowErrors = [
      ...(!id.ok ? [id.error] : []),
      ...(!get("name") ? ["姓名不能为空"] : []),
      ...(get("done") === "" || !Number.isFinite(done) || done < 0 ? ["完成量应为不小于 0 的数字"] : []),
      ...(get("target") === "" || !Number.isFinite(target) || target <= 0 ? ["目标量应为大于 0 的数字"] : []),
      ...(seen.has(idNumber) ? ["该人员在文件中重复出现"] : []),
    ];
    seen.add(idNumber);
    if (rowErrors.length) errors.push(`第 ${line} 行：${rowErrors.join("；")}`);
    else rows.push({ line, idNumber, name: get("name"), done, target });
  }
  return { rows, errors };
}
