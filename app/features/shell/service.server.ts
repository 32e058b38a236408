// The home page's figures (reads only: the shell writes no table).
import { hasPermission } from "~/domain/permissions";
import { db } from "~/platform/db.server";
import type { SessionUser } from "~/platform/session.server";

/** Head counts the user's roles may see: their center's, and the platform's for a platform admin. */
export async function homeStats(user: Pick<SessionUser, "roles" | "centerId">) {
  const stats: { label: string; value: number }[] = [];
  if (hasPermission(user.roles, "read:staff:center") && user.centerId) {
    const [people, accounts, departments] = await Promise.all([
      db.person.count({ where: { centerId: user.centerId, active: true } }),
      db.user.count({ where: { centerId: user.centerId, active: true } }),
      db.department.count({ where: { centerId: user.centerId } }),
    ]);
    stats.push({ label: "在岗人员", value: people }, { label: "登录账号", value: accounts }, { label: "常驻部门", value: departments });
  }
  if (hasPermission(user.roles, "read:center:any")) {
    const [centers, people] = await Promise.all([db.center.count(), db.person.count()]);
    stats.push({ label: "政务服务中心", value: centers }, { label: "平台人员", value: people });
  }
  return stats;
}
