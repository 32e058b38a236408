import type { RouterContextProvider } from "react-router";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { loadGroupForScoring, requireGroupMember } from "~/features/skill-scoring/service.server";

/** An examiner (or the chief) of this very group, with the group and its paper; 403 for anyone else. */
export async function requireGroupScorer(request: Request, context: Readonly<RouterContextProvider>, groupId: string, asChief = false) {
  const user = await requireUserWithPermission(request, context, asChief ? "review:scoring:center" : "read:scoring:center");
  const member = await requireGroupMember(groupId, user, asChief);
  if (!member) {
    await audit({
      action: "access.denied",
      actor: user,
      target: `group:${groupId}`,
      ip: getAuth(context).clientAddress,
      detail: { reason: asChief ? "not chief of group" : "not in group" },
    });
    httpError(403, asChief ? "您不是该考评组的考评组长。" : "您不在该考评组中，不能查看或评分。");
  }
  const loaded = await loadGroupForScoring(groupId);
  return { user, member, ...loaded };
}
