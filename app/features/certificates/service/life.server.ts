// The life of an issued certificate after issuance: void, reissue (补发) and the recorded name
// correction, and the center's screens to find one. Each change is a compare-and-set on the state
// it was decided from, with its audit entry in the same transaction.
import { certificateStatusOf, nameCorrectionRefusal, reissueRefusal, reissueVoidReason, voidRefusal } from "~/domain/certificate";
import type { Level } from "~/domain/levels";
import { formatDate } from "~/domain/time";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { nextCertificateNumber, requireIssuerOfCenter } from "../service.server";

const NOT_FOUND = "未找到该证书。";

/** The center a certificate belongs to (its holder's), for the route's scope check; 404 when there is none. */
export async function certificateCenterId(certificateId: string): Promise<string> {
  const c = await db.certificate.findUnique({ where: { id: certificateId }, select: { person: { select: { centerId: true } } } });
  if (!c) httpError(404, NOT_FOUND);
  return c.person.centerId;
}

/** A certificate of `centerId`'s people: another center's is a 403, as the route's guard says. */
async function scoped(certificateId: string, centerId: string) {
  const c = await db.certificate.findUnique({ where: { id: certificateId }, include: { person: true } });
  if (!c) httpError(404, NOT_FOUND);
  if (c.person.centerId !== centerId) httpError(403, "只能办理本中心人员的证书。");
  return { ...c, storedName: c.holderName, holderName: c.holderName ?? c.person.name };
}

/** Voids a valid certificate with a reason; a second void (or a race) is refused and changes nothing. */
export async function voidCertificate(certificateId: string, centerId: string, reason: string, actor: AuditActor, now: Date) {
  const c = await scoped(certificateId, centerId);
  const refusal = voidRefusal(c);
  if (refusal) httpError(409, refusal);
  const why = reason.trim();
  if (!why) httpError(400, "请填写作废原因。");
  await db.$transaction(async (tx) => {
    const changed = await tx.certificate.updateMany({
      where: { id: c.id, status: "valid" },
      data: { status: "void", voidReason: why, voidedAt: now, voidedById: actor.id },
    });
    if (changed.count !== 1) {
      const current = await tx.certificate.findUniqueOrThrow({ where: { id: c.id } });
      httpError(409, voidRefusal(current) ?? "该证书的状态已被他人改变，请刷新页面。");
    }
    await writeAudit(tx, {
      action: "certificate.void",
      actor,
      ip: actor.ip ?? null,
      centerId,
      target: c.id,
      at: now,
      detail: { number: c.number, reason: why },
    });
  });
  return { number: c.number };
}

/**
 * Reissues (补发) a lost or damaged valid certificate: a new number (the next sequence of this
 * year and level at the holder's center), linked to the old one, which becomes `replaced`.
 */
export async function reissueCertificate(certificateId: string, centerId: string, note: string, actor: AuditActor, now: Date) {
  const c = await scoped(certificateId, centerId);
  const refusal = reissueRefusal(c);
  if (refusal) httpError(409, refusal);
  const issuer = await requireIssuerOfCenter(centerId);
  const level = c.level as Level;
  const year = Number(formatDate(now).slice(0, 4));
  const reason = reissueVoidReason(note);
  const created = await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const changed = await tx.certificate.updateMany({
          where: { id: c.id, status: "valid" },
          data: { status: "replaced", voidReason: reason, voidedAt: now, voidedById: actor.id },
        });
        if (changed.count !== 1) {
          const current = await tx.certificate.findUniqueOrThrow({ where: { id: c.id } });
          httpError(409, reissueRefusal(current) ?? "该证书的状态已被他人改变，请刷新页面。");
        }
        const number = await nextCertificateNumber(tx, issuer, year, level);
        const fresh = await tx.certificate.create({
          data: {
            number,
            personId: c.personId,
            holderName: c.holderName,
            level,
            occupation: c.occupation,
            issuedAt: now,
            sittingId: c.sittingId,
            replacesId: c.id,
            theoryRegistrationId: c.theoryRegistrationId,
            skillRegistrationId: c.skillRegistrationId,
          },
        });
        await writeAudit(tx, {
          action: "certificate.reissue",
          actor,
          ip: actor.ip ?? null,
          centerId,
          target: fresh.id,
          at: now,
          detail: { number, replaces: c.number, reason },
        });
        return fresh;
      }),
    "该证书正由他人同时办理补发，请刷新页面。",
  );
  return { id: created.id, number: created.number, replaces: c.number };
}

/** Corrects the holder's name printed on a valid certificate, with a record (who, when, old, new, why). */
export async function correctHolderName(
  certificateId: string,
  centerId: string,
  input: { name: string; reason: string },
  actor: AuditActor,
  now: Date,
) {
  const c = await scoped(certificateId, centerId);
  const refusal = nameCorrectionRefusal(c, input.name, input.reason);
  if (refusal) httpError(refusal === "请填写更正原因。" || refusal === "请填写更正后的姓名。" ? 400 : 409, refusal);
  const name = input.name.trim();
  const reason = input.reason.trim();
  await db.$transaction(async (tx) => {
    // Decided from the name on screen: a correction made meanwhile by someone else wins, this one is refused.
    const changed = await tx.certificate.updateMany({
      where: { id: c.id, status: "valid", holderName: c.storedName },
      data: { holderName: name },
    });
    if (changed.count !== 1) httpError(409, "该证书已被他人同时更正或改变状态，请刷新页面。");
    await tx.certificateCorrection.create({
      data: {
        certificateId: c.id,
        field: "name",
        oldValue: c.holderName,
        newValue: name,
        reason,
        byId: actor.id,
        byName: actor.displayName,
        at: now,
      },
    });
    await writeAudit(tx, {
      action: "certificate.correct",
      actor,
      ip: actor.ip ?? null,
      centerId,
      target: c.id,
      at: now,
      detail: { number: c.number, field: "name", old: c.holderName, new: name, reason },
    });
  });
  return { number: c.number, name };
}

/** The center's certificates whose number or holder's name contains `q` (newest first, at most 50). */
export async function findCertificates(centerId: string, q: string) {
  const term = q.trim();
  const certs = await db.certificate.findMany({
    where: {
      person: { centerId },
      ...(term
        ? {
            OR: [
              { number: { contains: term.toUpperCase() } },
              { holderName: { contains: term } },
              { person: { name: { contains: term } } },
            ],
          }
        : {}),
    },
    include: { person: { select: { name: true } } },
    orderBy: [{ issuedAt: "desc" }, { number: "desc" }],
    take: 50,
  });
  return certs.map((c) => ({
    id: c.id,
    number: c.number,
    holderName: c.holderName ?? c.person.name,
    level: c.level as Level,
    issued: formatDate(c.issuedAt),
    status: certificateStatusOf(c.status),
    source: c.source,
  }));
}

/** One certificate for the center's admin: state, links of a reissue, the corrections, who voided it. */
export async function certificateDetail(certificateId: string, centerId: string) {
  const c = await scoped(certificateId, centerId);
  const [replaces, replacedBy, corrections, voidedBy, sitting] = await Promise.all([
    c.replacesId ? db.certificate.findUnique({ where: { id: c.replacesId }, select: { id: true, number: true } }) : null,
    db.certificate.findUnique({ where: { replacesId: c.id }, select: { id: true, number: true, issuedAt: true } }),
    db.certificateCorrection.findMany({ where: { certificateId: c.id }, orderBy: { at: "asc" } }),
    c.voidedById ? db.user.findUnique({ where: { id: c.voidedById }, select: { displayName: true } }) : null,
    c.sittingId ? db.sitting.findUnique({ where: { id: c.sittingId }, select: { id: true, title: true, kind: true } }) : null,
  ]);
  return {
    id: c.id,
    number: c.number,
    holderName: c.holderName,
    personName: c.person.name,
    personId: c.personId,
    level: c.level as Level,
    occupation: c.occupation,
    issued: formatDate(c.issuedAt),
    source: c.source,
    status: certificateStatusOf(c.status),
    voidReason: c.voidReason,
    voidedAt: c.voidedAt,
    voidedBy: voidedBy?.displayName ?? null,
    replaces,
    replacedBy: replacedBy ? { id: replacedBy.id, number: replacedBy.number, issued: formatDate(replacedBy.issuedAt) } : null,
    corrections: corrections.map((k) => ({
      id: k.id,
      oldValue: k.oldValue,
      newValue: k.newValue,
      reason: k.reason,
      by: k.byName,
      at: k.at,
    })),
    sitting,
  };
}
