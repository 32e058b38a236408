import type { MiddlewareFunction } from "react-router";
import { audit } from "~/platform/audit.server";
import { authContext } from "~/platform/context";
import { ensureDbReady } from "~/platform/db.server";
import { readSessionToken, validateSessionToken } from "~/platform/session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must come from one of our own pages: its Origin must be this host
 * (or, without Origin, the browser must say Sec-Fetch-Site: same-origin). This covers pages,
 * data requests and resource routes alike, since every route sits under the root.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  const host = new URL(request.url).host;
  if (origin) {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return request.headers.get("sec-fetch-site") !== "same-origin";
}

const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export const securityMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  await ensureDbReady();
  const clientAddress = request.headers.get("x-zw-client-address") ?? "unknown";
  if (isCrossSiteRequest(request)) {
    await audit({
      action: "csrf.rejected",
      ip: clientAddress,
      target: new URL(request.url).pathname,
      detail: { method: request.method, origin: request.headers.get("origin") },
      centerId: null,
    });
    return new Response("跨站请求已被拒绝（403）。请从本站页面提交。", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS },
    });
  }
  const token = readSessionToken(request);
  const session = token ? await validateSessionToken(token, new Date()) : null;
  context.set(authContext, { user: session?.user ?? null, sessionId: session?.sessionId ?? null, clientAddress });
  const response = await next();
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(k)) response.headers.set(k, v);
  }
  if (!response.headers.has("Cache-Control") && session) response.headers.set("Cache-Control", "private, no-store");
  return response;
};
