import { describe, expect, it } from "vitest";
import { canActOnCenter, hasPermission } from "~/domain/permissions";
import { normalizeStaffRole, STAFF_ROLES } from "~/domain/roles";
import { navFor } from "~/features/shell";

describe("permissions", () => {
  it("grants center admins staff management in their center only", () => {
    expect(hasPermission(["center_admin"], "read:staff:center")).toBe(true);
    expect(hasPermission(["center_admin"], "read:staff:any")).toBe(false);
    expect(canActOnCenter(["center_admin"], "c1", "update", "staff", "c1")).toBe(true);
    expect(canActOnCenter(["center_admin"], "c1", "update", "staff", "c2")).toBe(false);
    expect(canActOnCenter(["center_admin"], null, "update", "staff", "c1")).toBe(false);
  });

  it("lets `any` access imply `center` and `own`, never the reverse", () => {
    expect(hasPermission(["platform_admin"], "read:staff:center")).toBe(true);
    expect(hasPermission(["platform_admin"], "read:staff:own")).toBe(true);
    expect(canActOnCenter(["platform_admin"], null, "read", "staff", "c9")).toBe(true);
    expect(hasPermission(["candidate"], "read:exam:own")).toBe(true);
    expect(hasPermission(["candidate"], "read:exam:center")).toBe(false);
  });

  it("keeps candidates and trainers out of staff administration", () => {
    for (const role of ["candidate", "proctor", "examiner", "chief_examiner", "trainer"] as const) {
      expect(hasPermission([role], "read:staff:center"), role).toBe(false);
      expect(hasPermission([role], "update:account:center"), role).toBe(false);
    }
  });

  it("combines roles of a multi-role account", () => {
    expect(hasPermission(["examiner"], "review:scoring:center")).toBe(false);
    expect(hasPermission(["examiner", "chief_examiner"], "review:scoring:center")).toBe(true);
  });

  it("builds navigation from permissions and hides center pages from centerless platform admins", () => {
    const labels = (roles: Parameters<typeof navFor>[0], hasCenter: boolean) =>
      navFor(roles, hasCenter).flatMap((g) => g.items.map((i) => i.label));
    expect(labels(["candidate"], true)).toContain("我的考试");
    expect(labels(["candidate"], true)).not.toContain("人员管理");
    expect(labels(["center_admin"], true)).toContain("人员管理");
    expect(labels(["platform_admin"], false)).toEqual(expect.arrayContaining(["中心管理", "全平台日志"]));
    expect(labels(["platform_admin"], false)).not.toContain("操作日志");
  });
});

describe("staff roles (seed 001)", () => {
  it("has the six roles", () => {
    expect(STAFF_ROLES).toHaveLength(6);
  });
  it("normalises common spellings", () => {
    expect(normalizeStaffRole("帮(代)办人员")).toBe("帮（代）办人员");
    expect(normalizeStaffRole("帮代办人员")).toBe("帮（代）办人员");
    expect(normalizeStaffRole(" 综合窗口工作 ")).toBe("综合窗口工作人员");
    expect(normalizeStaffRole("咨询引导")).toBe("咨询引导人员");
    expect(normalizeStaffRole("保安")).toBeNull();
  });
});
