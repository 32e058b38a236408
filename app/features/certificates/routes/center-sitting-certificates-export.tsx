import type { Route } from "./+types/center-sitting-certificates-export";
import { requireSitting } from "~/features/sittings/index.server";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { registryFormatSchema } from "../schemas";
import { registryExport } from "../service/registry.server";

// Resource route: the sitting's certificates as the registry's file (?format=xlsx|csv-utf8|csv-gbk).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:certificate:center");
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "read");
  const parsed = registryFormatSchema.safeParse({ format: new URL(request.url).searchParams.get("format") ?? "xlsx" });
  if (!parsed.success) httpError(400, parsed.error.issues[0].message);
  const { body, filename, contentType } = await registryExport(sitting.id, parsed.data.format, actor, new Date());
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="certificates.${parsed.data.format === "xlsx" ? "xlsx" : "csv"}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
