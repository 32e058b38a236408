// Staff: the only writer of Person, EducationRecord and WorkRecord. Each change and its audit
// entry share one transaction. Accounts, departments and certificates belong to their own
// features and are reached through their index.server.
import { evaluateEligibility, THIS_OCCUPATION } from "~/domain/eligibility";
import { maskIdNumber } from "~/domain/id-number";
import { LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { PLATFORM_ROLE_LABELS, type PlatformRole } from "~/domain/roles";
import { checkStaffCsv, type CsvEncoding, decodeCsv } from "~/domain/staff-import";
import { formatDate, formatDateTime, shanghaiDateToInstant, shanghaiToday } from "~/domain/time";
import { renameAccountOf } from "~/features/accounts/index.server";
import { assertDepartmentInCenter, departmentsOf } from "~/features/centers/index.server";
import { certificatesOfPerson, eligibilityFacts, recordExternalCertificate } from "~/features/certificates/index.server";
import { audit, type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { claimImportBatch, createImportBatch, discardImportBatch, findImportBatch } from "~/platform/import-batch.server";
import type { SessionUser } from "~/platform/session.server";
import type { EducationInput, ExternalCertificateInput, PersonInput, WorkInput } from "./schemas";

type Actor = Pick<SessionUser, "id" | "displayName" | "centerId">;
/** The person a change is about: its id and center (for the audit entry's scope). */
type PersonRef = { id: string; centerId: string };

export type StaffFilters = { q?: string; staffRole?: string; departmentId?: string; page?: number };
export const PAGE_SIZE = 50;

/** Staff list for one center (or all centers when centerId is null: platform admin). IDs masked. */
export async function listStaff(centerId: string | null, f: StaffFilters) {
  const where = {
    ...(centerId ? { centerId } : {}),
    ...(f.staffRole ? { staffRole: f.staffRole } : {}),
    ...(f.departmentId ? { departmentId: f.departmentId } : {}),
    ...(f.q ? { OR: [{ name: { contains: f.q } }, { phone: { contains: f.q } }] } : {}),
  };
  const page = Math.max(1, f.page ?? 1);
  const [total, people] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ active: "desc" }, { createdAt: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { department: true, center: true, user: { include: { roles: true } } },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows: people.map((p) => ({
      id: p.id,
      name: p.name,
      idNumber: maskIdNumber(p.idNumber),
      phone: p.phone,
      staffRole: p.staffRole,
      department: p.department?.name ?? null,
      center: p.center.name,
      hireDate: p.hireDate ? formatDate(p.hireDate) : null,
      active: p.active,
      account: p.user
        ? {
            username: p.user.username,
            active: p.user.active,
            roles: p.user.roles.map((r) => PLATFORM_ROLE_LABELS[r.role as PlatformRole] ?? r.role),
          }
        : null,
    })),
  };
}

/** The departments a person of the center may be placed in, for the person form. */
export async function departmentChoices(centerId: string) {
  return (await departmentsOf(centerId)).map((d) => ({ id: d.id, name: d.name }));
}

export async function idNumberTaken(idNumber: string, exceptPersonId?: string) {
  const p = await db.person.findUnique({ where: { idNumber }, select: { id: true } });
  return !!p && p.id !== exceptPersonId;
}

// ---- one person ----

/** A person with their department, center and account; 404 when there is none. */
export async function findPerson(personId: string) {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: { department: true, center: true, user: { include: { roles: true } } },
  });
  if (!person) httpError(404, "未找到该人员。");
  return person;
}
export type PersonRecord = Awaited<ReturnType<typeof findPerson>>;

/** What the person page shows of the person and their account; the full ID number only when asked. */
export function describePerson(person: PersonRecord, viewer: { id: string }, fullIdNumber: boolean) {
  return {
    person: {
      id: person.id,
      name: person.name,
      idNumberMasked: maskIdNumber(person.idNumber),
      idNumberFull: fullIdNumber ? person.idNumber : null,
      phone: person.phone,
      staffRole: person.staffRole,
      departmentId: person.departmentId,
      department: person.department?.name ?? null,
      center: person.center.name,
      hireDate: person.hireDate ? formatDate(person.hireDate) : null,
      createdAt: formatDateTime(person.createdAt),
    },
    account: person.user
      ? {
          username: person.user.username,
          active: person.user.active,
          mustChangePassword: person.user.mustChangePassword,
          isSelf: person.user.id === viewer.id,
          roles: person.user.roles.map((r) => r.role as PlatformRole),
        }
      : null,
  };
}

/** The edit form is the one screen that shows the full ID number; each opening is logged. */
export async function logFullIdView(person: PersonRef, actor: Actor, ip: string) {
  await audit({ action: "staff.view_id", actor, centerId: person.centerId, target: person.id, ip });
}

/** The declaration conditions of each level today, and the facts they rest on. */
export async function personFacts(person: PersonRecord, now: Date) {
  const [facts, education, work, certificates] = await Promise.all([
    eligibilityFacts(person.id),
    db.educationRecord.findMany({ where: { personId: person.id }, orderBy: { createdAt: "asc" } }),
    db.workRecord.findMany({ where: { personId: person.id }, orderBy: { start: "asc" } }),
    certificatesOfPerson(person.id),
  ]);
  const today = shanghaiToday(now);
  return {
    eligibility: LEVELS.map((l) => {
      const r = evaluateEligibility(facts, l, today);
      return {
        level: l,
        label: LEVEL_LABELS[l],
        eligible: r.eligible,
        metBy: r.metBy,
        missing: r.conditions.map((c) => `${c.code}：${c.missing.join("；")}`),
      };
    }),
    facts: {
      apprenticeship: person.apprenticeshipCompleted,
      education: education.map((e) => ({
        id: e.id,
        text: `${e.schoolType}${e.school ? `（${e.school}）` : ""} · ${e.major} · ${e.graduated ? "已毕业" : "应届在校"}`,
      })),
      work: work.map((w) => ({
        id: w.id,
        text: `${w.occupation}${w.employer ? ` · ${w.employer}` : ""} · ${formatDate(w.start)} 至 ${w.end ? formatDate(w.end) : "今"}`,
      })),
      certificates: certificates.map((c) => ({
        id: c.id,
        text: `${LEVEL_LABELS[c.level as Level]} · ${c.number} · ${formatDate(c.issuedAt)} · ${c.source === "platform" ? "本平台颁发" : "外部录入"}${c.status === "void" ? "（已作废）" : ""}`,
      })),
    },
  };
}

/** The signed-in user's own person record, for the profile page (ID and phone masked). */
export async function ownProfile(personId: string) {
  const person = await db.person.findUnique({ where: { id: personId }, include: { department: true, center: true } });
  return (
    person && {
      name: person.name,
      idNumber: maskIdNumber(person.idNumber),
      phone: person.phone.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2"),
      center: person.center.name,
      department: person.department?.name ?? "—",
      staffRole: person.staffRole ?? "—",
      hireDate: person.hireDate ? formatDate(person.hireDate) : "—",
    }
  );
}

export async function createPerson(centerId: string, input: PersonInput, actor: Actor, ip: string) {
  await assertDepartmentInCenter(input.departmentId, centerId);
  return orConflict(
    () =>
      db.$transaction(async (tx) => {
        const p = await tx.person.create({
          data: { ...input, centerId, hireDate: shanghaiDateToInstant(input.hireDate) },
        });
        await writeAudit(tx, { action: "staff.create", actor, centerId, target: p.id, ip, detail: { name: p.name } });
        return p;
      }),
    "该身份证号已登记。",
  );
}

/** Saves the person's details; the account's display name follows the person's name. */
export async function updatePerson(person: PersonRef, input: PersonInput, actor: Actor, ip: string) {
  await assertDepartmentInCenter(input.departmentId, person.centerId);
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const before = await tx.person.findUniqueOrThrow({ where: { id: person.id } });
        const changed = Object.entries(input)
          .filter(([k, v]) => {
            const old = k === "hireDate" ? (before.hireDate ? formatDate(before.hireDate) : null) : (before as Record<string, unknown>)[k];
            return old !== v;
          })
          .map(([k]) => k);
        await tx.person.update({ where: { id: person.id }, data: { ...input, hireDate: shanghaiDateToInstant(input.hireDate) } });
        await renameAccountOf(tx, person.id, input.name);
        await writeAudit(tx, { action: "staff.update", actor, centerId: person.centerId, target: person.id, ip, detail: { changed } });
      }),
    "该身份证号已被其他人员使用。",
  );
}

// ---- the facts behind the declaration conditions ----

export async function addEducation(person: PersonRef, e: EducationInput, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    const record = await tx.educationRecord.create({
      data: {
        personId: person.id,
        schoolType: e.schoolType,
        school: e.school || null,
        major: e.major,
        graduated: e.graduated === "graduated",
        finalYear: e.graduated === "final-year",
      },
    });
    await writeAudit(tx, {
      action: "staff.education",
      actor,
      centerId: person.centerId,
      target: person.id,
      ip,
      detail: { recordId: record.id, schoolType: e.schoolType, major: e.major, graduated: e.graduated },
    });
  });
}

export async function removeEducation(person: PersonRef, recordId: string, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    const removed = await tx.educationRecord.deleteMany({ where: { id: recordId, personId: person.id } });
    if (removed.count === 0) return;
    await writeAudit(tx, {
      action: "staff.education_remove",
      actor,
      centerId: person.centerId,
      target: person.id,
      ip,
      detail: { recordId },
    });
  });
}

export async function addWork(person: PersonRef, w: WorkInput, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    const record = await tx.workRecord.create({
      data: {
        personId: person.id,
        occupation: w.occupation === THIS_OCCUPATION ? "行政办事员" : w.occupation,
        employer: w.employer || null,
        start: shanghaiDateToInstant(w.start),
        end: w.end ? shanghaiDateToInstant(w.end) : null,
      },
    });
    await writeAudit(tx, {
      action: "staff.work",
      actor,
      centerId: person.centerId,
      target: person.id,
      ip,
      detail: { recordId: record.id, occupation: record.occupation, start: w.start, end: w.end },
    });
  });
}

export async function removeWork(person: PersonRef, recordId: string, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    const removed = await tx.workRecord.deleteMany({ where: { id: recordId, personId: person.id } });
    if (removed.count === 0) return;
    await writeAudit(tx, { action: "staff.work_remove", actor, centerId: person.centerId, target: person.id, ip, detail: { recordId } });
  });
}

export async function setApprenticeship(person: PersonRef, completed: boolean, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.id }, data: { apprenticeshipCompleted: completed } });
    await writeAudit(tx, {
      action: "staff.apprenticeship",
      actor,
      centerId: person.centerId,
      target: person.id,
      ip,
      detail: { completed },
    });
  });
}

/** A certificate obtained elsewhere; the certificates feature writes it (and its audit entry). */
export function addExternalCertificate(person: PersonRef, c: ExternalCertificateInput, actor: Actor, ip: string) {
  return recordExternalCertificate(person, c, { ...actor, ip });
}

// ---- CSV import ----

async function importContext(centerId: string, now: Date) {
  const [departments, existing] = await Promise.all([departmentsOf(centerId), db.person.findMany({ select: { idNumber: true } })]);
  return {
    departments,
    ctx: {
      today: shanghaiToday(now),
      departments: departments.map((d) => d.name),
      existingIdNumbers: new Set(existing.map((p) => p.idNumber)),
    },
  };
}

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/** Keeps an uploaded file as a pending batch (nothing imported yet); returns its id. */
export async function stageImport(centerId: string, file: File, encoding: CsvEncoding, actor: Actor) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeCsv(bytes, encoding);
  const batch = await createImportBatch({
    centerId,
    createdBy: actor.id,
    filename: file.name.slice(0, 200),
    encoding: decoded.encoding,
    content: decoded.text,
  });
  return batch.id;
}

export async function checkImport(batchId: string, centerId: string, now: Date) {
  const batch = await findImportBatch(batchId);
  if (!batch || batch.centerId !== centerId) httpError(404, "未找到该导入批次。");
  const { ctx } = await importContext(centerId, now);
  return { batch, check: checkStaffCsv(batch.content, ctx) };
}

/**
 * Imports a staged batch after re-validating it. `mode: "all"` refuses while any row is bad;
 * `mode: "good"` imports only the valid rows — the admin's explicit choice. One transaction.
 */
export async function commitImport(batchId: string, centerId: string, mode: "all" | "good", actor: Actor, ip: string, now: Date) {
  const { batch, check } = await checkImport(batchId, centerId, now);
  if (batch.status !== "pending") httpError(409, "该批次已处理，请重新上传文件。");
  if (!check.ok) httpError(400, check.fileError);
  if (mode === "all" && check.bad > 0) httpError(400, `有 ${check.bad} 行数据有误，不能全部导入。请修正后重新上传，或选择仅导入无误的行。`);
  const good = check.rows.filter((r) => r.row);
  if (good.length === 0) httpError(400, "没有可导入的行。");
  const { departments } = await importContext(centerId, now);
  const deptId = new Map(departments.map((d) => [d.name, d.id]));
  await db.$transaction(async (tx) => {
    if (!(await claimImportBatch(tx, batch.id, centerId, now))) httpError(409, "该批次已处理，请重新上传文件。");
    await tx.person.createMany({
      data: good.map(({ row }) => ({
        centerId,
        name: row!.name,
        idNumber: row!.idNumber,
        phone: row!.phone,
        staffRole: row!.staffRole,
        departmentId: row!.department ? (deptId.get(row!.department) ?? null) : null,
        hireDate: shanghaiDateToInstant(row!.hireDate),
      })),
    });
    await writeAudit(tx, {
      action: "staff.import",
      actor,
      centerId,
      target: batch.id,
      ip,
      detail: { filename: batch.filename, imported: good.length, skipped: check.bad, mode },
    });
  });
  return { imported: good.length, skipped: check.bad };
}

/** Drops a pending batch of the center (nothing was imported from it). */
export function discardImport(batchId: string, centerId: string, actor: AuditActor) {
  return discardImportBatch(batchId, centerId, actor, "staff");
}
