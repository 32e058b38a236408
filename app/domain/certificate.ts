// 职业技能等级证书 numbers (REFERENCE §2 "Certificates") and the validity of a passed part.
import type { Level } from "./levels";

/** Per-center configuration of the fixed parts of the number. */
export type CertificateIssuer = {
  kind: "Y" | "S"; // Y employer, S social training/evaluation body
  bodyCode: string; // 4 digits, 0000 when registered with the province
  provinceCode: string; // 2 digits
  siteCode: string; // 6 digits
};

const LEVEL_DIGIT: Record<Level, string> = { L5: "5", L4: "4", L3: "3" };
export const CERTIFICATE_NUMBER = /^[YS]\d{21}$/;

export function checkIssuer(i: CertificateIssuer): string | null {
  if (!/^\d{4}$/.test(i.bodyCode)) return "评价机构代码应为4位数字";
  if (!/^\d{2}$/.test(i.provinceCode)) return "省份代码应为2位数字";
  if (!/^\d{6}$/.test(i.siteCode)) return "站点代码应为6位数字";
  return null;
}

/** One letter, then 21 digits: body 4, province 2, site 6, year 2, level 1, sequence 6. */
export function certificateNumber(i: CertificateIssuer, issuedYear: number, level: Level, sequence: number): string {
  const problem = checkIssuer(i);
  if (problem) throw new Error(problem);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new Error("证书序号应在 1–999999 之间");
  return `${i.kind}${i.bodyCode}${i.provinceCode}${i.siteCode}${String(issuedYear % 100).padStart(2, "0")}${LEVEL_DIGIT[level]}${String(sequence).padStart(6, "0")}`;
}

export function parseCertificateNumber(n: string) {
  if (!CERTIFICATE_NUMBER.test(n)) return null;
  const level = ({ "5": "L5", "4": "L4", "3": "L3" } as const)[n[15] as "5" | "4" | "3"];
  if (!level) return null;
  return {
    kind: n[0],
    bodyCode: n.slice(1, 5),
    provinceCode: n.slice(5, 7),
    siteCode: n.slice(7, 13),
    year: n.slice(13, 15),
    level,
    sequence: Number(n.slice(16)),
  };
}

/** The next sequence for (issuer, year, level), given the numbers already used. */
export function nextSequence(used: readonly string[], i: CertificateIssuer, issuedYear: number, level: Level): number {
  const prefix = certificateNumber(i, issuedYear, level, 1).slice(0, 16);
  return used.filter((u) => u.startsWith(prefix)).reduce((m, u) => Math.max(m, Number(u.slice(16))), 0) + 1;
}

/** A passed part stays valid for `months` (default 12) while the other part is retaken. */
export function partStillValid(passedOn: string, asOf: string, months = 12): boolean {
  const [y, m, d] = passedOn.split("-").map(Number);
  const until = new Date(Date.UTC(y, m - 1 + months, d));
  // 2026-01-31 + 1 month has no 31 Feb: the period ends on the last day of the month.
  if (until.getUTCDate() !== d) until.setUTCDate(0);
  return asOf <= until.toISOString().slice(0, 10);
}
