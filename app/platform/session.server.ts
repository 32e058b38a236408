import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { judgeSession, newSessionTimes } from "~/domain/session-policy";
import { isPlatformRole, type PlatformRole } from "~/domain/roles";
import { db } from "~/platform/db.server";

/** 20 random bytes = 160 bits of entropy, base32 for the cookie. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash is stored: a leaked sessions table does not give working cookies. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  centerId: string | null;
  centerName: string | null;
  personId: string | null;
  roles: PlatformRole[];
  mustChangePassword: boolean;
};

export async function createSession(userId: string, now: Date) {
  const token = generateSessionToken();
  const times = newSessionTimes(now);
  await db.session.create({ data: { id: sessionIdFromToken(token), userId, createdAt: now, ...times } });
  return { token, expiresAt: times.absoluteExpiresAt };
}

export async function validateSessionToken(token: string, now: Date): Promise<{ sessionId: string; user: SessionUser } | null> {
  const sessionId = sessionIdFromToken(token);
  const row = await db.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { roles: true, center: { select: { name: true } } } } },
  });
  if (!row) return null;
  const verdict = judgeSession(row, now);
  if (!verdict.valid || !row.user.active) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (verdict.touch) {
    await db.session.updateMany({ where: { id: sessionId }, data: verdict.touch });
  }
  const u = row.user;
  return {
    sessionId,
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      centerId: u.centerId,
      centerName: u.center?.name ?? null,
      personId: u.personId,
      roles: u.roles.map((r) => r.role).filter(isPlatformRole),
      mustChangePassword: u.mustChangePassword,
    },
  };
}

export async function invalidateSession(sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
}

// ---- cookie ----

export function isSecureRequest(request: Request): boolean {
  const proto = request.headers.get("x-zw-client-proto") ?? new URL(request.url).protocol.replace(":", "");
  return proto === "https";
}

export function sessionCookieName(request: Request): string {
  // The __Host- prefix pins the cookie to this host and path, but browsers accept it only over HTTPS.
  return isSecureRequest(request) ? "__Host-zw_session" : "zw_session";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const name = sessionCookieName(request);
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      const value = v.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const secure = isSecureRequest(request) ? "; Secure" : "";
  return `${sessionCookieName(request)}=${token}; HttpOnly; SameSite=Lax; Path=/; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearSessionCookie(request: Request): string {
  const secure = isSecureRequest(request) ? "; Secure" : "";
  return `${sessionCookieName(request)}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure}`;
}
