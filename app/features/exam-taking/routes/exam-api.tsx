import type { Route } from "./+types/exam-api";
import { getAuth } from "~/platform/auth.server";
import { examApi } from "../api.server";
import { examRequestOf } from "../service.server";

// The exam page's JSON API (state, claim, save, submit, paper, sign-in). In production the server
// answers these paths before React Router (server.js); this route serves them in development and
// behind any other server.

async function answer(request: Request, clientAddress: string) {
  const url = new URL(request.url);
  const body = request.method === "POST" ? await request.text() : null;
  const r = await examApi(request.method, url.pathname, examRequestOf(request, clientAddress), body);
  return new Response(typeof r.body === "string" ? r.body : new Uint8Array(r.body), { status: r.status, headers: r.headers });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  return answer(request, getAuth(context).clientAddress);
}

export async function action({ request, context }: Route.ActionArgs) {
  return answer(request, getAuth(context).clientAddress);
}
