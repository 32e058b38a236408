// The life of a certificate as the services store it, against a real SQLite file: issuing is
// refused while the center's numbering codes are unset; void, reissue and name correction refuse
// what the issue names (void twice, reissue a void one, empty reason, another center's admin) and
// change nothing then; the public lookup answers each state, and the registry file holds them.
import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { issueCertificates } from "~/features/certificates/index.server";
import { lookupCertificate } from "~/features/certificates/service.server";
import { correctHolderName, reissueCertificate, voidCertificate } from "~/features/certificates/service/life.server";
import { issueForSitting, registryExport, sittingCertificates } from "~/features/certificates/service/registry.server";
import { db } from "~/platform/db.server";
import { refusal, user } from "../support/service-helpers";
import { person } from "../support/sitting-scenario";

const CODES = { certKind: "S", certBodyCode: "0000", certProvince: "31", certSite: "010701" };
let n = 0;
const ip = () => `10.9.${Math.floor(n / 250)}.${n++ % 250}`;

/** A center (codes set or not) whose person passed a published theory and skill sitting at L5. */
async function passed(code: string, codes: Partial<typeof CODES> | null = CODES, name = `考生${code}`) {
  const center = await db.center.create({ data: { name: `证书测试${code}`, kind: "district", code, ...(codes ?? {}) } });
  const admin = await user(center.id, `${code}-admin`, "center_admin");
  const p = await person(center.id, name);
  const day = 86_400_000;
  const mk = (kind: "theory" | "skill", daysAgo: number) =>
    db.sitting.create({
      data: {
        centerId: center.id,
        kind,
        level: "L5",
        title: `${code}${kind}`,
        startsAt: new Date(Date.now() - daysAgo * day),
        durationMinutes: 60,
        seed: 1,
        status: "published",
        publishedAt: new Date(),
        createdById: admin.id,
      },
    });
  const theory = await mk("theory", 20);
  const skill = await mk("skill", 10);
  const tr = await db.registration.create({ data: { sittingId: theory.id, personId: p.id, seat: 1, ticketNumber: `${code}T1` } });
  const sr = await db.registration.create({ data: { sittingId: skill.id, personId: p.id, seat: 1, ticketNumber: `${code}S1` } });
  await db.attempt.create({
    data: { registrationId: tr.id, itemOrder: "[]", startedAt: theory.startsAt, status: "submitted", score: 72, passed: true },
  });
  await db.skillResult.create({ data: { registrationId: sr.id, score: 66.5, passed: true, areaScores: "[]", computedAt: new Date() } });
  return { center, admin, person: p, theory, skill };
}

async function issued(code: string, name?: string) {
  const s = await passed(code, CODES, name);
  const [number] = await issueCertificates(s.skill.id, new Date(), s.admin);
  const cert = await db.certificate.findUniqueOrThrow({ where: { number } });
  return { ...s, cert };
}

const auditCount = (action: string) => db.auditLog.count({ where: { action } });

describe("issuing with the numbering codes unset", () => {
  it("refuses with the codes and the place named, and issues nothing", async () => {
    const s = await passed("CLA", null);
    expect(await refusal(issueCertificates(s.skill.id, new Date(), s.admin))).toEqual({
      status: 409,
      message:
        "本中心尚未设置证书编号的评价机构代码、省份代码、站点代码，不能颁发证书。请中心管理员在“部门管理 → 证书与考务设置”中填写后再颁发。",
    });
    expect(await db.certificate.count({ where: { personId: s.person.id } })).toBe(0);
  });

  it("issues once the codes are set, with the holder's name and the sitting kept on it", async () => {
    const s = await passed("CLB", { certBodyCode: "0000", certProvince: "31" });
    expect((await refusal(issueCertificates(s.skill.id, new Date(), s.admin))).message).toContain("站点代码，不能颁发证书");
    await db.center.update({ where: { id: s.center.id }, data: { certSite: "010701" } });
    const year = String(new Date().getFullYear() % 100);
    const [number] = await issueCertificates(s.skill.id, new Date(), s.admin);
    expect(number).toMatch(new RegExp(`^S000031010701${year}5\\d{6}$`));
    const cert = await db.certificate.findUniqueOrThrow({ where: { number } });
    expect(cert).toMatchObject({ holderName: s.person.name, sittingId: s.skill.id, status: "valid" });
  });
});

describe("void", () => {
  it("voids once with a reason and audit; a second void is refused and changes nothing", async () => {
    const s = await issued("CLC");
    const at = new Date("2026-12-06T02:00:00Z");
    await voidCertificate(s.cert.id, s.center.id, "以不正当手段取得", s.admin, at);
    const after = await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } });
    expect(after).toMatchObject({ status: "void", voidReason: "以不正当手段取得", voidedById: s.admin.id });
    expect(await db.auditLog.count({ where: { action: "certificate.void", target: s.cert.id } })).toBe(1);
    expect(await refusal(voidCertificate(s.cert.id, s.center.id, "再次作废", s.admin, new Date()))).toEqual({
      status: 409,
      message: "该证书已作废，不能再次作废。",
    });
    expect(await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } })).toEqual(after);
    expect(await db.auditLog.count({ where: { action: "certificate.void", target: s.cert.id } })).toBe(1);
    // The public page: 已作废, with the date.
    const r = await lookupCertificate(s.cert.number, s.person.name, ip(), new Date());
    expect(r).toMatchObject({ kind: "found", status: "void", endedOn: "2026-12-06" });
  });

  it("lets only one of two simultaneous voids through", async () => {
    const s = await issued("CLD");
    const results = await Promise.allSettled([
      voidCertificate(s.cert.id, s.center.id, "甲", s.admin, new Date()),
      voidCertificate(s.cert.id, s.center.id, "乙", s.admin, new Date()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "certificate.void", target: s.cert.id } })).toBe(1);
  });

  it("refuses an empty reason and another center's admin", async () => {
    const s = await issued("CLE");
    expect(await refusal(voidCertificate(s.cert.id, s.center.id, "  ", s.admin, new Date()))).toEqual({
      status: 400,
      message: "请填写作废原因。",
    });
    const other = await db.center.create({ data: { name: "证书测试他中心CLE", kind: "district", code: "CLEX", ...CODES } });
    const stranger = await user(other.id, "CLEX-admin", "center_admin");
    expect(await refusal(voidCertificate(s.cert.id, other.id, "越权", stranger, new Date()))).toEqual({
      status: 403,
      message: "只能办理本中心人员的证书。",
    });
    expect(await refusal(reissueCertificate(s.cert.id, other.id, "", stranger, new Date()))).toMatchObject({ status: 403 });
    expect(await refusal(correctHolderName(s.cert.id, other.id, { name: "某某", reason: "越权" }, stranger, new Date()))).toMatchObject({
      status: 403,
    });
    expect((await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } })).status).toBe("valid");
  });

  it("is final: issuing again from the same results gives no new certificate", async () => {
    const s = await issued("CLF");
    await voidCertificate(s.cert.id, s.center.id, "错发", s.admin, new Date());
    expect(await issueForSitting(s.skill, s.admin, new Date())).toBe(0);
    expect(await db.certificate.count({ where: { personId: s.person.id } })).toBe(1);
  });
});

describe("reissue (补发)", () => {
  it("gives the next number, linked to the old one, which becomes replaced", async () => {
    const s = await issued("CLG");
    const r = await reissueCertificate(s.cert.id, s.center.id, "遗失", s.admin, new Date());
    expect(Number(r.number.slice(16))).toBe(Number(s.cert.number.slice(16)) + 1);
    expect(r.number.slice(0, 16)).toBe(s.cert.number.slice(0, 16));
    const [old, fresh] = await Promise.all([
      db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } }),
      db.certificate.findUniqueOrThrow({ where: { id: r.id } }),
    ]);
    expect(old).toMatchObject({ status: "replaced", voidReason: "补发：遗失" });
    expect(fresh).toMatchObject({ status: "valid", replacesId: s.cert.id, holderName: s.person.name, sittingId: s.skill.id });
    expect(await auditCount("certificate.reissue")).toBeGreaterThan(0);
    // The old number: replaced, the date said; the new one: valid, naming the number it replaces.
    expect(await lookupCertificate(s.cert.number, s.person.name, ip(), new Date())).toMatchObject({ kind: "found", status: "replaced" });
    expect(await lookupCertificate(r.number, s.person.name, ip(), new Date())).toMatchObject({
      kind: "found",
      status: "valid",
      replacesNumber: s.cert.number,
    });
    // A second reissue of the old one is refused, nothing changes.
    expect(await refusal(reissueCertificate(s.cert.id, s.center.id, "", s.admin, new Date()))).toEqual({
      status: 409,
      message: "该证书已补发过新证书，请对新证书办理。",
    });
    expect(await db.certificate.count({ where: { personId: s.person.id } })).toBe(2);
  });

  it("refuses to reissue a void certificate", async () => {
    const s = await issued("CLH");
    await voidCertificate(s.cert.id, s.center.id, "错发", s.admin, new Date());
    expect(await refusal(reissueCertificate(s.cert.id, s.center.id, "遗失", s.admin, new Date()))).toEqual({
      status: 409,
      message: "该证书已作废，不能补发。",
    });
    expect(await db.certificate.count({ where: { personId: s.person.id } })).toBe(1);
  });

  it("refuses while the center's codes are unset, leaving the old one valid", async () => {
    const s = await issued("CLI");
    await db.center.update({ where: { id: s.center.id }, data: { certSite: null } });
    expect((await refusal(reissueCertificate(s.cert.id, s.center.id, "遗失", s.admin, new Date()))).message).toContain("站点代码");
    expect((await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } })).status).toBe("valid");
  });
});

describe("name correction", () => {
  it("records who, when, old, new and why; the lookup answers by the new and the old name", async () => {
    const s = await issued("CLJ", "胡小燕");
    const at = new Date("2026-12-06T03:00:00Z");
    await correctHolderName(s.cert.id, s.center.id, { name: "胡晓燕", reason: "与身份证不符" }, s.admin, at);
    expect((await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } })).holderName).toBe("胡晓燕");
    expect(await db.certificateCorrection.findMany({ where: { certificateId: s.cert.id } })).toMatchObject([
      { field: "name", oldValue: "胡小燕", newValue: "胡晓燕", reason: "与身份证不符", byId: s.admin.id, byName: s.admin.displayName, at },
    ]);
    expect(await db.auditLog.count({ where: { action: "certificate.correct", target: s.cert.id } })).toBe(1);
    expect(await lookupCertificate(s.cert.number, "胡晓燕", ip(), new Date())).toMatchObject({
      kind: "found",
      holder: "胡晓燕",
      nameCorrectedOn: "2026-12-06",
      askedFormer: false,
    });
    expect(await lookupCertificate(s.cert.number, "胡小燕", ip(), new Date())).toMatchObject({
      kind: "found",
      holder: "胡晓燕",
      askedFormer: true,
    });
    // A wrong name is "not found", as is a wrong number: nothing says the number exists.
    expect(await lookupCertificate(s.cert.number, "胡大燕", ip(), new Date())).toEqual({ kind: "none" });
    expect(await lookupCertificate(`S${"9".repeat(21)}`, "胡晓燕", ip(), new Date())).toEqual({ kind: "none" });
  });

  it("refuses an empty reason, and changes nothing", async () => {
    const s = await issued("CLK");
    expect(await refusal(correctHolderName(s.cert.id, s.center.id, { name: "新名字", reason: " " }, s.admin, new Date()))).toEqual({
      status: 400,
      message: "请填写更正原因。",
    });
    expect((await db.certificate.findUniqueOrThrow({ where: { id: s.cert.id } })).holderName).toBe(s.person.name);
    expect(await db.certificateCorrection.count({ where: { certificateId: s.cert.id } })).toBe(0);
  });
});

describe("registry export", () => {
  it("lists the sitting's certificates with their states, in xlsx, UTF-8 (BOM) and GBK CSV", async () => {
    const s = await issued("CLL", "钱　多");
    const r = await reissueCertificate(s.cert.id, s.center.id, "损毁", s.admin, new Date());
    const rows = await sittingCertificates(s.skill.id);
    expect(rows.map((x) => [x.number, x.status, x.replacesNumber, x.theoryScore, x.skillScore])).toEqual([
      [s.cert.number, "replaced", null, 72, 66.5],
      [r.number, "valid", s.cert.number, 72, 66.5],
    ]);
    const utf8 = await registryExport(s.skill.id, "csv-utf8", s.admin, new Date());
    expect([...utf8.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.body.subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]).toBe(
      "证书编号,姓名,证件类型,证件号码,职业(工种),职业编码,等级,理论成绩,技能成绩,发证日期,评价机构,状态,原证书编号",
    );
    expect(text).toContain(`${r.number},钱　多,居民身份证,${s.person.idNumber},`);
    const gbk = await registryExport(s.skill.id, "csv-gbk", s.admin, new Date());
    expect(iconv.decode(gbk.body, "gbk")).toBe(text);
    const xlsx = await registryExport(s.skill.id, "xlsx", s.admin, new Date());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("证书登记")!;
    expect(ws.getRow(3).getCell(1).value).toBe(r.number);
    expect(ws.getRow(3).getCell(12).value).toBe("有效");
    expect(ws.getRow(2).getCell(12).value).toBe("已补发");
    expect(await db.auditLog.count({ where: { action: "certificate.export", target: s.skill.id } })).toBe(3);
  });

  it("refuses GBK when a name cannot be written in it, naming the certificate", async () => {
    const s = await issued("CLM", "王𬌗");
    const e = await refusal(registryExport(s.skill.id, "csv-gbk", s.admin, new Date()));
    expect(e.status).toBe(409);
    expect(e.message).toContain(`${s.cert.number}（王𬌗）`);
    expect(e.message).toContain("请改用 UTF-8 CSV 或 Excel");
  });
});
