import type { RouterContextProvider } from "react-router";
import { audit } from "~/platform/audit.server";
import { canActOnCenter } from "~/domain/permissions";
import { getAuth, requireCenterAccess, requireUser, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";

/** A sitting of the user's center, with `action` permission on sittings; 404 if it (or its kind) does not match. */
export async function requireSitting(
  request: Request,
  context: Readonly<RouterContextProvider>,
  sittingId: string,
  action: "read" | "update",
  kind?: "skill",
) {
  const user = await requireUserWithPermission(request, context, `${action}:sitting:center`);
  const sitting = await db.sitting.findUnique({ where: { id: sittingId } });
  if (!sitting || (kind && sitting.kind !== kind)) httpError(404, kind === "skill" ? "未找到该技能考核场次。" : "未找到该考试场次。");
  await requireCenterAccess(request, context, user, action, "sitting", sitting.centerId);
  return { user, sitting, actor: { ...user, ip: getAuth(context).clientAddress } };
}

/**
 * A room the user may see (`read`) or run (`update`): proctors only the rooms they are assigned
 * to; a center admin any room of the center. Anything else is a 403, audited.
 */
export async function requireRoom(request: Request, context: Readonly<RouterContextProvider>, roomId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:room:center`);
  const room = await db.room.findUnique({ where: { id: roomId }, include: { sitting: true, proctors: true } });
  if (!room) httpError(404, "未找到该考场。");
  const assigned = room.proctors.some((p) => p.userId === user.id);
  const adminOfCenter = user.roles.includes("center_admin") && user.centerId === room.sitting.centerId;
  if (!assigned && !adminOfCenter) {
    await audit({
      action: "access.denied",
      actor: user,
      target: `room:${room.id}`,
      ip: getAuth(context).clientAddress,
      detail: { reason: "not assigned to room" },
    });
    httpError(403, "您未被指派监考该考场。");
  }
  return { user, room, actor: { ...user, ip: getAuth(context).clientAddress } };
}

/**
 * A room's printed seating chart or sign-in sheet: its own proctors, or whoever may read the
 * sittings of its center (the center's admins, who prepare the rooms). Anything else is a 403, audited.
 */
export async function requireRoomSheet(request: Request, context: Readonly<RouterContextProvider>, roomId: string) {
  const user = requireUser(request, context);
  const room = await db.room.findUnique({ where: { id: roomId }, include: { sitting: true, proctors: true } });
  if (!room) httpError(404, "未找到该考场。");
  const assigned = room.proctors.some((p) => p.userId === user.id) && user.roles.includes("proctor");
  if (!assigned && !canActOnCenter(user.roles, user.centerId, "read", "sitting", room.sitting.centerId)) {
    await audit({
      action: "access.denied",
      actor: user,
      target: `room:${room.id}`,
      ip: getAuth(context).clientAddress,
      detail: { reason: "room sheet: not assigned to room" },
    });
    httpError(403, "您未被指派监考该考场。");
  }
  return { user, room };
}
