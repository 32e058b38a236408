import type { Route } from "./+types/center-reports-export";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { dashboardExport } from "../service.server";

// Resource route: the dashboard as an .xlsx file.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:report:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const { body, filename } = await dashboardExport(user.centerId, new Date());
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
