// Shared steps of the service tests that run against the real test database.
import type { AuditActor } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpErrorOf } from "~/platform/http.server";

/** The status and message of the 4xx a service call refused with (fails if it did not refuse). */
export async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (e) {
    const err = httpErrorOf(e);
    if (err) return err;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** A user of the center with one platform role, as the actor of service calls. */
export async function user(centerId: string, username: string, role: string, personId?: string): Promise<AuditActor> {
  const u = await db.user.create({
    data: { username, displayName: username, passwordHash: "x", centerId, personId, roles: { create: { role } } },
  });
  return { id: u.id, displayName: u.displayName, centerId, ip: "127.0.0.1" };
}
