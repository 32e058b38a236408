import { data } from "react-router";

/** A thrown 4xx with a Chinese message that the error boundary shows. */
export function httpError(status: 400 | 403 | 404 | 409 | 413 | 429, message: string): never {
  throw data({ message }, { status });
}

/**
 * The page URL a request is for. Client navigations fetch `/path.data?_routes=…`; rules that
 * look at the path (redirect targets, placeholder lookup) must see `/path?…` instead.
 */
export function pageUrl(request: Request): URL {
  const url = new URL(request.url);
  if (url.pathname.endsWith(".data")) {
    url.pathname = url.pathname.slice(0, -".data".length) || "/";
    if (url.pathname === "/_root") url.pathname = "/";
  }
  url.searchParams.delete("_routes");
  return url;
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

/**
 * Runs a write that a concurrent request could collide with on a unique key (two admins
 * registering the same people at once): the loser gets a 409 with a Chinese message, not a 500.
 */
export async function orConflict<T>(work: () => Promise<T>, message = "数据已被他人同时修改或已存在，请刷新页面后重试。"): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) httpError(409, message);
    throw e;
  }
}

/** The status and message of an `httpError`, so a form can show it in place instead of the error page. */
export function httpErrorOf(e: unknown): { status: number; message: string } | null {
  if (typeof e !== "object" || e === null || (e as { type?: string }).type !== "DataWithResponseInit") return null;
  const d = e as { data: { message?: unknown }; init: ResponseInit | null };
  return typeof d.data?.message === "string" ? { status: d.init?.status ?? 400, message: d.data.message } : null;
}
