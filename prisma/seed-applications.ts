// Demo data of online application (网上报名): a four-level theory sitting in three weeks, open for
// application with 2 seats, and applications in every state, made through the applications
// service so that seats, the waiting list and registrations are as the app would leave them.
import type { PrismaClient } from "../app/generated/prisma/client";
import { NO_ADDITIONS } from "../app/domain/application";
import { apply, publishWindow, review } from "../app/features/applications/index.server";

export async function seedApplications(db: PrismaClient, centerId: string, people: Map<string, string>, now: Date) {
  const day = 24 * 60 * 60_000;
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
  const actor = { id: admin.id, displayName: admin.displayName, centerId, ip: null, personId: admin.personId };
  // 09:00 Beijing time, 21 days from now.
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(now.getTime() + 21 * day));
  const sitting = await db.sitting.create({
    data: {
      centerId,
      kind: "theory",
      level: "L4",
      title: "2027年第1期四级理论考试",
      startsAt: new Date(`${ymd}T09:00:00+08:00`),
      durationMinutes: 90,
      seed: 20270108,
      createdById: admin.id,
    },
  });
  await db.room.create({ data: { sittingId: sitting.id, name: "第1考场", capacity: 30 } });
  // From the start of the hour two days ago to the end of the hour 14 days ahead.
  const hour = 60 * 60_000;
  const opensAt = new Date(Math.floor((now.getTime() - 2 * day) / hour) * hour);
  const closesAt = new Date(Math.ceil((now.getTime() + 14 * day) / hour) * hour);
  await publishWindow(sitting, { opensAt, closesAt, seats: 2 }, actor, now);

  const person = (name: string) => ({ id: people.get(name)!, centerId });
  const as = (name: string) => ({ id: admin.id, displayName: name, centerId, ip: null });
  let t = now.getTime() - day;
  const step = () => new Date((t += 60_000));
  async function submit(name: string, additions = NO_ADDITIONS) {
    await apply(person(name), sitting.id, additions, as(name), step());
    return db.application.findUniqueOrThrow({ where: { sittingId_personId: { sittingId: sitting.id, personId: people.get(name)! } } });
  }
  async function decide(name: string, decision: "approve" | "reject" | "needs_info", note?: string) {
    const a = await db.application.findUniqueOrThrow({
      where: { sittingId_personId: { sittingId: sitting.id, personId: people.get(name)! } },
    });
    await review(centerId, a.id, { decision, version: a.version, note }, actor, step());
  }

  for (const name of ["郑涛", "赵丽", "杨帆", "马丽娟", "朱军"]) await submit(name);
  // 周敏 has worked here since 2023: her earlier job as 社区事务员 makes up the five years of L4-2.
  await submit("周敏", {
    ...NO_ADDITIONS,
    work: [{ occupation: "社区事务员", start: "2018-07-01", end: "2023-02-28", evidence: "原街道社区工作证明、社保缴费记录" }],
  });
  await submit("吴强"); // the center admin's own: another admin must review it
  await decide("郑涛", "approve");
  await decide("赵丽", "approve");
  await decide("杨帆", "approve"); // the 2 seats are taken: waiting list, first place
  await decide("马丽娟", "reject", "本期四级考试仅面向综合窗口岗位人员，请报名下一期。");
  await decide("周敏", "needs_info", "请补充原单位盖章的工作证明扫描件说明，并注明起止月份。");
  return sitting.id;
}
