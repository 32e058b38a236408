import { maskIdNumber } from "~/domain/id-number";
import { CENTER_GRANTABLE_ROLES, PLATFORM_ROLE_LABELS, type PlatformRole } from "~/domain/roles";
import { checkStaffCsv, type CsvEncoding, decodeCsv } from "~/domain/staff-import";
import { formatDate, shanghaiDateToInstant, shanghaiToday } from "~/domain/time";
import { audit, auditRecord } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { hashPassword } from "~/platform/password.server";
import { invalidateUserSessions, type SessionUser } from "~/platform/session.server";

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

export async function departmentsOf(centerId: string) {
  return db.department.findMany({ where: { centerId }, orderBy: { name: "asc" } });
}

export async function assertDepartmentInCenter(departmentId: string | null, centerId: string) {
  if (!departmentId) return;
  const d = await db.department.findUnique({ where: { id: departmentId } });
  if (!d || d.centerId !== centerId) httpError(400, "所选部门不属于本中心。");
}

export async function idNumberTaken(idNumber: string, exceptPersonId?: string) {
  const p = await db.person.findUnique({ where: { idNumber }, select: { id: true } });
  return !!p && p.id !== exceptPersonId;
}

type PersonInput = {
  name: string;
  idNumber: string;
  phone: string;
  staffRole: string;
  departmentId: string | null;
  hireDate: string;
};

export async function createPerson(centerId: string, input: PersonInput, actor: SessionUser, ip: string) {
  await assertDepartmentInCenter(input.departmentId, centerId);
  const person = await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const p = await tx.person.create({
          data: { ...input, centerId, hireDate: shanghaiDateToInstant(input.hireDate) },
        });
        await tx.auditLog.create({
          data: auditRecord({ action: "staff.create", actor, centerId, target: p.id, ip, detail: { name: p.name } }),
        });
        return p;
      }),
    "该身份证号已登记。",
  );
  return person;
}

export async function updatePerson(personId: string, centerId: string, input: PersonInput, actor: SessionUser, ip: string) {
  await assertDepartmentInCenter(input.departmentId, centerId);
  const before = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const changed = Object.entries(input)
    .filter(([k, v]) => {
      const old = k === "hireDate" ? (before.hireDate ? formatDate(before.hireDate) : null) : (before as Record<string, unknown>)[k];
      return old !== v;
    })
    .map(([k]) => k);
  await db.$transaction([
    db.person.update({ where: { id: personId }, data: { ...input, hireDate: shanghaiDateToInstant(input.hireDate) } }),
    db.auditLog.create({ data: auditRecord({ action: "staff.update", actor, centerId, target: personId, ip, detail: { changed } }) }),
  ]);
  // The account's display name follows the person's name.
  await db.user.updateMany({ where: { personId }, data: { displayName: input.name } });
}

export function grantableRoles(actor: SessionUser): PlatformRole[] {
  return actor.roles.includes("platform_admin") ? [...CENTER_GRANTABLE_ROLES, "platform_admin"] : [...CENTER_GRANTABLE_ROLES];
}

export async function createAccount(
  person: { id: string; name: string; centerId: string },
  input: { username: string; password: string; roles: PlatformRole[] },
  actor: SessionUser,
  ip: string,
) {
  const allowed = grantableRoles(actor);
  if (input.roles.some((r) => !allowed.includes(r))) httpError(403, "您不能授予该角色。");
  if (await db.user.findUnique({ where: { username: input.username } })) {
    return { ok: false as const, errors: { username: "该账号已被使用" } };
  }
  if (await db.user.findUnique({ where: { personId: person.id } })) {
    return { ok: false as const, errors: { _form: "该人员已有账号" } };
  }
  const passwordHash = await hashPassword(input.password);
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const u = await tx.user.create({
          data: {
            username: input.username,
            displayName: person.name,
            passwordHash,
            mustChangePassword: true,
            centerId: person.centerId,
            personId: person.id,
            roles: { create: input.roles.map((role) => ({ role })) },
          },
        });
        await tx.auditLog.create({
          data: auditRecord({
            action: "account.create",
            actor,
            centerId: person.centerId,
            target: u.id,
            ip,
            detail: { username: u.username, roles: input.roles },
          }),
        });
      }),
    "该账号已被使用，或该人员已有账号。",
  );
  return { ok: true as const };
}

export async function setRoles(userId: string, centerId: string, roles: PlatformRole[], actor: SessionUser, ip: string) {
  const allowed = grantableRoles(actor);
  const current = await db.userRole.findMany({ where: { userId } });
  // A center admin may neither grant nor take away a role they cannot grant (platform_admin).
  const untouchable = current.map((r) => r.role as PlatformRole).filter((r) => !allowed.includes(r));
  if (roles.some((r) => !allowed.includes(r))) httpError(403, "您不能授予该角色。");
  if (userId === actor.id && actor.roles.includes("center_admin") && !roles.includes("center_admin")) {
    return { ok: false as const, errors: { roles: "不能取消自己的中心管理员角色" } };
  }
  const next = [...new Set([...roles, ...untouchable])];
  await db.$transaction([
    db.userRole.deleteMany({ where: { userId } }),
    db.userRole.createMany({ data: next.map((role) => ({ userId, role })) }),
    db.auditLog.create({
      data: auditRecord({
        action: "account.roles",
        actor,
        centerId,
        target: userId,
        ip,
        detail: { from: current.map((r) => r.role), to: next },
      }),
    }),
  ]);
  return { ok: true as const };
}

export async function resetPassword(userId: string, centerId: string, password: string, actor: SessionUser, ip: string) {
  const passwordHash = await hashPassword(password);
  await db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
  await invalidateUserSessions(userId);
  await audit({ action: "account.reset_password", actor, centerId, target: userId, ip });
}

export async function setAccountActive(userId: string, centerId: string, active: boolean, actor: SessionUser, ip: string) {
  if (userId === actor.id) return { ok: false as const, errors: { _form: "不能停用自己的账号" } };
  await db.user.update({ where: { id: userId }, data: { active } });
  if (!active) await invalidateUserSessions(userId);
  await audit({ action: active ? "account.enable" : "account.disable", actor, centerId, target: userId, ip });
  return { ok: true as const };
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

export async function stageImport(centerId: string, file: File, encoding: CsvEncoding, actor: SessionUser) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeCsv(bytes, encoding);
  const batch = await db.importBatch.create({
    data: { centerId, createdBy: actor.id, filename: file.name.slice(0, 200), encoding: decoded.encoding, content: decoded.text },
  });
  return batch.id;
}

export async function checkImport(batchId: string, centerId: string, now: Date) {
  const batch = await db.importBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.centerId !== centerId) httpError(404, "未找到该导入批次。");
  const { ctx } = await importContext(centerId, now);
  return { batch, check: checkStaffCsv(batch.content, ctx) };
}

/**
 * Imports a staged batch after re-validating it. `mode: "all"` refuses while any row is bad;
 * `mode: "good"` imports only the valid rows — the admin's explicit choice. One transaction.
 */
export async function commitImport(batchId: string, centerId: string, mode: "all" | "good", actor: SessionUser, ip: string, now: Date) {
  const { batch, check } = await checkImport(batchId, centerId, now);
  if (batch.status !== "pending") httpError(409, "该批次已处理，请重新上传文件。");
  if (!check.ok) httpError(400, check.fileError);
  if (mode === "all" && check.bad > 0) httpError(400, `有 ${check.bad} 行数据有误，不能全部导入。请修正后重新上传，或选择仅导入无误的行。`);
  const good = check.rows.filter((r) => r.row);
  if (good.length === 0) httpError(400, "没有可导入的行。");
  const { departments } = await importContext(centerId, now);
  const deptId = new Map(departments.map((d) => [d.name, d.id]));
  await db.$transaction(async (tx) => {
    const claimed = await tx.importBatch.updateMany({
      where: { id: batch.id, status: "pending" },
      data: { status: "imported", importedAt: now },
    });
    if (claimed.count !== 1) httpError(409, "该批次已处理，请重新上传文件。");
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
    await tx.auditLog.create({
      data: auditRecord({
        action: "staff.import",
        actor,
        centerId,
        target: batch.id,
        ip,
        detail: { filename: batch.filename, imported: good.length, skipped: check.bad, mode },
      }),
    });
  });
  return { imported: good.length, skipped: check.bad };
}
