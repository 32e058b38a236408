// Quarterly department assessment (seed 003; REFERENCE §5): save one department's quarter, the
// quarter's standings and the history. The rules are in ~/domain/department(-form).ts.
import {
  departmentHistory,
  historyQuarters,
  parseStoredItems,
  quarterStandings,
  type AssessmentItems,
  type ParsedAssessment,
  type YearQuarter,
} from "~/domain/department-form";
import { writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import type { SessionUser } from "~/platform/session.server";

export const ASSESS_ACTION = "department.assess";

export async function centerDepartments(centerId: string) {
  return db.department.findMany({ where: { centerId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** The department with its center, or null (the route turns that into a 404 / a 403 for another center). */
export async function findDepartment(departmentId: string) {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(departmentId)) return null;
  return db.department.findUnique({ where: { id: departmentId }, select: { id: true, name: true, centerId: true } });
}

/** One department's stored quarter, for the form. */
export async function assessmentOf(departmentId: string, q: YearQuarter) {
  const a = await db.departmentAssessment.findUnique({
    where: { departmentId_year_quarter: { departmentId, year: q.year, quarter: q.quarter } },
  });
  if (!a) return null;
  return { items: parseStoredItems(a.items), base: a.base, bonus: a.bonus, total: a.total, updatedBy: a.updatedBy, updatedAt: a.updatedAt };
}

/**
 * Saves one department's quarter: upsert on (department, year, quarter) and the audit row in one
 * transaction. The department must belong to `centerId` (the route has checked it already; this
 * is the second lock).
 */
export async function saveDepartmentAssessment(centerId: string, input: ParsedAssessment, actor: SessionUser, ip: string | null) {
  const department = await db.department.findUnique({
    where: { id: input.departmentId },
    select: { id: true, name: true, centerId: true },
  });
  if (!department || department.centerId !== centerId) httpError(403, "该部门不属于本中心。");
  const key = { departmentId: department.id, year: input.year, quarter: input.quarter };
  const fields = {
    items: JSON.stringify(input.items satisfies AssessmentItems),
    base: input.base,
    bonus: input.bonus,
    total: input.total,
    updatedBy: actor.displayName,
  };
  await orConflict(() =>
    db.$transaction(async (tx) => {
      const before = await tx.departmentAssessment.findUnique({ where: { departmentId_year_quarter: key }, select: { total: true } });
      await tx.departmentAssessment.upsert({
        where: { departmentId_year_quarter: key },
        create: { ...key, centerId, ...fields },
        update: fields,
      });
      await writeAudit(tx, {
        action: ASSESS_ACTION,
        actor,
        centerId,
        target: department.id,
        ip,
        detail: {
          department: department.name,
          year: input.year,
          quarter: input.quarter,
          base: input.base,
          bonus: input.bonus,
          total: input.total,
          previousTotal: before?.total ?? null,
        },
      });
    }),
  );
  return { departmentName: department.name };
}

/** All departments of the center for one quarter: ranked, 未评 after them, 先进集体 with ties. */
export async function quarterStandingsOf(centerId: string, q: YearQuarter) {
  const [departments, rows] = await Promise.all([
    centerDepartments(centerId),
    db.departmentAssessment.findMany({ where: { centerId, year: q.year, quarter: q.quarter } }),
  ]);
  return quarterStandings(
    departments,
    rows.map((a) => ({
      departmentId: a.departmentId,
      items: parseStoredItems(a.items),
      base: a.base,
      bonus: a.bonus,
      total: a.total,
      updatedBy: a.updatedBy,
    })),
  );
}

/** Per department, the total and rank of every quarter of `year` and of the year before. */
export async function departmentHistoryOf(centerId: string, year: number) {
  const quarters = historyQuarters(year);
  const [departments, rows] = await Promise.all([
    centerDepartments(centerId),
    db.departmentAssessment.findMany({
      where: { centerId, year: { in: [year - 1, year] } },
      select: { departmentId: true, year: true, quarter: true, total: true },
    }),
  ]);
  return { quarters, rows: departmentHistory(departments, rows, quarters) };
}
