// 居民身份证号 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check char.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberResult = { ok: true; value: string; birthDate: string } | { ok: false; error: string };

/** Validates and normalises (upper-case X, trimmed). `today` is "YYYY-MM-DD" in Asia/Shanghai. */
export function validateIdNumber(raw: string, today?: string): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (value.length === 0) return { ok: false, error: "请填写身份证号" };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: "身份证号应为18位：前17位为数字，最后一位为数字或X" };
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return { ok: false, error: "身份证号的地区代码无效" };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: "身份证号中的出生日期无效" };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (today && birthDate > today) return { ok: false, error: "身份证号中的出生日期晚于今天" };
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, error: "身份证号校验位不正确，请核对是否输错" };
  return { ok: true, value, birthDate };
}

/** Shows the first 3 and last 2 characters: 310***********123X → "310*************3X". */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 6) return "*".repeat(idNumber.length);
  return idNumber.slice(0, 3) + "*".repeat(idNumber.length - 5) + idNumber.slice(-2);
}
