import type { Route } from "./+types/bank-analysis-export";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { AnalysisFilterSchema, analysisExport } from "../service/analysis.server";

// Resource route: the item analysis (same filters as /bank/analysis) as an .xlsx file.
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:bank:any");
  const filter = AnalysisFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) httpError(400, `查询条件有误：${filter.error.issues[0]?.message ?? "请检查筛选条件"}。`);
  const { body, filename } = await analysisExport(filter.data, new Date());
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="item-analysis.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
