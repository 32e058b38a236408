import { redirect } from "react-router";
import type { Route } from "./+types/index";
import { getOptionalUser } from "~/platform/auth.server";

export async function loader({ context }: Route.LoaderArgs) {
  return redirect(getOptionalUser(context) ? "/home" : "/login");
}
