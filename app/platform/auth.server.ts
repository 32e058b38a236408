import { redirect } from "react-router";
import type { RouterContextProvider } from "react-router";
import { ACCOUNT_POLICY, ADDRESS_POLICY, lockedUntil, recordFailure, retryMessage, type ThrottlePolicy } from "~/domain/throttle";
import { canActOnCenter, hasPermission, type Permission } from "~/domain/permissions";
import { formatTime } from "~/domain/time";
import { audit } from "~/platform/audit.server";
import { authContext } from "~/platform/context";
import { db } from "~/platform/db.server";
import { dummyPasswordHash, verifyPassword } from "~/platform/password.server";
import { createSession, type SessionUser } from "~/platform/session.server";
import { httpError, pageUrl } from "~/platform/http.server";

type Ctx = Readonly<RouterContextProvider>;

export function getAuth(context: Ctx) {
  return context.get(authContext);
}

export function getOptionalUser(context: Ctx): SessionUser | null {
  return context.get(authContext).user;
}

/** The signed-in user, or a redirect to the login page that comes back here. */
export function requireUser(request: Request, context: Ctx): SessionUser {
  const user = getOptionalUser(context);
  const url = pageUrl(request);
  if (!user) {
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.mustChangePassword && url.pathname !== "/account/password") {
    throw redirect("/account/password?first=1");
  }
  return user;
}

async function deny(request: Request, context: Ctx, user: SessionUser, reason: string): Promise<never> {
  await audit({
    action: "access.denied",
    actor: user,
    target: pageUrl(request).pathname,
    ip: getAuth(context).clientAddress,
    detail: { method: request.method, reason },
  });
  httpError(403, "您没有访问此页面或执行此操作的权限。");
}

export async function requireUserWithPermission(request: Request, context: Ctx, permission: Permission): Promise<SessionUser> {
  const user = requireUser(request, context);
  if (!hasPermission(user.roles, permission)) await deny(request, context, user, `missing ${permission}`);
  return user;
}

/** Refuses (403, audited) unless the user may `action:entity` on a record of `recordCenterId`. */
export async function requireCenterAccess(
  request: Request,
  context: Ctx,
  user: SessionUser,
  action: string,
  entity: string,
  recordCenterId: string,
): Promise<void> {
  if (!canActOnCenter(user.roles, user.centerId, action, entity, recordCenterId)) {
    await deny(request, context, user, `${action}:${entity} outside own center`);
  }
}

/** Center an admin works on: their own, or for a platform admin the one in `?center=`. */
export function scopeCenterId(user: SessionUser, entity: string): string | null {
  if (hasPermission(user.roles, `read:${entity}:any`)) return null; // all centers
  return user.centerId;
}

// ---- login with throttling ----

async function loadThrottle(key: string) {
  return db.loginThrottle.findUnique({ where: { key } });
}

async function saveFailure(key: string, now: Date, policy: ThrottlePolicy) {
  const next = recordFailure(await loadThrottle(key), now, policy);
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  return next;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: { id: string; mustChangePassword: boolean } }
  | { ok: false; message: string; status: 401 | 429 };

export async function login(username: string, password: string, clientAddress: string, now: Date): Promise<LoginResult> {
  const accountKey = `account:${username.toLowerCase()}`;
  const addressKey = `ip:${clientAddress}`;
  const [accountState, addressState] = await Promise.all([loadThrottle(accountKey), loadThrottle(addressKey)]);
  const until = [lockedUntil(accountState, now), lockedUntil(addressState, now)]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) {
    await audit({ action: "auth.login_throttled", ip: clientAddress, target: username, at: now, centerId: null });
    return { ok: false, status: 429, message: retryMessage(until, now, formatTime) };
  }

  const user = await db.user.findUnique({ where: { username } });
  const valid = user
    ? user.active && (await verifyPassword(user.passwordHash, password))
    : (await verifyPassword(await dummyPasswordHash(), password), false);

  if (!valid || !user) {
    const [acc, addr] = await Promise.all([saveFailure(accountKey, now, ACCOUNT_POLICY), saveFailure(addressKey, now, ADDRESS_POLICY)]);
    await audit({
      action: "auth.login_failed",
      ip: clientAddress,
      target: username,
      at: now,
      centerId: user?.centerId ?? null,
      detail: { accountFailures: acc.failures, reason: user && !user.active ? "disabled" : "bad credentials" },
    });
    const left = ACCOUNT_POLICY.maxFailures - acc.failures;
    const message =
      user && !user.active
        ? "该账号已停用，请联系中心管理员。"
        : left > 0
          ? `账号或密码不正确。再错 ${left} 次将暂时锁定。`
          : retryMessage(acc.lockedUntil ?? addr.lockedUntil ?? now, now, formatTime);
    return { ok: false, status: left > 0 || (user && !user.active) ? 401 : 429, message };
  }

  await db.loginThrottle.deleteMany({ where: { key: accountKey } });
  const session = await createSession(user.id, now);
  await audit({
    action: "auth.login",
    actor: { id: user.id, displayName: user.displayName, centerId: user.centerId },
    ip: clientAddress,
    at: now,
  });
  return { ok: true, ...session, user: { id: user.id, mustChangePassword: user.mustChangePassword } };
}
