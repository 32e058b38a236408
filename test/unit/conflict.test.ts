import { describe, expect, it } from "vitest";
import { db, ensureDbReady } from "~/platform/db.server";
import { orConflict } from "~/platform/http.server";

describe("unique-key collisions become a 409, not a 500", () => {
  it("maps the adapter's unique violation (P2002) to a 409 with a Chinese message", async () => {
    await ensureDbReady();
    const username = `dup${Date.now()}`;
    const create = () => db.user.create({ data: { username, displayName: "重复", passwordHash: "x" } });
    await create();
    let thrown: unknown;
    try {
      await orConflict(create, "该账号已被使用");
    } catch (e) {
      thrown = e;
    }
    const t = thrown as { init?: { status?: number }; data?: { message?: string } };
    expect(t.init?.status).toBe(409);
    expect(t.data?.message).toBe("该账号已被使用");
  });

  it("lets other errors through unchanged", async () => {
    await expect(
      orConflict(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
  });
});
