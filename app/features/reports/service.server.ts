import ExcelJS from "exceljs";
import { LEVELS, LEVEL_LABELS, type Level } from "~/domain/levels";
import { STAFF_ROLES } from "~/domain/roles";
import { formatDate, formatDateTime } from "~/domain/time";
import { centerName } from "~/features/centers/index.server";
import { db } from "~/platform/db.server";
import { sittingState } from "~/domain/sitting-lifecycle";

const RANK: Record<Level, number> = { L5: 1, L4: 2, L3: 3 };

/** Staff by staff role × highest level held, the certified share of window staff, and candidates in progress. */
export async function certificationDashboard(centerId: string) {
  const people = await db.person.findMany({
    where: { centerId, active: true },
    include: { certificates: { where: { status: "valid" } }, registrations: { include: { sitting: true } } },
  });
  const columns = ["未持证", ...LEVELS.map((l) => LEVEL_LABELS[l])];
  const rows = [...STAFF_ROLES, "未设岗位"]
    .map((role) => {
      const inRole = people.filter((p) => (p.staffRole ?? "未设岗位") === role);
      const counts = Object.fromEntries(columns.map((c) => [c, 0])) as Record<string, number>;
      for (const p of inRole) {
        const best = p.certificates.map((c) => c.level as Level).sort((a, b) => RANK[b] - RANK[a])[0];
        counts[best ? LEVEL_LABELS[best] : "未持证"]++;
      }
      return { role, total: inRole.length, counts };
    })
    .filter((r) => r.total > 0);
  const window = people.filter((p) => p.staffRole === "综合窗口工作人员");
  const windowCertified = window.filter((p) => p.certificates.length > 0).length;
  const inProgress = people
    .filter((p) => p.registrations.some((r) => sittingState(r.sitting) !== "published"))
    .map((p) => ({
      name: p.name,
      staffRole: p.staffRole ?? "—",
      sittings: p.registrations
        .filter((r) => sittingState(r.sitting) !== "published")
        .map((r) => r.sitting.title)
        .join("、"),
    }));
  return {
    columns,
    rows,
    window: { total: window.length, certified: windowCertified, share: window.length ? windowCertified / window.length : null },
    inProgress,
  };
}

export async function dashboardWorkbook(centerName: string, d: Awaited<ReturnType<typeof certificationDashboard>>, now: Date) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政务服务综合窗口办事员认证与能力平台";
  const ws = wb.addWorksheet("持证情况");
  ws.addRow([`${centerName} 职业技能等级持证情况`]);
  ws.addRow([`导出时间：${formatDateTime(now)}（北京时间）`]);
  ws.addRow([]);
  ws.addRow(["岗位", "人数", ...d.columns]);
  for (const r of d.rows) ws.addRow([r.role, r.total, ...d.columns.map((c) => r.counts[c])]);
  ws.addRow([]);
  ws.addRow([
    "综合窗口工作人员持证率",
    d.window.share === null ? "无数据" : `${d.window.certified}/${d.window.total}（${(d.window.share * 100).toFixed(1)}%）`,
  ]);
  ws.getRow(4).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
  const wp = wb.addWorksheet("在考人员");
  wp.addRow(["姓名", "岗位", "报名场次"]);
  for (const p of d.inProgress) wp.addRow([p.name, p.staffRole, p.sittings]);
  wp.getRow(1).font = { bold: true };
  wp.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The center's dashboard as an .xlsx file, with the file name it is downloaded under. */
export async function dashboardExport(centerId: string, now: Date) {
  const name = await centerName(centerId);
  const body = await dashboardWorkbook(name, await certificationDashboard(centerId), now);
  return { body, filename: `持证情况-${name}-${formatDate(now)}.xlsx` };
}
