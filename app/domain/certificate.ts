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

// ---- numbering settings (decision 022) ----

/** The center's stored numbering codes: null while the center's admin has not set them. */
export type NumberingSettings = {
  certKind: string;
  certBodyCode: string | null;
  certProvince: string | null;
  certSite: string | null;
};

/** Where the codes are set, named in every refusal so the admin knows where to go. */
export const NUMBERING_SETTINGS_PLACE = "“部门管理 → 证书与考务设置”";

/**
 * The issuer of the center's certificate numbers, or the refusal naming what is still unset
 * ("机构代码、站点代码") and where to set it. An untouched center has no codes at all: a number
 * like S0000…000001… must never come out of defaults nobody chose.
 */
export function issuerOf(
  s: NumberingSettings,
): { ok: true; issuer: CertificateIssuer } | { ok: false; missing: string[]; message: string } {
  const missing = [s.certBodyCode ? null : "评价机构代码", s.certProvince ? null : "省份代码", s.certSite ? null : "站点代码"].filter(
    (m): m is string => m !== null,
  );
  if (missing.length)
    return {
      ok: false,
      missing,
      message: `本中心尚未设置证书编号的${missing.join("、")}，不能颁发证书。请中心管理员在${NUMBERING_SETTINGS_PLACE}中填写后再颁发。`,
    };
  const issuer: CertificateIssuer = {
    kind: s.certKind === "Y" ? "Y" : "S",
    bodyCode: s.certBodyCode!,
    provinceCode: s.certProvince!,
    siteCode: s.certSite!,
  };
  const problem = checkIssuer(issuer);
  if (problem)
    return { ok: false, missing: [], message: `本中心的证书编号设置有误：${problem}。请在${NUMBERING_SETTINGS_PLACE}中改正后再颁发。` };
  return { ok: true, issuer };
}

// ---- the life of a certificate: valid → void, or valid → replaced by a reissue (补发) ----

export type CertificateStatus = "valid" | "void" | "replaced";

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: "有效",
  void: "已作废",
  replaced: "已补发（原证书失效）",
};

export function certificateStatusOf(stored: string): CertificateStatus {
  return stored === "valid" || stored === "replaced" ? stored : "void";
}

type LifeFacts = { status: string; source: string };

/** Why this certificate cannot be voided, or null. */
export function voidRefusal(c: LifeFacts): string | null {
  if (c.source !== "platform") return "外部录入的证书不是本平台颁发的，不能在此作废。";
  const s = certificateStatusOf(c.status);
  if (s === "void") return "该证书已作废，不能再次作废。";
  if (s === "replaced") return "该证书已补发新证书，原证书已失效，不能再作废。";
  return null;
}

/** Why this certificate cannot be reissued (补发), or null: only a valid one is. */
export function reissueRefusal(c: LifeFacts): string | null {
  if (c.source !== "platform") return "外部录入的证书不是本平台颁发的，不能在此补发。";
  const s = certificateStatusOf(c.status);
  if (s === "void") return "该证书已作废，不能补发。";
  if (s === "replaced") return "该证书已补发过新证书，请对新证书办理。";
  return null;
}

/** Why the holder's name on this certificate cannot be corrected to `newName`, or null. */
export function nameCorrectionRefusal(c: LifeFacts & { holderName: string }, newName: string, reason: string): string | null {
  if (c.source !== "platform") return "外部录入的证书不是本平台颁发的，不能在此更正。";
  if (certificateStatusOf(c.status) !== "valid") return "只能更正有效证书上的姓名；已作废或已补发的证书不能更正。";
  if (!reason.trim()) return "请填写更正原因。";
  const name = newName.trim();
  if (!name) return "请填写更正后的姓名。";
  if (name === c.holderName) return "更正后的姓名与证书上的姓名相同。";
  return null;
}

/** A lost or damaged certificate's reason for the reissue, as stored on the old one. */
export function reissueVoidReason(note: string): string {
  const n = note.trim();
  return n ? `补发：${n}` : "补发";
}

// ---- registry export (README "证书登记导出") ----

export const REGISTRY_COLUMNS = [
  "证书编号",
  "姓名",
  "证件类型",
  "证件号码",
  "职业(工种)",
  "职业编码",
  "等级",
  "理论成绩",
  "技能成绩",
  "发证日期",
  "评价机构",
  "状态",
  "原证书编号",
] as const;

export type RegistryFacts = {
  number: string;
  holderName: string;
  idNumber: string;
  occupation: string;
  level: Level;
  theoryScore: number | null;
  skillScore: number | null;
  issued: string; // YYYY-MM-DD, Shanghai
  body: string;
  status: CertificateStatus;
  replacesNumber: string | null;
};

const REGISTRY_LEVEL: Record<Level, string> = { L5: "五级/初级工", L4: "四级/中级工", L3: "三级/高级工" };
const REGISTRY_STATUS: Record<CertificateStatus, string> = { valid: "有效", void: "作废", replaced: "已补发" };

/** A score as the registry reads it: up to two decimals, no trailing zeros (59.99 stays 59.99). */
export function registryScore(score: number | null): string {
  if (score === null) return "";
  return String(Math.floor(score * 100 + 1e-9) / 100);
}

/** One row of the registry file, in REGISTRY_COLUMNS order. */
export function registryRow(f: RegistryFacts): string[] {
  return [
    f.number,
    f.holderName,
    "居民身份证",
    f.idNumber,
    f.occupation,
    "3-01-01-01",
    REGISTRY_LEVEL[f.level],
    registryScore(f.theoryScore),
    registryScore(f.skillScore),
    f.issued,
    f.body,
    REGISTRY_STATUS[f.status],
    f.replacesNumber ?? "",
  ];
}

/**
 * RFC 4180 CSV with CRLF line ends (what Excel and the registries' importers read). A field that
 * starts like a formula (=, +, -, @) is prefixed with a tab so a spreadsheet shows it as text.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@]/.test(v) ? `\t${v}` : v;
    return /[",\r\n\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
