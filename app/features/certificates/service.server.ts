// Certificates: the only writer of Certificate (issued after a publication, or recorded from
// elsewhere), the facts behind the declaration conditions, and the public lookup.
import {
  certificateNumber,
  certificateStatusOf,
  issuerOf,
  type CertificateStatus,
  nextSequence,
  partStillValid,
  type CertificateIssuer,
} from "~/domain/certificate";
import { evaluateEligibility, eligibilitySummary, type EligibilityFacts, type SchoolType } from "~/domain/eligibility";
import { LEVELS, STANDARD_TRAINING_HOURS, type Level } from "~/domain/levels";
import { certificateGate } from "~/domain/publicity";
import { lockedUntil, retryMessage, type ThrottlePolicy } from "~/domain/throttle";
import { formatDate, formatTime, shanghaiDateToInstant } from "~/domain/time";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { countFailure, loadThrottle } from "~/platform/throttle.server";

export type TrainingProgress = Record<Level, { hours: number; standard: number; passed: boolean }>;

/** Hours completed toward each level, and whether that level's training was passed, for many people in one query. */
export async function trainingProgressOf(personIds: readonly string[]): Promise<Map<string, TrainingProgress>> {
  const done = await db.courseAssignment.findMany({
    where: { personId: { in: [...personIds] }, status: "completed" },
    include: { course: true },
  });
  return new Map(personIds.map((id) => [id, progressFrom(done.filter((a) => a.personId === id))]));
}

export async function trainingProgress(personId: string): Promise<TrainingProgress> {
  return (await trainingProgressOf([personId])).get(personId)!;
}

function progressFrom(
  done: { course: { level: string; hours: number; hasAssessment: boolean }; assessment: string | null }[],
): TrainingProgress {
  return Object.fromEntries(
    LEVELS.map((level) => {
      const mine = done.filter((a) => a.course.level === level);
      const hours = mine.reduce((s, a) => s + a.course.hours, 0);
      const assessed = mine.filter((a) => a.course.hasAssessment);
      // "经标准学时培训并合格": the standard hours are done, and every assessed course was passed.
      const passed = hours >= STANDARD_TRAINING_HOURS[level] && assessed.length > 0 && assessed.every((a) => a.assessment === "passed");
      return [level, { hours, standard: STANDARD_TRAINING_HOURS[level], passed }];
    }),
  ) as TrainingProgress;
}

export async function eligibilityFacts(personId: string): Promise<EligibilityFacts> {
  const [person, training] = await Promise.all([
    db.person.findUniqueOrThrow({
      where: { id: personId },
      include: { education: true, workHistory: true, certificates: true },
    }),
    trainingProgress(personId),
  ]);
  return {
    apprenticeshipCompleted: person.apprenticeshipCompleted,
    // Service at this center (since the hire date) is work in this occupation; earlier jobs come
    // from the work history. Overlaps are counted once.
    work: [
      ...person.workHistory.map((w) => ({ occupation: w.occupation, start: formatDate(w.start), end: w.end ? formatDate(w.end) : null })),
      ...(person.hireDate
        ? [{ occupation: "行政办事员", start: formatDate(person.hireDate), end: person.active ? null : formatDate(person.updatedAt) }]
        : []),
    ],
    education: person.education.map((e) => ({
      schoolType: e.schoolType as SchoolType,
      major: e.major,
      graduated: e.graduated,
      finalYear: e.finalYear,
    })),
    certificates: person.certificates
      .filter((c) => c.status === "valid")
      .map((c) => ({
        level: c.level as Level,
        // A reissue (补发) holds the level since its original was issued.
        issued: formatDate(originalIssue(c, person.certificates)),
        occupation: c.occupation === "行政办事员（政务服务综合窗口办事员）" ? "行政办事员" : c.occupation,
      })),
    training: Object.fromEntries(LEVELS.map((l) => [l, { hours: training[l].hours, passed: training[l].passed }])),
  };
}

/** The issue date of the first certificate of a reissue chain. */
function originalIssue(
  c: { issuedAt: Date; replacesId: string | null },
  all: readonly { id: string; issuedAt: Date; replacesId: string | null }[],
) {
  let at = c;
  for (let guard = 0; at.replacesId && guard < all.length; guard++) {
    const prev = all.find((x) => x.id === at.replacesId);
    if (!prev) break;
    at = prev;
  }
  return at.issuedAt;
}

export async function eligibilityOf(personId: string, level: Level, asOf: Date) {
  return evaluateEligibility(await eligibilityFacts(personId), level, formatDate(asOf));
}

/**
 * Whether these people of `centerId` may register at `level`: the condition each one met, or a
 * refusal naming every ineligible person and why ("L4-1：还需完成…"). People of another center
 * (or ids that do not exist) are a 403 before anything else is looked at.
 */
export async function registrationEligibility(centerId: string, personIds: string[], level: Level, asOf: Date) {
  const people = await db.person.findMany({ where: { id: { in: personIds }, centerId }, select: { id: true, name: true } });
  if (people.length !== new Set(personIds).size) httpError(403, "只能为本中心人员报名。");
  const refused: string[] = [];
  const met = new Map<string, string>();
  for (const p of people) {
    const r = await eligibilityOf(p.id, level, asOf);
    if (r.eligible) met.set(p.id, r.metBy!);
    else refused.push(`${p.name}（${eligibilitySummary(r)}）`);
  }
  return { refusal: refused.length ? `以下人员不符合申报条件，未报名：${refused.join("；")}` : null, met };
}

type PassedPart = { registrationId: string; kind: "theory" | "skill"; passedOn: string; publicityEndsAt: Date | null };

/** Published passed parts of a person at a level, newest first. */
async function passedParts(personId: string, level: Level): Promise<PassedPart[]> {
  const regs = await db.registration.findMany({
    where: { personId, sitting: { level, status: "published" } },
    include: { sitting: true, attempt: true, skillResult: true },
  });
  return regs
    .filter((r) => (r.sitting.kind === "theory" ? r.attempt?.passed : r.skillResult?.passed))
    .map((r) => ({
      registrationId: r.id,
      kind: r.sitting.kind as "theory" | "skill",
      passedOn: formatDate(r.sitting.startsAt),
      publicityEndsAt: r.sitting.publicityEndsAt,
    }))
    .sort((a, b) => b.passedOn.localeCompare(a.passedOn));
}

/** The issuer of a center's numbers, or a 409 naming the unset codes and where to set them. */
export async function requireIssuerOfCenter(centerId: string): Promise<CertificateIssuer> {
  const center = await db.center.findUnique({
    where: { id: centerId },
    select: { certKind: true, certBodyCode: true, certProvince: true, certSite: true },
  });
  if (!center) httpError(404, "未找到该中心。");
  const r = issuerOf(center);
  if (!r.ok) httpError(409, r.message);
  return r.issuer;
}

async function requireIssuerOfSitting(sittingId: string): Promise<CertificateIssuer> {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, select: { centerId: true } });
  if (!sitting) httpError(404, "未找到该考试场次。");
  return requireIssuerOfCenter(sitting.centerId);
}

/** The refusal issuing would meet at this center today (for warnings on screens), or null. */
export async function numberingProblem(centerId: string): Promise<string | null> {
  const center = await db.center.findUniqueOrThrow({
    where: { id: centerId },
    select: { certKind: true, certBodyCode: true, certProvince: true, certSite: true },
  });
  const r = issuerOf(center);
  return r.ok ? null : r.message;
}

type Reader = Pick<typeof db, "person" | "certificate">;

async function personName(tx: Reader, personId: string): Promise<string> {
  return (await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } })).name;
}

/**
 * The next free number of (issuer, year, level), read inside the caller's transaction: the
 * number's unique key settles a race between two transactions.
 */
export async function nextCertificateNumber(tx: Pick<typeof db, "certificate">, issuer: CertificateIssuer, year: number, level: Level) {
  const prefix = certificateNumber(issuer, year, level, 1).slice(0, 16); // everything before the sequence
  const used = (await tx.certificate.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } })).map(
    (c) => c.number,
  );
  return certificateNumber(issuer, year, level, nextSequence(used, issuer, year, level));
}

/**
 * After a sitting is published: every candidate who has now passed both parts at its level, the
 * earlier part still within the center's validity (default 12 months), gets a certificate.
 */
export async function issueCertificates(sittingId: string, now: Date, actor?: AuditActor) {
  // Refused before anything else while the center's numbering codes are unset (decision 022).
  const issuer = await requireIssuerOfSitting(sittingId);
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId }, include: { center: true, registrations: true } });
  const level = sitting.level as Level;
  const issued: string[] = [];
  for (const reg of sitting.registrations) {
    const held = await db.certificate.findFirst({ where: { personId: reg.personId, level, status: "valid" } });
    if (held) continue;
    const parts = await passedParts(reg.personId, level);
    const theory = parts.find((p) => p.kind === "theory");
    const skill = parts.find((p) => p.kind === "skill");
    if (!theory || !skill) continue;
    const [earlier, later] = theory.passedOn <= skill.passedOn ? [theory, skill] : [skill, theory];
    if (!partStillValid(earlier.passedOn, later.passedOn, sitting.center.partValidityMonths)) continue;
    // Voiding is final: the same two results never give a second certificate.
    const before = { theoryRegistrationId: theory.registrationId, skillRegistrationId: skill.registrationId };
    if (await db.certificate.findFirst({ where: before, select: { id: true } })) continue;
    // 公示 over for both parts and no 复核 of either still open (decision 023); else it waits.
    if (!(await gateOf(theory, skill, now)).ok) continue;
    const year = Number(formatDate(now).slice(0, 4));
    // Numbers are allocated inside the transaction, so two publications cannot take the same one.
    const cert = await db.$transaction(async (tx) => {
      const number = await nextCertificateNumber(tx, issuer, year, level);
      const created = await tx.certificate.create({
        data: {
          number,
          personId: reg.personId,
          holderName: await personName(tx, reg.personId),
          sittingId,
          level,
          issuedAt: now,
          theoryRegistrationId: theory.registrationId,
          skillRegistrationId: skill.registrationId,
        },
      });
      await writeAudit(tx, {
        action: "certificate.issue",
        actor: actor ?? null,
        ip: actor?.ip ?? null,
        centerId: sitting.centerId,
        target: created.id,
        at: now,
        detail: { number, personId: reg.personId, level, sittingId },
      });
      return created;
    });
    issued.push(cert.number);
  }
  return issued;
}

/** The certificate gate of app/domain/publicity.ts for a candidate's two passed parts. */
async function gateOf(theory: PassedPart, skill: PassedPart, now: Date) {
  const openReviews = await db.reviewRequest.count({
    where: { registrationId: { in: [theory.registrationId, skill.registrationId] }, status: "open" },
  });
  return certificateGate(
    {
      parts: [
        { label: "理论知识考试", publicityEndsAt: theory.publicityEndsAt },
        { label: "技能考核", publicityEndsAt: skill.publicityEndsAt },
      ],
      openReviews,
    },
    now,
  );
}

/**
 * Candidates of the sitting who have passed both parts and hold no certificate yet, but whom the
 * gate holds back (公示 not over, 复核 open): the waiting list of the sitting's 公示 page.
 */
export async function certificateWaiting(sittingId: string, now: Date) {
  const sitting = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: { center: true, registrations: { include: { person: true }, orderBy: { ticketNumber: "asc" } } },
  });
  const level = sitting.level as Level;
  const waiting: { name: string; ticket: string; reason: string }[] = [];
  for (const reg of sitting.registrations) {
    if (await db.certificate.findFirst({ where: { personId: reg.personId, level, status: "valid" }, select: { id: true } })) continue;
    const parts = await passedParts(reg.personId, level);
    const theory = parts.find((p) => p.kind === "theory");
    const skill = parts.find((p) => p.kind === "skill");
    if (!theory || !skill) continue;
    const [earlier, later] = theory.passedOn <= skill.passedOn ? [theory, skill] : [skill, theory];
    if (!partStillValid(earlier.passedOn, later.passedOn, sitting.center.partValidityMonths)) continue;
    const gate = await gateOf(theory, skill, now);
    if (!gate.ok) waiting.push({ name: reg.person.name, ticket: reg.ticketNumber, reason: gate.reason });
  }
  return waiting;
}

/**
 * Records a certificate the person obtained elsewhere (a fact for the declaration conditions).
 * Refused when the number is already recorded.
 */
export async function recordExternalCertificate(
  person: { id: string; centerId: string },
  c: { level: Level; number: string; issued: string; occupation: string },
  actor: AuditActor,
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (await db.certificate.findUnique({ where: { number: c.number }, select: { id: true } }))
    return { ok: false, message: "该证书编号已登记" };
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.certificate.create({
          data: {
            personId: person.id,
            number: c.number,
            level: c.level,
            issuedAt: shanghaiDateToInstant(c.issued),
            source: "external",
            occupation: c.occupation,
          },
        });
        await writeAudit(tx, {
          action: "certificate.record_external",
          actor,
          ip: actor.ip,
          centerId: person.centerId,
          target: person.id,
          detail: { certificateId: created.id, number: c.number, level: c.level },
        });
      }),
    "该证书编号已登记。",
  );
  return { ok: true };
}

/** A person's certificates, oldest first. */
export function certificatesOfPerson(personId: string) {
  return db.certificate.findMany({ where: { personId }, orderBy: { issuedAt: "asc" } });
}

/** The signed-in holder's certificates, newest first. */
export function myCertificates(personId: string) {
  return db.certificate.findMany({ where: { personId }, orderBy: { issuedAt: "desc" } });
}

/** A certificate with its holder and the holder's center, for printing; 404 when there is none. */
export async function certificateForPrint(certificateId: string) {
  const cert = await db.certificate.findUnique({
    where: { id: certificateId },
    include: { person: { include: { center: true } }, replaces: { select: { number: true, issuedAt: true } } },
  });
  if (!cert) httpError(404, "未找到该证书。");
  return { ...cert, holderName: cert.holderName ?? cert.person.name, status: certificateStatusOf(cert.status) };
}

// 30 lookups per address in 10 minutes: enough for a hall's front desk, too few to enumerate.
const VERIFY_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 10 * 60_000, lockMs: 10 * 60_000 };

export type LookupResult =
  | { kind: "error"; message: string }
  | { kind: "none" }
  | {
      kind: "found";
      status: CertificateStatus;
      number: string;
      level: Level;
      occupation: string;
      issued: string;
      holder: string;
      idNumber: string;
      /** When it stopped being valid (void or replaced), Shanghai date. */
      endedOn: string | null;
      /** A reissue: the number of the certificate it replaces (printed on it too). */
      replacesNumber: string | null;
      /** The name was corrected: on which day; `askedFormer` when the query used the name before it. */
      nameCorrectedOn: string | null;
      askedFormer: boolean;
    };

/**
 * The public lookup of a certificate this platform issued, rate-limited per address. The same
 * answer for a wrong number and a wrong name: "not found". A name corrected after printing is
 * matched by the current name and by the names it had before (the holder may show the old paper);
 * the answer then gives the current name. The holder's ID number is returned in full; the page masks it.
 */
export async function lookupCertificate(number: string, name: string, clientAddress: string, now: Date): Promise<LookupResult> {
  const key = `verify:${clientAddress}`;
  const state = await loadThrottle(key);
  const until = lockedUntil(state, now);
  if (until) return { kind: "error", message: retryMessage(until, now, formatTime).replace("登录失败次数过多", "查询次数过多") };
  await countFailure(key, now, VERIFY_POLICY, state);
  const cert = await db.certificate.findUnique({
    where: { number },
    include: { person: true, replaces: { select: { number: true } }, corrections: { orderBy: { at: "desc" } } },
  });
  if (!cert || cert.source !== "platform") return { kind: "none" };
  const asked = name.trim();
  const current = cert.holderName ?? cert.person.name;
  const former = cert.corrections.filter((k) => k.field === "name").map((k) => k.oldValue);
  if (asked !== current && !former.includes(asked)) return { kind: "none" };
  const status = certificateStatusOf(cert.status);
  const lastName = cert.corrections.find((k) => k.field === "name");
  return {
    kind: "found",
    status,
    number: cert.number,
    level: cert.level as Level,
    occupation: cert.occupation,
    issued: formatDate(cert.issuedAt),
    holder: current,
    idNumber: cert.person.idNumber,
    endedOn: status !== "valid" && cert.voidedAt ? formatDate(cert.voidedAt) : null,
    replacesNumber: cert.replaces?.number ?? null,
    nameCorrectedOn: lastName ? formatDate(lastName.at) : null,
    askedFormer: asked !== current,
  };
}
