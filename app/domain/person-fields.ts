// Field formats of a person, shared by the staff form (in the browser) and the CSV import.

export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s]/g, "");
  const mobile = s.replace(/^\+?86/, "").replace(/-/g, "");
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  if (/^0\d{2,3}-?\d{7,8}$/.test(s)) return s;
  return null;
}

/** Accepts 2020-03-01, 2020/3/1, 2020.3.1 and 2020年3月1日; returns YYYY-MM-DD or null. */
export function parseDate(raw: string): string | null {
  const m = raw.trim().match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
