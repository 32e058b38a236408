// Per sitting: the certificates its publication issued, on screen and as the file a provincial
// registry loads (xlsx, CSV in UTF-8 with BOM or GBK; columns in README "证书登记导出").
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { certificateStatusOf, REGISTRY_COLUMNS, registryRow, type RegistryFacts, toCsv } from "~/domain/certificate";
import type { Level } from "~/domain/levels";
import { issuingRefusal } from "~/domain/publicity";
import { formatDate } from "~/domain/time";
import { audit, type AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { issueCertificates } from "../service.server";

export type RegistryFormat = "xlsx" | "csv-utf8" | "csv-gbk";

/**
 * The certificates of a sitting: those its publication issued (and their reissues, which keep
 * the sitting), plus — for certificates issued before the sitting was recorded on them — those
 * built on one of its registrations. Oldest number first.
 */
export async function sittingCertificates(sittingId: string): Promise<(RegistryFacts & { id: string })[]> {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, include: { center: true } });
  if (!sitting) httpError(404, "未找到该考试场次。");
  const regIds = (await db.registration.findMany({ where: { sittingId }, select: { id: true } })).map((r) => r.id);
  const certs = await db.certificate.findMany({
    where: {
      source: "platform",
      OR: [{ sittingId }, { sittingId: null, OR: [{ theoryRegistrationId: { in: regIds } }, { skillRegistrationId: { in: regIds } }] }],
    },
    include: { person: true, replaces: { select: { number: true } } },
    orderBy: { number: "asc" },
  });
  const theoryIds = certs.map((c) => c.theoryRegistrationId).filter((x): x is string => !!x);
  const skillIds = certs.map((c) => c.skillRegistrationId).filter((x): x is string => !!x);
  const [attempts, skills] = await Promise.all([
    db.attempt.findMany({ where: { registrationId: { in: theoryIds } }, select: { registrationId: true, score: true } }),
    db.skillResult.findMany({ where: { registrationId: { in: skillIds } }, select: { registrationId: true, score: true } }),
  ]);
  const theory = new Map(attempts.map((a) => [a.registrationId, a.score]));
  const skill = new Map(skills.map((s) => [s.registrationId, s.score]));
  return certs.map((c) => ({
    id: c.id,
    number: c.number,
    holderName: c.holderName ?? c.person.name,
    idNumber: c.person.idNumber,
    occupation: c.occupation,
    level: c.level as Level,
    theoryScore: c.theoryRegistrationId ? (theory.get(c.theoryRegistrationId) ?? null) : null,
    skillScore: c.skillRegistrationId ? (skill.get(c.skillRegistrationId) ?? null) : null,
    issued: formatDate(c.issuedAt),
    body: sitting.center.name,
    status: certificateStatusOf(c.status),
    replacesNumber: c.replaces?.number ?? null,
  }));
}

/** Characters of a text that GBK cannot hold (iconv would write "?" for them). */
function outsideGbk(text: string): string[] {
  return [...new Set([...text].filter((ch) => iconv.decode(iconv.encode(ch, "gbk"), "gbk") !== ch))];
}

/**
 * The registry file of a sitting. GBK is refused (naming the certificates) when a name cannot be
 * written in it, instead of writing "?" into a registry: use UTF-8 or xlsx then. The export
 * carries full ID numbers, so it is audited.
 */
export async function registryExport(sittingId: string, format: RegistryFormat, actor: AuditActor, now: Date) {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, select: { title: true, centerId: true } });
  if (!sitting) httpError(404, "未找到该考试场次。");
  const facts = await sittingCertificates(sittingId);
  const rows = facts.map(registryRow);
  const base = `证书登记-${sitting.title}-${formatDate(now)}`;
  let body: Buffer;
  let filename: string;
  let contentType: string;
  if (format === "xlsx") {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("证书登记");
    ws.addRow([...REGISTRY_COLUMNS]);
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    // Numbers and ID numbers stay text: 22 and 18 digits would lose digits as numbers.
    ws.columns.forEach((col, i) => {
      col.numFmt = "@";
      col.width = [24, 10, 12, 22, 36, 12, 14, 10, 10, 12, 24, 10, 24][i] ?? 12;
    });
    body = Buffer.from(await wb.xlsx.writeBuffer());
    filename = `${base}.xlsx`;
    contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    const text = toCsv([[...REGISTRY_COLUMNS], ...rows]);
    if (format === "csv-gbk") {
      const bad = rows.filter((r) => outsideGbk(r.join("")).length > 0);
      if (bad.length)
        httpError(
          409,
          `以下证书的信息含有 GBK 编码无法表示的字符（${outsideGbk(bad.map((r) => r.join("")).join("")).join("")}），不能导出 GBK 文件：${bad.map((r) => `${r[0]}（${r[1]}）`).join("、")}。请改用 UTF-8 CSV 或 Excel。`,
        );
      body = iconv.encode(text, "gbk");
      filename = `${base}-GBK.csv`;
      contentType = "text/csv; charset=GBK";
    } else {
      body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
      filename = `${base}-UTF8.csv`;
      contentType = "text/csv; charset=utf-8";
    }
  }
  await audit({
    action: "certificate.export",
    actor,
    ip: actor.ip ?? null,
    centerId: sitting.centerId,
    target: sittingId,
    at: now,
    detail: { format, certificates: rows.length },
  });
  return { body, filename, contentType };
}

/**
 * Issues, from the sitting's page, what is due and was not issued at publication (the center's
 * codes were unset then): only after publication; the same refusals as at publication.
 */
export async function issueForSitting(
  sitting: { id: string; status: string; publishedAt: Date | null; publicityEndsAt: Date | null },
  actor: AuditActor,
  now: Date,
) {
  // The same rule as the 公示与发证 page (decision 023): nothing before the 公示 is over.
  const refusal = issuingRefusal(sitting, now);
  if (refusal) httpError(409, refusal);
  return (await issueCertificates(sitting.id, now, actor)).length;
}
