import type { Route } from "./+types/center-reports-export";
import { requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { certificationDashboard, dashboardWorkbook } from "~/features/reports/service.server";
import { formatDate } from "~/domain/time";

// Resource route: the dashboard as an .xlsx file.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:report:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const center = await db.center.findUniqueOrThrow({ where: { id: user.centerId } });
  const now = new Date();
  const body = await dashboardWorkbook(center.name, await certificationDashboard(center.id), now);
  const filename = encodeURIComponent(`持证情况-${center.name}-${formatDate(now)}.xlsx`);
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="report.xlsx"; filename*=UTF-8''${filename}`,
      "Cache-Control": "private, no-store",
    },
  });
}
