export const PLATFORM_ROLES = [
  "candidate",
  "proctor",
  "examiner",
  "chief_examiner",
  "trainer",
  "manager",
  "center_admin",
  "bank_maintainer",
  "platform_admin",
] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  candidate: "考生/工作人员",
  proctor: "监考员",
  examiner: "考评员",
  chief_examiner: "考评组长",
  trainer: "培训师",
  manager: "科室负责人",
  center_admin: "中心管理员",
  bank_maintainer: "题库管理员",
  platform_admin: "平台管理员",
};

/** Roles a center admin may grant; platform_admin and bank_maintainer (platform-wide) only a platform admin grants. */
export const CENTER_GRANTABLE_ROLES: readonly PlatformRole[] = PLATFORM_ROLES.filter(
  (r) => r !== "platform_admin" && r !== "bank_maintainer",
);

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}

/** The six staff roles (岗位) of seed 001 §3. */
export const STAFF_ROLES = ["咨询引导人员", "综合窗口工作人员", "帮（代）办人员", "政务公开人员", "政务讲解人员", "后台审批人员"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Maps what people type (half-width brackets, missing 人员, stray spaces) to the canonical name,
 * or null when it is not one of the six.
 */
export function normalizeStaffRole(raw: string): StaffRole | null {
  const s = raw.replace(/\s/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
  for (const role of STAFF_ROLES) {
    if (s === role || s === role.replace(/人员$/, "") || s === role.replace(/（代）/, "代")) return role;
  }
  if (s === "帮代办人员" || s === "帮代办" || s === "帮办代办人员") return "帮（代）办人员";
  return null;
}

export const CENTER_KINDS = { district: "区级政务服务中心", street: "街镇社区事务受理服务中心" } as const;
export type CenterKind = keyof typeof CENTER_KINDS;
