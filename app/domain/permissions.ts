import type { PlatformRole } from "./roles";

// Permission strings are `action:entity:access`; access is `own` (the user's own records),
// `center` (records of the user's center) or `any` (all centers).
export type Access = "own" | "center" | "any";
export type Permission = `${string}:${string}:${Access}`;

const ROLE_PERMISSIONS: Record<PlatformRole, readonly Permission[]> = {
  candidate: [
    "read:profile:own",
    "read:exam:own",
    "apply:exam:own",
    "read:training:own",
    "read:certificate:own",
    "read:evaluation:own",
    "score:evaluation:own",
  ],
  // Every staff account may score what the annual evaluation assigns to it (self, peer, manager):
  // examiners, trainers and admins are staff too. Loaders check the assignment is theirs.
  proctor: ["read:profile:own", "score:evaluation:own", "read:room:center", "update:room:center"],
  examiner: ["read:profile:own", "score:evaluation:own", "read:scoring:center", "update:scoring:own"],
  chief_examiner: [
    "read:profile:own",
    "score:evaluation:own",
    "read:scoring:center",
    "update:scoring:own",
    "review:scoring:center",
    "review:result:center",
  ],
  trainer: ["read:profile:own", "score:evaluation:own", "read:training:center", "update:training:center"],
  // A manager (科室负责人) gives manager scores to the staff the center assigns to them.
  manager: ["read:profile:own", "score:evaluation:own"],
  center_admin: [
    "read:profile:own",
    "score:evaluation:own",
    "read:staff:center",
    "create:staff:center",
    "update:staff:center",
    "read:staff-id:center",
    "update:account:center",
    "read:department:center",
    "update:department:center",
    "read:sitting:center",
    "update:sitting:center",
    "read:certificate:center",
    "update:certificate:center",
    "read:audit:center",
    "read:training:center",
    "read:report:center",
    "read:evaluation:center",
    "update:evaluation:center",
    // 复核 of published results (by someone who did not mark them: app/domain/review.ts).
    "review:result:center",
  ],
  // The bank is the platform's, not a center's: its maintainers review items and read their
  // analysis across every center's attempts.
  bank_maintainer: ["read:profile:own", "read:bank:any", "review:bank:any"],
  platform_admin: ["read:profile:own", "read:center:any", "update:center:any", "read:staff:any", "update:account:any", "read:audit:any"],
};

const ACCESS_RANK: Record<Access, number> = { own: 0, center: 1, any: 2 };

export function permissionsOf(roles: readonly PlatformRole[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

/**
 * True when one of the roles grants `action:entity` with at least the requested access
 * (`any` implies `center` implies `own`).
 */
export function hasPermission(roles: readonly PlatformRole[], wanted: Permission): boolean {
  const [action, entity, access] = wanted.split(":") as [string, string, Access];
  for (const p of permissionsOf(roles)) {
    const [a, e, acc] = p.split(":") as [string, string, Access];
    if (a === action && e === entity && ACCESS_RANK[acc] >= ACCESS_RANK[access]) return true;
  }
  return false;
}

/**
 * Whether a user of `userCenterId` holding `roles` may act on a record of `recordCenterId`
 * with `action:entity`: `any` access reaches every center, `center` access only the user's own.
 */
export function canActOnCenter(
  roles: readonly PlatformRole[],
  userCenterId: string | null,
  action: string,
  entity: string,
  recordCenterId: string,
): boolean {
  if (hasPermission(roles, `${action}:${entity}:any`)) return true;
  return userCenterId !== null && userCenterId === recordCenterId && hasPermission(roles, `${action}:${entity}:center`);
}
