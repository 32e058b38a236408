// Centers and their departments: the only writer of Center and Department. Each change and its
// audit entry share one transaction.
import { CENTER_KINDS, type CenterKind } from "~/domain/roles";
import { writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms";
import { httpError, orConflict } from "~/platform/http.server";
import type { SessionUser } from "~/platform/session.server";
import type { CenterInput, CenterSettings, PublicitySettings } from "./schemas";

type Actor = Pick<SessionUser, "id" | "displayName" | "centerId">;
type Refusal = { ok: false; status: 400 | 409; errors: FieldErrors };

/** Every center with its parent and head counts (platform admin). */
export async function listCenters() {
  const centers = await db.center.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: { parent: true, _count: { select: { people: true, users: true } } },
  });
  return centers.map((c) => ({
    id: c.id,
    name: c.name,
    code: c.code,
    kind: CENTER_KINDS[c.kind as CenterKind] ?? c.kind,
    parent: c.parent?.name ?? null,
    people: c._count.people,
    users: c._count.users,
  }));
}

export async function createCenter(input: CenterInput, actor: Actor, ip: string): Promise<{ ok: true; name: string } | Refusal> {
  if (input.parentId && !(await db.center.findUnique({ where: { id: input.parentId }, select: { id: true } }))) {
    return { ok: false, status: 400, errors: { parentId: "上级中心不存在" } };
  }
  const clash = await db.center.findFirst({ where: { OR: [{ name: input.name }, { code: input.code }] }, select: { id: true } });
  if (clash) return { ok: false, status: 409, errors: { name: "中心名称或代码已存在" } };
  const c = await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.center.create({ data: input });
        await writeAudit(tx, {
          action: "center.create",
          actor,
          centerId: created.id,
          target: created.id,
          ip,
          detail: { name: created.name },
        });
        return created;
      }),
    "中心名称或代码已存在。",
  );
  return { ok: true, name: c.name };
}

/** The name of a center, or a 404. */
export async function centerName(centerId: string): Promise<string> {
  const c = await db.center.findUnique({ where: { id: centerId }, select: { name: true } });
  if (!c) httpError(404, "未找到该中心。");
  return c.name;
}

/** The center's numbering codes (null while unset) and its part validity. */
export async function centerSettings(centerId: string) {
  return db.center.findUniqueOrThrow({
    where: { id: centerId },
    select: { certKind: true, certBodyCode: true, certProvince: true, certSite: true, partValidityMonths: true },
  });
}

export async function updateCenterSettings(centerId: string, settings: CenterSettings, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    await tx.center.update({ where: { id: centerId }, data: settings });
    await writeAudit(tx, { action: "center.settings", actor, target: centerId, ip, detail: settings });
  });
}

export function publicitySettings(centerId: string): Promise<PublicitySettings> {
  return db.center.findUniqueOrThrow({ where: { id: centerId }, select: { publicityDays: true, reviewDays: true } });
}

export async function updatePublicitySettings(centerId: string, settings: PublicitySettings, actor: Actor, ip: string) {
  await db.$transaction(async (tx) => {
    await tx.center.update({ where: { id: centerId }, data: settings });
    await writeAudit(tx, { action: "center.publicity_settings", actor, target: centerId, ip, detail: settings });
  });
}

export function departmentsOf(centerId: string) {
  return db.department.findMany({ where: { centerId }, orderBy: { name: "asc" } });
}

export async function departmentsWithHeadcount(centerId: string) {
  const departments = await db.department.findMany({
    where: { centerId },
    orderBy: { name: "asc" },
    include: { _count: { select: { people: true } } },
  });
  return departments.map((d) => ({ id: d.id, name: d.name, people: d._count.people }));
}

/** Refuses (400) a department that is not one of the center's. */
export async function assertDepartmentInCenter(departmentId: string | null, centerId: string) {
  if (!departmentId) return;
  const d = await db.department.findUnique({ where: { id: departmentId }, select: { centerId: true } });
  if (!d || d.centerId !== centerId) httpError(400, "所选部门不属于本中心。");
}

export async function createDepartment(centerId: string, name: string, actor: Actor, ip: string): Promise<{ ok: true } | Refusal> {
  const exists = await db.department.findUnique({ where: { centerId_name: { centerId, name } }, select: { id: true } });
  if (exists) return { ok: false, status: 409, errors: { name: "本中心已有同名部门" } };
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const d = await tx.department.create({ data: { centerId, name } });
        await writeAudit(tx, { action: "department.create", actor, target: d.id, ip, detail: { name: d.name } });
      }),
    "本中心已有同名部门。",
  );
  return { ok: true };
}
