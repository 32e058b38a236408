import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { audit } from "~/platform/audit.server";
import { getAuth } from "~/platform/auth.server";
import { clearSessionCookie, invalidateSession } from "~/platform/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { sessionId, user, clientAddress } = getAuth(context);
  if (sessionId) await invalidateSession(sessionId);
  if (user) await audit({ action: "auth.logout", actor: user, ip: clientAddress });
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
