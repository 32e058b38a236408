// Demo data: two district centers and a street center, departments, staff, one account per
// role and a little history. Runs only on an empty database (scripts/start.mjs decides).
import { db } from "../app/platform/db.server";
import { hashPassword } from "../app/platform/password.server";
import { idNumberCheckChar } from "../app/domain/id-number";
import { shanghaiDateToInstant } from "../app/domain/time";
import { workingDayPeriod } from "../app/domain/publicity";
import { assembleTheoryPaper, candidateOrder } from "../app/domain/assembly";
import { gradeTheory, type AnswerValue } from "../app/domain/grading";
import { seededRandom } from "../app/domain/random";
import { loadBankFromDisk } from "../app/features/bank/files.server";
import { importBank } from "../app/features/bank/index.server";
import { importSkillBank, loadSkillBankFromDisk } from "../app/features/bank/index.server";
import { assembleSkillPaper, type SkillTask } from "../app/domain/skill";
import { seedEvaluations } from "./seed-evaluation";
import { seedRatings } from "./seed-ratings";
import { seedDepartmentAssessments } from "./seed-departments";
import { seedItemAnalysis } from "./seed-item-analysis";
import { seedApplications } from "./seed-applications";

export const DEMO_PASSWORD = "Demo@2026";

// The app's own client: DATABASE_URL chooses SQLite or PostgreSQL, as for the server.

function idNumber(region: string, birth: string, seq: number, female: boolean): string {
  // The 17th digit is odd for men and even for women (GB 11643).
  const s = String(seq).padStart(2, "0") + String(female ? (seq % 5) * 2 : (seq % 5) * 2 + 1);
  const first17 = region + birth.replace(/-/g, "") + s.slice(-3);
  return first17 + idNumberCheckChar(first17);
}

type StaffSeed = { name: string; birth: string; female: boolean; staffRole: string; dept?: string; hire: string; phone: string };

const DEMO_STAFF: StaffSeed[] = [
  {
    name: "李明",
    birth: "1992-05-14",
    female: false,
    staffRole: "综合窗口工作人员",
    dept: "区市场监督管理局",
    hire: "2019-07-01",
    phone: "13916000001",
  },
  {
    name: "王芳",
    birth: "1988-11-02",
    female: true,
    staffRole: "综合窗口工作人员",
    dept: "区人力资源和社会保障局",
    hire: "2016-03-15",
    phone: "13916000002",
  },
  {
    name: "张伟",
    birth: "1985-03-21",
    female: false,
    staffRole: "后台审批人员",
    dept: "区规划和自然资源局",
    hire: "2014-09-01",
    phone: "13916000003",
  },
  { name: "刘洋", birth: "1995-08-09", female: false, staffRole: "咨询引导人员", hire: "2022-02-14", phone: "13916000004" },
  { name: "陈静", birth: "1990-01-30", female: true, staffRole: "帮（代）办人员", hire: "2018-05-20", phone: "13916000005" },
  { name: "杨帆", birth: "1993-12-12", female: false, staffRole: "政务公开人员", hire: "2020-10-08", phone: "13916000006" },
  { name: "赵丽", birth: "1991-06-18", female: true, staffRole: "政务讲解人员", hire: "2021-04-01", phone: "13916000007" },
  {
    name: "黄磊",
    birth: "1987-09-27",
    female: false,
    staffRole: "综合窗口工作人员",
    dept: "区税务局",
    hire: "2015-01-05",
    phone: "13916000008",
  },
  {
    name: "周敏",
    birth: "1994-02-03",
    female: true,
    staffRole: "综合窗口工作人员",
    dept: "区市场监督管理局",
    hire: "2023-03-01",
    phone: "13916000009",
  },
  {
    name: "吴强",
    birth: "1983-07-07",
    female: false,
    staffRole: "后台审批人员",
    dept: "区住房保障和房屋管理局",
    hire: "2012-06-11",
    phone: "13916000010",
  },
  { name: "徐婷", birth: "1996-04-25", female: true, staffRole: "咨询引导人员", hire: "2024-07-15", phone: "13916000011" },
  {
    name: "孙浩",
    birth: "1989-10-10",
    female: false,
    staffRole: "综合窗口工作人员",
    dept: "区人力资源和社会保障局",
    hire: "2017-08-21",
    phone: "13916000012",
  },
  { name: "马丽娟", birth: "1986-12-01", female: true, staffRole: "帮（代）办人员", hire: "2013-11-18", phone: "13916000013" },
  {
    name: "朱军",
    birth: "1990-03-03",
    female: false,
    staffRole: "综合窗口工作人员",
    dept: "区税务局",
    hire: "2019-01-02",
    phone: "13916000014",
  },
  { name: "胡晓燕", birth: "1997-09-09", female: true, staffRole: "综合窗口工作人员", hire: "2025-03-10", phone: "13916000015" },
  { name: "郑涛", birth: "1982-08-16", female: false, staffRole: "综合窗口工作人员", hire: "2011-04-01", phone: "13916000016" },
];

/** The demo 题库管理员: the name written into the bank files as reviewer (not an author of any item). */
const BANK_MAINTAINER_NAME = "孙颖";

// Platform roles of the demo accounts: [username, staff name or null, roles, center key]
const DEMO_ACCOUNTS: [string, string | null, string[], "main" | "other" | null][] = [
  ["candidate", "李明", ["candidate"], "main"],
  ["proctor", "王芳", ["candidate", "proctor"], "main"],
  ["proctor2", "刘洋", ["candidate", "proctor"], "main"],
  ["examiner", "张伟", ["examiner"], "main"],
  ["examiner2", "朱军", ["examiner"], "main"],
  ["examiner3", "马丽娟", ["examiner"], "main"],
  ["chief", "黄磊", ["examiner", "chief_examiner"], "main"],
  ["trainer", "陈静", ["trainer"], "main"],
  ["manager", "郑涛", ["candidate", "manager"], "main"],
  ["peer", "周敏", ["candidate"], "main"],
  ["admin", "吴强", ["center_admin"], "main"],
  ["platform", null, ["platform_admin"], null],
  ["bank", null, ["bank_maintainer"], null],
  ["admin2", "钱进", ["center_admin"], "other"],
];

async function main() {
  // The bank is imported on every start: idempotent, and keeps the database in step with the repo.
  const bank = loadBankFromDisk();
  if (bank.errors.length) throw new Error(`题库校验失败：\n${bank.errors.join("\n")}`);
  const imported = await importBank(db, bank.items, bank.version);
  console.log(
    imported.alreadyCurrent
      ? `题库已是最新版本 ${bank.version}。`
      : `题库已导入：版本 ${bank.version}，新增 ${imported.added}，修改 ${imported.changed}，退役 ${imported.retired}。`,
  );
  const skill = loadSkillBankFromDisk();
  if (skill.errors.length) throw new Error(`技能题库校验失败：\n${skill.errors.join("\n")}`);
  const skillImported = await importSkillBank(db, skill.tasks, skill.version);
  console.log(
    skillImported.alreadyCurrent
      ? `技能题库已是最新版本 ${skill.version}。`
      : `技能题库已导入：版本 ${skill.version}，新增 ${skillImported.added}，修改 ${skillImported.changed}，退役 ${skillImported.retired}。`,
  );
  if ((await db.center.count()) > 0) {
    console.log("数据库已有数据，跳过演示数据。");
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The demo center's numbering codes are set, so that publishing issues certificates; 临江区's are
  // not, so that its settings page shows the warning and issuing there is refused (decision 022).
  const main = await db.center.create({
    data: {
      name: "示范区政务服务中心",
      code: "SFQ",
      kind: "district",
      certKind: "S",
      certBodyCode: "0000",
      certProvince: "31",
      certSite: "010701",
    },
  });
  const street = await db.center.create({
    data: { name: "示范街道社区事务受理服务中心", code: "SFJD", kind: "street", parentId: main.id },
  });
  const other = await db.center.create({ data: { name: "临江区政务服务中心", code: "LJQ", kind: "district" } });

  const deptNames = [
    "区市场监督管理局",
    "区人力资源和社会保障局",
    "区规划和自然资源局",
    "区税务局",
    "区住房保障和房屋管理局",
    "区公安分局",
  ];
  const depts = new Map<string, string>();
  for (const name of deptNames) depts.set(name, (await db.department.create({ data: { centerId: main.id, name } })).id);
  await db.department.create({ data: { centerId: other.id, name: "区市场监督管理局" } });

  const people = new Map<string, string>();
  let seq = 10;
  for (const s of DEMO_STAFF) {
    const p = await db.person.create({
      data: {
        centerId: main.id,
        name: s.name,
        idNumber: idNumber("310107", s.birth, seq++, s.female),
        phone: s.phone,
        staffRole: s.staffRole,
        departmentId: s.dept ? depts.get(s.dept)! : null,
        hireDate: shanghaiDateToInstant(s.hire),
      },
    });
    people.set(s.name, p.id);
  }
  for (const [i, name] of ["顾小琴", "沈立", "陆佳"].entries()) {
    await db.person.create({
      data: {
        centerId: street.id,
        name,
        idNumber: idNumber("310107", `199${i}-0${i + 2}-1${i}`, 60 + i, i !== 1),
        phone: `1391600010${i}`,
        staffRole: i === 0 ? "综合窗口工作人员" : "咨询引导人员",
        hireDate: shanghaiDateToInstant("2020-09-01"),
      },
    });
  }
  const otherPeople = [
    { name: "钱进", birth: "1984-04-04", female: false },
    { name: "冯雪", birth: "1992-02-22", female: true },
  ];
  for (const [i, s] of otherPeople.entries()) {
    const p = await db.person.create({
      data: {
        centerId: other.id,
        name: s.name,
        idNumber: idNumber("320102", s.birth, 30 + i, s.female),
        phone: `1381700000${i}`,
        staffRole: "综合窗口工作人员",
        hireDate: shanghaiDateToInstant("2018-03-01"),
      },
    });
    people.set(s.name, p.id);
  }

  for (const [username, staffName, roles, centerKey] of DEMO_ACCOUNTS) {
    const centerId = centerKey === "main" ? main.id : centerKey === "other" ? other.id : null;
    await db.user.create({
      data: {
        username,
        displayName: staffName ?? (roles.includes("bank_maintainer") ? BANK_MAINTAINER_NAME : "平台管理员"),
        passwordHash,
        centerId,
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
      {
        at: new Date(now - 30 * day),
        action: "center.create",
        actorName: "平台管理员",
        centerId: main.id,
        target: main.id,
        detail: JSON.stringify({ name: main.name }),
      },
      {
        at: new Date(now - 29 * day),
        action: "auth.login",
        actorId: admin.id,
        actorName: admin.displayName,
        centerId: main.id,
        ip: "10.20.1.15",
      },
      {
        at: new Date(now - 29 * day),
        action: "staff.import",
        actorId: admin.id,
        actorName: admin.displayName,
        centerId: main.id,
        ip: "10.20.1.15",
        detail: JSON.stringify({ filename: "窗口人员名单.csv", imported: DEMO_STAFF.length, skipped: 0, mode: "all" }),
      },
      {
        at: new Date(now - 3 * day),
        action: "auth.login_failed",
        actorName: null,
        centerId: main.id,
        ip: "10.20.1.33",
        target: "candidate",
        detail: JSON.stringify({ accountFailures: 1, reason: "bad credentials" }),
      },
    ],
  });
  await seedExams(main.id, bank.items, bank.version, people);
  await seedSkillSitting(main.id, skill.tasks, skill.version, people);
  await seedIssuedCertificate(main.id, people);
  await seedEvaluations(db, main.id, people, new Date());
  await seedRatings(db, main.id, people, new Date());
  await seedDepartmentAssessments(db, main.id, new Date());
  await seedItemAnalysis(db, main.id, bank.items, bank.version, new Date());
  await seedCourses(main.id);
  await seedApplications(db, main.id, people, new Date());
  console.log(`演示数据已创建：3 个中心，${DEMO_STAFF.length + 5} 名人员，${DEMO_ACCOUNTS.length} 个账号（密码 ${DEMO_PASSWORD}）。`);
}

/**
 * Two courses of the trainer's that match the weak areas of the past five-level sittings' failed
 * candidates (业务办理 as the topic; the 法律法规 basic requirements listed), none assigned yet, so
 * that 一键指派 can be tried on the course page.
 */
async function seedCourses(centerId: string) {
  const trainer = await db.user.findUniqueOrThrow({ where: { username: "trainer" } });
  const day = 24 * 60 * 60_000;
  await db.course.createMany({
    data: [
      { title: "材料初审与业务办理实务", level: "L5", hours: 16, topic: "业务办理", mode: "线下", covers: "[]" },
      {
        title: "政务服务常用法律法规",
        level: "L5",
        hours: 8,
        topic: "法律法规标准",
        mode: "线上",
        covers: JSON.stringify(["basic/2.2.6"]),
      },
    ].map((c, i) => ({
      ...c,
      centerId,
      trainerId: trainer.id,
      hasAssessment: i === 0,
      startsOn: new Date(Date.now() + (14 + 7 * i) * day),
    })),
  });
}

/** A past L5 sitting with published results, and tomorrow's L5 sitting ready to open. */
async function seedExams(
  centerId: string,
  items: ReturnType<typeof loadBankFromDisk>["items"],
  version: string,
  people: Map<string, string>,
) {
  const day = 24 * 60 * 60_000;
  const users = new Map((await db.user.findMany()).map((u) => [u.username, u.id]));
  const admin = users.get("admin")!;
  const byId = new Map(items.map((i) => [i.id, i]));
  async function sitting(title: string, startsAt: Date, seed: number, candidates: string[], ticketDay: string) {
    const assembled = assembleTheoryPaper(items, "L5", seed, version);
    if (!assembled.ok) throw new Error(assembled.message);
    const snapshot = assembled.paper.sections.flatMap((s) => s.items.map((pi) => ({ ...byId.get(pi.id)!, points: pi.points })));
    const paper = await db.paper.create({
      data: {
        level: "L5",
        kind: "theory",
        seed,
        bankVersion: version,
        content: JSON.stringify(assembled.paper),
        items: JSON.stringify(snapshot),
      },
    });
    const s = await db.sitting.create({
      data: {
        centerId,
        kind: "theory",
        level: "L5",
        title,
        startsAt,
        durationMinutes: 90,
        seed,
        paperId: paper.id,
        createdById: admin,
        address: "示范区政务服务中心三楼考试室（示范路 100 号）",
      },
    });
    const room = await db.room.create({ data: { sittingId: s.id, name: "第1考场", capacity: 30 } });
    await db.roomProctor.createMany({
      data: [
        { roomId: room.id, userId: users.get("proctor")! },
        { roomId: room.id, userId: users.get("proctor2")! },
      ],
    });
    const regs = [];
    for (const [i, name] of candidates.entries()) {
      regs.push(
        await db.registration.create({
          data: {
            sittingId: s.id,
            roomId: room.id,
            personId: people.get(name)!,
            seat: i + 1,
            ticketNumber: `SFQ${ticketDay}0101${String(i + 1).padStart(2, "0")}`,
          },
        }),
      );
    }
    return { s, room, regs, paper: assembled.paper, snapshot };
  }
  // History: taken two months ago, results published.
  const past = await sitting(
    "2026年第3期五级理论考试",
    new Date(Date.now() - 60 * day),
    20260920,
    ["周敏", "胡晓燕", "徐婷", "孙浩"],
    "260923",
  );
  const openedAt = past.s.startsAt;
  await db.room.update({ where: { id: past.room.id }, data: { status: "closed", openedAt, startCode: "000000" } });
  // Answers at a given accuracy, graded as the exam would; keyed by seat, not by the (random)
  // registration id, so every fresh database gets the same history.
  async function sat(taken: Awaited<ReturnType<typeof sitting>>, accuracies: number[], tag: string) {
    const openedAt = taken.s.startsAt;
    const gradable = taken.snapshot.map((i) => ({ id: i.id, type: i.type, points: i.points, area: i.area, key: i.key }));
    for (const [n, reg] of taken.regs.entries()) {
      const accuracy = accuracies[n];
      const random = seededRandom(`${tag}|${n}`);
      const answers = new Map<string, AnswerValue>();
      for (const it of taken.snapshot) {
        const right = random() < accuracy;
        const wrongSingle = Object.keys(it.options ?? {}).find((k) => k !== it.key) ?? "A";
        answers.set(
          it.id,
          right
            ? it.key
            : it.type === "判断"
              ? it.key === "正确"
                ? "错误"
                : "正确"
              : it.type === "多选"
                ? [(it.key as string[])[0]]
                : wrongSingle,
        );
      }
      const grade = gradeTheory(gradable, answers);
      const submittedAt = new Date(openedAt.getTime() + (60 + n * 5) * 60_000);
      const attempt = await db.attempt.create({
        data: {
          registrationId: reg.id,
          itemOrder: JSON.stringify(candidateOrder(taken.paper, byId, reg.id)),
          startedAt: openedAt,
          status: "submitted",
          submittedAt,
          submitReason: "manual",
          score: grade.total,
          passed: grade.passed,
          areaScores: JSON.stringify(grade.byArea),
        },
      });
      await db.answer.createMany({
        data: [...answers].map(([itemId, v]) => ({
          attemptId: attempt.id,
          itemId,
          value: JSON.stringify(v),
          windowId: "seed",
          seq: 1,
          savedAt: submittedAt,
        })),
      });
    }
  }
  // 周敏, 胡晓燕 and 孙浩 pass clearly, 徐婷 fails clearly.
  await sat(past, [0.85, 0.75, 0.4, 0.78], "demo-answers");
  // Published three days after the exam; its 公示 of 5 working days is long over.
  const pastPublished = new Date(openedAt.getTime() + 3 * day);
  await db.sitting.update({
    where: { id: past.s.id },
    data: { status: "published", publishedAt: pastPublished, publicityEndsAt: workingDayPeriod(pastPublished, 5).endsAt },
  });
  // In 公示: taken three days ago, published an hour ago; 赵丽 (who failed) has asked
  // for a 复核 that waits for a reviewer; 郑涛 (account `manager`) can still ask for one.
  const recentStart = new Date(Date.now() - 3 * day);
  const recentYmd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(recentStart).replace(/-/g, "").slice(2);
  const recent = await sitting("2026年第3期五级理论考试（二）", recentStart, 20261201, ["郑涛", "赵丽", "陈静"], recentYmd);
  await db.room.update({ where: { id: recent.room.id }, data: { status: "closed", openedAt: recentStart, startCode: "000000" } });
  await sat(recent, [0.72, 0.55, 0.8], "demo-publicity");
  const published = new Date(Date.now() - 60 * 60_000);
  await db.sitting.update({
    where: { id: recent.s.id },
    data: { status: "published", publishedAt: published, publicityEndsAt: workingDayPeriod(published, 5).endsAt },
  });
  const zhaoli = recent.regs[1];
  const requestedAt = new Date(Date.now() - 30 * 60_000);
  const zhaoliAttempt = await db.attempt.findUniqueOrThrow({ where: { registrationId: zhaoli.id } });
  await db.reviewRequest.create({
    data: {
      registrationId: zhaoli.id,
      sittingId: recent.s.id,
      personId: zhaoli.personId,
      reason: "成绩与本人估分相差较大，申请核对计分是否有误",
      requestedAt,
      dueAt: workingDayPeriod(requestedAt, 10).endsAt,
      oldScore: zhaoliAttempt.score!,
    },
  });
  // Upcoming: starts at the first 5-minute mark at least 10 minutes after seeding, so it can be
  // opened right away (rooms open from 30 minutes before the start; from 15 minutes after it the
  // proctor confirms a late opening); the demo candidate 李明 is seat 1. Its proctors 王芳 and
  // 刘洋 do not sit it.
  const startsAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000);
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(startsAt);
  await sitting("2026年第4期五级理论考试", startsAt, 20261123, ["李明", "赵丽", "陈静", "杨帆"], ymd.replace(/-/g, "").slice(2));
}

/** A five-level skill sitting in scoring: one group (黄磊 chief, 张伟, 朱军) and two candidates. */
async function seedSkillSitting(centerId: string, tasks: SkillTask[], version: string, people: Map<string, string>) {
  const users = new Map((await db.user.findMany()).map((u) => [u.username, u.id]));
  const r = assembleSkillPaper(tasks, "L5", 20261122, version);
  if (!r.ok) throw new Error(r.message);
  const ids = new Set(r.paper.sections.flatMap((x) => x.items.map((i) => i.id)));
  const paper = await db.paper.create({
    data: {
      level: "L5",
      kind: "skill",
      seed: 20261122,
      bankVersion: version,
      content: JSON.stringify(r.paper),
      items: JSON.stringify(tasks.filter((t) => ids.has(t.id))),
    },
  });
  const startsAt = new Date(Date.now() - 2 * 60 * 60_000);
  const s = await db.sitting.create({
    data: {
      centerId,
      kind: "skill",
      level: "L5",
      title: "2026年第4期五级技能考核",
      startsAt,
      durationMinutes: 120,
      seed: 20261122,
      paperId: paper.id,
      status: "scoring",
      createdById: users.get("admin")!,
    },
  });
  const g = await db.examinerGroup.create({ data: { sittingId: s.id, name: "第1考评组" } });
  await db.groupExaminer.createMany({
    data: [
      { groupId: g.id, userId: users.get("chief")!, isChief: true },
      { groupId: g.id, userId: users.get("examiner")! },
      { groupId: g.id, userId: users.get("examiner2")! },
    ],
  });
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(startsAt).replace(/-/g, "").slice(2);
  for (const [i, name] of ["周敏", "孙浩"].entries()) {
    await db.registration.create({
      data: {
        sittingId: s.id,
        groupId: g.id,
        personId: people.get(name)!,
        seat: i + 1,
        ticketNumber: `SFQ${ymd}9901${String(i + 1).padStart(2, "0")}`,
      },
    });
  }
}

/**
 * 胡晓燕 passed the past theory sitting; a skill sitting a week later, published, gave her a
 * certificate — one to find under 证书管理 (void, reissue, correct the name) and to export.
 */
async function seedIssuedCertificate(centerId: string, people: Map<string, string>) {
  const day = 24 * 60 * 60_000;
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
  const personId = people.get("胡晓燕")!;
  const theory = await db.registration.findFirstOrThrow({ where: { personId, sitting: { title: "2026年第3期五级理论考试" } } });
  const startsAt = new Date(Date.now() - 53 * day);
  const publishedAt = new Date(startsAt.getTime() + 4 * day);
  const s = await db.sitting.create({
    data: {
      centerId,
      kind: "skill",
      level: "L5",
      title: "2026年第3期五级技能考核",
      startsAt,
      durationMinutes: 120,
      seed: 20260927,
      status: "published",
      publishedAt,
      createdById: admin.id,
    },
  });
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(startsAt).replace(/-/g, "").slice(2);
  const skill = await db.registration.create({ data: { sittingId: s.id, personId, seat: 1, ticketNumber: `SFQ${ymd}990101` } });
  await db.skillResult.create({ data: { registrationId: skill.id, score: 81.5, passed: true, areaScores: "[]", computedAt: publishedAt } });
  const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit" }).format(publishedAt);
  const number = `S000031010701${year}5000001`;
  const cert = await db.certificate.create({
    data: {
      number,
      personId,
      holderName: "胡晓燕",
      level: "L5",
      issuedAt: publishedAt,
      sittingId: s.id,
      theoryRegistrationId: theory.id,
      skillRegistrationId: skill.id,
    },
  });
  await db.auditLog.create({
    data: {
      at: publishedAt,
      action: "certificate.issue",
      actorId: admin.id,
      actorName: admin.displayName,
      centerId,
      target: cert.id,
      detail: JSON.stringify({ number, personId, level: "L5", sittingId: s.id }),
    },
  });
}

main()
  .then(() => db.$disconnect())
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
