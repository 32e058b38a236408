import type { RouterContextProvider } from "react-router";
import { requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
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
  return { user, sitting };
}
