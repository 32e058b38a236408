import type { RouterContextProvider } from "react-router";
import { canActOnCenter } from "~/domain/permissions";
import { audit, type AuditActor } from "~/platform/audit.server";
import { getAuth, requireUser, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { loadGroupForScoring, requireGroupMember, sittingWithExaminers } from "~/features/skill-scoring/service.server";

type Ctx = Readonly<RouterContextProvider>;

/** An examiner (or the chief) of this very group, with the group and its paper; 403 for anyone else. */
export async function requireGroupScorer(request: Request, context: Ctx, groupId: string, asChief = false) {
  const user = await requireUserWithPermission(request, context, asChief ? "review:scoring:center" : "read:scoring:center");
  const ip = getAuth(context).clientAddress;
  const member = await requireGroupMember(groupId, user, asChief);
  if (!member) {
    await audit({
      action: "access.denied",
      actor: user,
      target: `group:${groupId}`,
      ip,
      detail: { reason: asChief ? "not chief of group" : "not in group" },
    });
    httpError(403, asChief ? "您不是该考评组的考评组长。" : "您不在该考评组中，不能查看或评分。");
  }
  const loaded = await loadGroupForScoring(groupId);
  const actor: AuditActor = { ...user, ip };
  return { user, actor, member, loaded, ...loaded };
}

/** Who may read a sitting's scoring trail: the center's admin, and the chief examiners of this sitting. */
export async function requireScoreAuditReader(request: Request, context: Ctx, sittingId: string) {
  const user = requireUser(request, context);
  const sitting = await sittingWithExaminers(sittingId);
  if (!sitting) httpError(404, "未找到该场次。");
  const admin = canActOnCenter(user.roles, user.centerId, "read", "audit", sitting.centerId);
  const chief = sitting.groups.some((g) => g.examiners.some((e) => e.userId === user.id && e.isChief));
  if (!admin && !chief) {
    await audit({ action: "access.denied", actor: user, target: `score-audit:${sitting.id}`, ip: getAuth(context).clientAddress });
    httpError(403, "只有中心管理员和本场考评组长可以查看评分记录。");
  }
  return { user, sitting, admin };
}
