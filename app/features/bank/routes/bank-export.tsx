import type { Route } from "./+types/bank-export";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { bankExport } from "../service/review.server";

const TYPES = {
  zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

// Resource route: the bank as it is on disk, as a QTI 3.0 package (/bank/export.zip) or as the
// xlsx template (/bank/export.xlsx; ?empty=1 for the blank template with its instructions).
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:bank:any");
  const url = new URL(request.url);
  const format = url.pathname.endsWith(".zip") ? "zip" : "xlsx";
  const empty = url.searchParams.get("empty") === "1";
  if (empty && format !== "xlsx") httpError(400, "空模板只有 xlsx 格式。");
  const { body, filename } = await bankExport(format, { empty, now: new Date() });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="bank.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
