import { beforeAll, describe, expect, it } from "vitest";
import { ABSOLUTE_MS, IDLE_MS, judgeSession, newSessionTimes, TOUCH_INTERVAL_MS } from "~/domain/session-policy";
import { db, ensureDbReady } from "~/platform/db.server";
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  sessionCookie,
  sessionIdFromToken,
  validateSessionToken,
} from "~/platform/session.server";
import { isCrossSiteRequest } from "~/platform/middleware.server";

describe("session tokens", () => {
  it("are 32 base32 characters (160 bits) and unique", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it("are stored only as their SHA-256", () => {
    const id = sessionIdFromToken("abc");
    expect(id).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("session lifetimes", () => {
  const t0 = new Date("2026-11-22T00:00:00Z");
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it("expires after the idle time without use", () => {
    const s = newSessionTimes(t0);
    expect(judgeSession(s, plus(IDLE_MS - 1)).valid).toBe(true);
    expect(judgeSession(s, plus(IDLE_MS)).valid).toBe(false);
  });

  it("extends the idle expiry on use, but never past the absolute expiry", () => {
    let s = newSessionTimes(t0);
    let now = t0;
    for (let i = 0; i < 20; i++) {
      now = new Date(now.getTime() + IDLE_MS - 60_000);
      const v = judgeSession(s, now);
      if (!v.valid) break;
      if (v.touch) s = v.touch;
      expect(s.idleExpiresAt.getTime()).toBeLessThanOrEqual(s.absoluteExpiresAt.getTime());
    }
    expect(judgeSession(s, plus(ABSOLUTE_MS)).valid).toBe(false);
  });

  it("does not write on every request", () => {
    const s = newSessionTimes(t0);
    const v = judgeSession(s, plus(TOUCH_INTERVAL_MS - 1));
    expect(v.valid && v.touch).toBeNull();
    const w = judgeSession(s, plus(TOUCH_INTERVAL_MS));
    expect(w.valid && w.touch).not.toBeNull();
  });
});

describe("sessions in the database", () => {
  let userId: string;
  beforeAll(async () => {
    await ensureDbReady();
    const u = await db.user.create({
      data: { username: `s${Date.now()}`, displayName: "会话测试", passwordHash: "x", roles: { create: [{ role: "candidate" }] } },
    });
    userId = u.id;
  });

  it("validates a new session and never stores the token", async () => {
    const now = new Date();
    const { token } = await createSession(userId, now);
    const row = await db.session.findUnique({ where: { id: sessionIdFromToken(token) } });
    expect(row).not.toBeNull();
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const v = await validateSessionToken(token, now);
    expect(v?.user.id).toBe(userId);
    expect(v?.user.roles).toEqual(["candidate"]);
  });

  it("rejects and deletes an idle-expired session", async () => {
    const now = new Date();
    const { token } = await createSession(userId, now);
    expect(await validateSessionToken(token, new Date(now.getTime() + IDLE_MS + 1))).toBeNull();
    expect(await db.session.findUnique({ where: { id: sessionIdFromToken(token) } })).toBeNull();
  });

  it("invalidates one session at logout and all at password change", async () => {
    const now = new Date();
    const a = await createSession(userId, now);
    const b = await createSession(userId, now);
    await invalidateSession(sessionIdFromToken(a.token));
    expect(await validateSessionToken(a.token, now)).toBeNull();
    expect(await validateSessionToken(b.token, now)).not.toBeNull();
    await invalidateUserSessions(userId);
    expect(await validateSessionToken(b.token, now)).toBeNull();
  });

  it("rejects a disabled account's sessions", async () => {
    const now = new Date();
    const { token } = await createSession(userId, now);
    await db.user.update({ where: { id: userId }, data: { active: false } });
    expect(await validateSessionToken(token, now)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { active: true } });
  });
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, Secure with the __Host- prefix only over HTTPS", () => {
    const http = new Request("http://localhost:3000/");
    const c = sessionCookie(http, "t".repeat(32), new Date("2026-11-23T00:00:00Z"));
    expect(c).toContain("HttpOnly");
    expect(c).toContain("SameSite=Lax");
    expect(c).not.toContain("Secure");
    const https = new Request("https://zw.example.gov.cn/");
    const s = sessionCookie(https, "t".repeat(32), new Date("2026-11-23T00:00:00Z"));
    expect(s).toMatch(/^__Host-zw_session=/);
    expect(s).toContain("; Secure");
  });

  it("reads only a well-formed token", () => {
    const ok = "abcdefghijklmnopqrstuvwxyz234567";
    expect(readSessionToken(new Request("http://x/", { headers: { cookie: `a=1; zw_session=${ok}` } }))).toBe(ok);
    expect(readSessionToken(new Request("http://x/", { headers: { cookie: "zw_session=../../etc" } }))).toBeNull();
  });
});

describe("cross-site request check", () => {
  const post = (headers: Record<string, string>) => new Request("http://zw.local/center/staff/new", { method: "POST", headers });
  it("allows GET and same-origin POST", () => {
    expect(isCrossSiteRequest(new Request("http://zw.local/x"))).toBe(false);
    expect(isCrossSiteRequest(post({ origin: "http://zw.local" }))).toBe(false);
    expect(isCrossSiteRequest(post({ "sec-fetch-site": "same-origin" }))).toBe(false);
  });
  it("rejects other origins, malformed origins and POSTs that say nothing", () => {
    expect(isCrossSiteRequest(post({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://zw.local.evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(post({}))).toBe(true);
    expect(isCrossSiteRequest(post({ "sec-fetch-site": "cross-site" }))).toBe(true);
  });
});
