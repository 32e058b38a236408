import { redirect } from "react-router";
import type { Route } from "./+types/center-application-window";
import { requireSitting } from "~/features/sittings/index.server";
import { parseForm, actionOk, runAction } from "~/platform/forms.server";
import { WindowSchema } from "../schemas";
import { publishWindow } from "../service.server";

// The sitting page's 网上报名 form posts here; a plain visit goes back to the sitting page.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireSitting(request, context, params.sittingId, "read");
  return redirect(`/center/sittings/${params.sittingId}`);
}

const at = (local: string) => new Date(`${local}:00+08:00`);

export async function action({ request, context, params }: Route.ActionArgs) {
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "update");
  const p = await parseForm(request, WindowSchema);
  if (!p.ok) return p.response;
  return runAction(async () => {
    const r = await publishWindow(
      sitting,
      { opensAt: at(p.data.opensAt), closesAt: at(p.data.closesAt), seats: p.data.seats },
      actor,
      new Date(),
    );
    const moved = r.promoted.length ? `候补递补 ${r.promoted.length} 人：${r.promoted.join("、")}。` : "";
    return actionOk(`报名设置已保存。${moved}${r.stopped ?? ""}`);
  }, p.values);
}
