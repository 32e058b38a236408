// Accounts: the only writer of User and UserRole. Every change and its audit entry share one
// transaction; a change that ends the account's sessions ends them right after it commits.
// The login flow itself (throttling, sessions) lives in app/platform/auth.server.ts.
import { CENTER_GRANTABLE_ROLES, type PlatformRole } from "~/domain/roles";
import { writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms";
import { httpError, orConflict } from "~/platform/http.server";
import { hashPassword, verifyPassword } from "~/platform/password.server";
import { createSession, invalidateUserSessions, type SessionUser } from "~/platform/session.server";
import type { Prisma } from "~/generated/prisma/client";

type Actor = Pick<SessionUser, "id" | "displayName" | "centerId" | "roles">;

/** A refusal tied to fields of the form (shown next to them), with the status to answer. */
export type FieldRefusal = { ok: false; status: 400 | 409; errors: FieldErrors };

/** The roles this actor may grant or take away: platform_admin only by a platform admin. */
export function grantableRoles(actor: Pick<SessionUser, "roles">): PlatformRole[] {
  return actor.roles.includes("platform_admin") ? [...CENTER_GRANTABLE_ROLES, "platform_admin"] : [...CENTER_GRANTABLE_ROLES];
}

async function usernameTaken(username: string) {
  return !!(await db.user.findUnique({ where: { username }, select: { id: true } }));
}

/** Opens the login account of a person, who must change the initial password at first login. */
export async function openAccount(
  person: { id: string; name: string; centerId: string },
  input: { username: string; password: string; roles: PlatformRole[] },
  actor: Actor,
  ip: string,
): Promise<{ ok: true } | FieldRefusal> {
  const allowed = grantableRoles(actor);
  if (input.roles.some((r) => !allowed.includes(r))) httpError(403, "您不能授予该角色。");
  if (await usernameTaken(input.username)) return { ok: false, status: 409, errors: { username: "该账号已被使用" } };
  if (await db.user.findUnique({ where: { personId: person.id }, select: { id: true } })) httpError(409, "该人员已有账号");
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
        await writeAudit(tx, {
          action: "account.create",
          actor,
          centerId: person.centerId,
          target: u.id,
          ip,
          detail: { username: u.username, roles: input.roles },
        });
      }),
    "该账号已被使用，或该人员已有账号。",
  );
  return { ok: true };
}

/** Opens a center's admin account (no person record): a platform admin's first step for a new center. */
export async function openCenterAdmin(
  input: { centerId: string; displayName: string; username: string; password: string },
  actor: Actor,
  ip: string,
): Promise<{ ok: true; centerName: string; username: string } | FieldRefusal> {
  const center = await db.center.findUnique({ where: { id: input.centerId }, select: { id: true, name: true } });
  if (!center) return { ok: false, status: 400, errors: { centerId: "中心不存在" } };
  if (await usernameTaken(input.username)) return { ok: false, status: 409, errors: { username: "该账号已被使用" } };
  const passwordHash = await hashPassword(input.password);
  const u = await orConflict(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            username: input.username,
            displayName: input.displayName,
            passwordHash,
            mustChangePassword: true,
            centerId: center.id,
            roles: { create: [{ role: "center_admin" }] },
          },
        });
        await writeAudit(tx, {
          action: "account.create",
          actor,
          centerId: center.id,
          target: created.id,
          ip,
          detail: { username: created.username, roles: ["center_admin"] },
        });
        return created;
      }),
    "该账号已被使用。",
  );
  return { ok: true, centerName: center.name, username: u.username };
}

/** Replaces an account's roles; roles the actor cannot grant are neither granted nor taken away. */
export async function setRoles(
  userId: string,
  centerId: string,
  roles: PlatformRole[],
  actor: Actor,
  ip: string,
): Promise<{ ok: true } | FieldRefusal> {
  const allowed = grantableRoles(actor);
  if (roles.some((r) => !allowed.includes(r))) httpError(403, "您不能授予该角色。");
  if (userId === actor.id && actor.roles.includes("center_admin") && !roles.includes("center_admin")) {
    return { ok: false, status: 400, errors: { roles: "不能取消自己的中心管理员角色" } };
  }
  await db.$transaction(async (tx) => {
    const current = await tx.userRole.findMany({ where: { userId } });
    // A center admin may neither grant nor take away a role they cannot grant (platform_admin).
    const untouchable = current.map((r) => r.role as PlatformRole).filter((r) => !allowed.includes(r));
    const next = [...new Set([...roles, ...untouchable])];
    await tx.userRole.deleteMany({ where: { userId } });
    await tx.userRole.createMany({ data: next.map((role) => ({ userId, role })) });
    await writeAudit(tx, {
      action: "account.roles",
      actor,
      centerId,
      target: userId,
      ip,
      detail: { from: current.map((r) => r.role), to: next },
    });
  });
  return { ok: true };
}

/** Sets a new initial password; every session of the account ends and the next login must change it. */
export async function resetPassword(userId: string, centerId: string, password: string, actor: Actor, ip: string) {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    await writeAudit(tx, { action: "account.reset_password", actor, centerId, target: userId, ip });
  });
  await invalidateUserSessions(userId);
}

/** Enables or disables an account (never one's own); disabling ends its sessions. */
export async function setAccountActive(userId: string, centerId: string, active: boolean, actor: Actor, ip: string) {
  if (userId === actor.id) httpError(400, "不能停用自己的账号");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { active } });
    await writeAudit(tx, { action: active ? "account.enable" : "account.disable", actor, centerId, target: userId, ip });
  });
  if (!active) await invalidateUserSessions(userId);
}

/**
 * The signed-in user changes their own password. Every session of the account ends, this one
 * included; the new session returned replaces it.
 */
export async function changeOwnPassword(
  user: SessionUser,
  input: { current: string; next: string },
  ip: string,
  now: Date,
): Promise<{ ok: true; token: string; expiresAt: Date } | FieldRefusal> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, input.current))) return { ok: false, status: 400, errors: { current: "当前密码不正确" } };
  const passwordHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await writeAudit(tx, { action: "auth.password_changed", actor: user, ip, at: now });
  });
  await invalidateUserSessions(user.id);
  return { ok: true, ...(await createSession(user.id, now)) };
}

/**
 * The account's display name follows its person's name: called by the staff service inside the
 * transaction that renames the person (whose audit entry covers both).
 */
export async function renameAccountOf(tx: Prisma.TransactionClient, personId: string, displayName: string) {
  await tx.user.updateMany({ where: { personId }, data: { displayName } });
}
