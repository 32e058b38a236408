// Demo data: two district centers and a street center, departments, staff, one account per
// role and a little history. Runs only on an empty database (scripts/start.mjs decides).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../app/generated/prisma/client";
import { hashPassword } from "../app/server/password.server";
import { idNumberCheckChar } from "../app/domain/id-number";
import { shanghaiDateToInstant } from "../app/domain/time";

export const DEMO_PASSWORD = "Demo@2026";

const url = process.env.DATABASE_URL ?? `file:${path.resolve("data/app.db")}`;
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });

function idNumber(region: string, birth: string, seq: number, female: boolean): string {
  // The 17th digit is odd for men and even for women (GB 11643).
  const s = String(seq).padStart(2, "0") + String(female ? (seq % 5) * 2 : (seq % 5) * 2 + 1);
  const first17 = region + birth.replace(/-/g, "") + s.slice(-3);
  return first17 + idNumberCheckChar(first17);
}

type StaffSeed = { name: string; birth: string; female: boolean; staffRole: string; dept?: string; hire: string; phone: string };

const DEMO_STAFF: StaffSeed[] = [
  { name: "李明", birth: "1992-05-14", female: false, staffRole: "综合窗口工作人员", dept: "区市场监督管理局", hire: "2019-07-01", phone: "13916000001" },
  { name: "王芳", birth: "1988-11-02", female: true, staffRole: "综合窗口工作人员", dept: "区人力资源和社会保障局", hire: "2016-03-15", phone: "13916000002" },
  { name: "张伟", birth: "1985-03-21", female: false, staffRole: "后台审批人员", dept: "区规划和自然资源局", hire: "2014-09-01", phone: "13916000003" },
  { name: "刘洋", birth: "1995-08-09", female: false, staffRole: "咨询引导人员", hire: "2022-02-14", phone: "13916000004" },
  { name: "陈静", birth: "1990-01-30", female: true, staffRole: "帮（代）办人员", hire: "2018-05-20", phone: "13916000005" },
  { name: "杨帆", birth: "1993-12-12", female: false, staffRole: "政务公开人员", hire: "2020-10-08", phone: "13916000006" },
  { name: "赵丽", birth: "1991-06-18", female: true, staffRole: "政务讲解人员", hire: "2021-04-01", phone: "13916000007" },
  { name: "黄磊", birth: "1987-09-27", female: false, staffRole: "综合窗口工作人员", dept: "区税务局", hire: "2015-01-05", phone: "13916000008" },
  { name: "周敏", birth: "1994-02-03", female: true, staffRole: "综合窗口工作人员", dept: "区市场监督管理局", hire: "2023-03-01", phone: "13916000009" },
  { name: "吴强", birth: "1983-07-07", female: false, staffRole: "后台审批人员", dept: "区住房保障和房屋管理局", hire: "2012-06-11", phone: "13916000010" },
  { name: "徐婷", birth: "1996-04-25", female: true, staffRole: "咨询引导人员", hire: "2024-07-15", phone: "13916000011" },
  { name: "孙浩", birth: "1989-10-10", female: false, staffRole: "综合窗口工作人员", dept: "区人力资源和社会保障局", hire: "2017-08-21", phone: "13916000012" },
  { name: "马丽娟", birth: "1986-12-01", female: true, staffRole: "帮（代）办人员", hire: "2013-11-18", phone: "13916000013" },
  { name: "朱军", birth: "1990-03-03", female: false, staffRole: "综合窗口工作人员", dept: "区税务局", hire: "2019-01-02", phone: "13916000014" },
  { name: "胡晓燕", birth: "1997-09-09", female: true, staffRole: "综合窗口工作人员", hire: "2025-03-10", phone: "13916000015" },
];

// Platform roles of the demo accounts: [username, staff name or null, roles, center key]
const DEMO_ACCOUNTS: [string, string | null, string[], "main" | "other" | null][] = [
  ["candidate", "李明", ["candidate"], "main"],
  ["proctor", "王芳", ["candidate", "proctor"], "main"],
  ["examiner", "张伟", ["examiner"], "main"],
  ["chief", "黄磊", ["examiner", "chief_examiner"], "main"],
  ["trainer", "陈静", ["trainer"], "main"],
  ["admin", "吴强", ["center_admin"], "main"],
  ["platform", null, ["platform_admin"], null],
  ["admin2", "钱进", ["center_admin"], "other"],
];

async function main() {
  if ((await db.center.count()) > 0) {
    console.log("数据库已有数据，跳过演示数据。");
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const main = await db.center.create({ data: { name: "示范区政务服务中心", code: "SFQ", kind: "district" } });
  const street = await db.center.create({ data: { name: "示范街道社区事务受理服务中心", code: "SFJD", kind: "street", parentId: main.id } });
  const other = await db.center.create({ data: { name: "临江区政务服务中心", code: "LJQ", kind: "district" } });

  const deptNames = ["区市场监督管理局", "区人力资源和社会保障局", "区规划和自然资源局", "区税务局", "区住房保障和房屋管理局", "区公安分局"];
  const depts = new Map<string, string>();
  for (const name of deptNames) depts.set(name, (await db.department.create({ data: { centerId: main.id, name } })).id);
  await db.department.create({ data: { centerId: other.id, name: "区市场监督管理局" } });

  const people = new Map<string, string>();
  let seq = 10;
  for (const s of DEMO_STAFF) {
    const p = await db.person.create({
      data: {
        centerId: main.id, name: s.name, idNumber: idNumber("310107", s.birth, seq++, s.female), phone: s.phone,
        staffRole: s.staffRole, departmentId: s.dept ? depts.get(s.dept)! : null, hireDate: shanghaiDateToInstant(s.hire),
      },
    });
    people.set(s.name, p.id);
  }
  for (const [i, name] of ["顾小琴", "沈立", "陆佳"].entries()) {
    await db.person.create({
      data: { centerId: street.id, name, idNumber: idNumber("310107", `199${i}-0${i + 2}-1${i}`, 60 + i, i !== 1), phone: `1391600010${i}`, staffRole: i === 0 ? "综合窗口工作人员" : "咨询引导人员", hireDate: shanghaiDateToInstant("2020-09-01") },
    });
  }
  const otherPeople = [
    { name: "钱进", birth: "1984-04-04", female: false },
    { name: "冯雪", birth: "1992-02-22", female: true },
  ];
  for (const [i, s] of otherPeople.entries()) {
    const p = await db.person.create({
      data: { centerId: other.id, name: s.name, idNumber: idNumber("320102", s.birth, 30 + i, s.female), phone: `1381700000${i}`, staffRole: "综合窗口工作人员", hireDate: shanghaiDateToInstant("2018-03-01") },
    });
    people.set(s.name, p.id);
  }

  for (const [username, staffName, roles, centerKey] of DEMO_ACCOUNTS) {
    const centerId = centerKey === "main" ? main.id : centerKey === "other" ? other.id : null;
    await db.user.create({
      data: {
        username, displayName: staffName ?? "平台管理员", passwordHash, centerId,
        personId: staffName ? people.get(staffName)! : null,
        roles: { create: roles.map((role) => ({ role })) },
      },
    });
  }

  // A little history so that the audit page is not empty on first start.
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
  const day = 24 * 60 * 60_000;
  const now = Date.now();
  await db.auditLog.createMany({
    data: [
      { at: new Date(now - 30 * day), action: "center.create", actorName: "平台管理员", centerId: main.id, target: main.id, detail: JSON.stringify({ name: main.name }) },
      { at: new Date(now - 29 * day), action: "auth.login", actorId: admin.id, actorName: admin.displayName, centerId: main.id, ip: "10.20.1.15" },
      { at: new Date(now - 29 * day), action: "staff.import", actorId: admin.id, actorName: admin.displayName, centerId: main.id, ip: "10.20.1.15", detail: JSON.stringify({ filename: "窗口人员名单.csv", imported: DEMO_STAFF.length, skipped: 0, mode: "all" }) },
      { at: new Date(now - 3 * day), action: "auth.login_failed", actorName: null, centerId: main.id, ip: "10.20.1.33", target: "candidate", detail: JSON.stringify({ accountFailures: 1, reason: "bad credentials" }) },
    ],
  });
  console.log(`演示数据已创建：3 个中心，${DEMO_STAFF.length + 5} 名人员，${DEMO_ACCOUNTS.length} 个账号（密码 ${DEMO_PASSWORD}）。`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
