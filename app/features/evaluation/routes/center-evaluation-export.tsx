import type { Route } from "./+types/center-evaluation-export";
import { requireUserWithPermission } from "~/platform/auth.server";
import { centerNameOf, cycleWorkbook, requireCycle } from "~/features/evaluation/service.server";
import { httpError } from "~/platform/http.server";

// Resource route: Table C.1 of a cycle as an .xlsx file.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:evaluation:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const cycle = await requireCycle(params.cycleId, user.centerId);
  const centerName = await centerNameOf(user.centerId);
  const body = await cycleWorkbook(centerName, cycle, new Date());
  const filename = encodeURIComponent(`能力评价汇总表-${centerName}-${cycle.year}.xlsx`);
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="evaluation.xlsx"; filename*=UTF-8''${filename}`,
      "Cache-Control": "private, no-store",
    },
  });
}
