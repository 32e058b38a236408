// Demo 好差评 counts: this year (Asia/Shanghai) from January to the current month, for up to ten
// staff of the demo center, on two or three channels each. Deterministic (seededRandom), so the
// demo and the screenshots look the same on every fresh database of the same month.
import type { PrismaClient } from "../app/generated/prisma/client";
import { seededRandom } from "../app/domain/random";
import { checkCounts, type Channel, type RatingCounts } from "../app/domain/ratings";
import { shanghaiMonth } from "../app/domain/ratings-import";

export const DEMO_RATINGS_SOURCE = "演示数据";

type Profile = { channels: { channel: Channel; base: number }[]; quality: number };

/** Channel mix by post: window staff are rated mostly on site and online, others less often. */
function profileFor(staffRole: string, rnd: () => number): Profile {
  const quality = 0.9 + rnd() * 0.09; // share of active ratings that are good, 90 %–99 %
  if (staffRole === "综合窗口工作人员") {
    return {
      quality,
      channels: [
        { channel: "一次一评", base: 60 + Math.floor(rnd() * 60) },
        { channel: "一事一评", base: 20 + Math.floor(rnd() * 25) },
        { channel: "综合点评", base: 3 + Math.floor(rnd() * 4) },
      ],
    };
  }
  if (staffRole === "后台审批人员") {
    return {
      quality,
      channels: [
        { channel: "一事一评", base: 25 + Math.floor(rnd() * 20) },
        { channel: "监督查评", base: 2 + Math.floor(rnd() * 3) },
      ],
    };
  }
  return {
    quality,
    channels: [
      { channel: "一次一评", base: 20 + Math.floor(rnd() * 25) },
      { channel: "综合点评", base: 2 + Math.floor(rnd() * 4) },
    ],
  };
}

function binomial(n: number, p: number, rnd: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rnd() < p) k++;
  return k;
}

function monthCounts(base: number, quality: number, rnd: () => number): RatingCounts {
  const volume = Math.max(0, Math.round(base * (0.75 + rnd() * 0.5)));
  const timeoutUnrated = Math.round(volume * (0.04 + rnd() * 0.1));
  const active = volume - timeoutUnrated;
  // Bad ratings are rare: a small share of the active ones, often none in a small month.
  const activeBad = Math.min(active, Math.floor(active * (1 - quality) * (0.3 + rnd() * 0.7) + rnd() * 0.8));
  const activeGood = active - activeBad;
  // Each bad rating: verified invalid ~20 %, replied ~95 %; each valid one rectified ~85 %, and
  // the rectification found satisfactory ~85 %.
  const invalidBad = binomial(activeBad, 0.2, rnd);
  const repliedBad = binomial(activeBad, 0.95, rnd);
  const rectified = binomial(activeBad - invalidBad, 0.85, rnd);
  const satisfied = binomial(rectified, 0.85, rnd);
  return { activeGood, activeBad, timeoutUnrated, invalidBad, repliedBad, rectified, satisfied };
}

const ZERO: RatingCounts = { activeGood: 0, activeBad: 0, timeoutUnrated: 0, invalidBad: 0, repliedBad: 0, rectified: 0, satisfied: 0 };

/**
 * Seeds the demo center's ratings. `people` maps names to person ids (it may hold other centers'
 * people: only those of `centerId` are used, at most ten, in the map's order). Replaces earlier
 * demo rows of the center, so running it twice is harmless. Returns the number of rows written.
 */
export async function seedRatings(db: PrismaClient, centerId: string, people: Map<string, string>, now: Date): Promise<number> {
  const thisMonth = shanghaiMonth(now);
  const year = Number(thisMonth.slice(0, 4));
  const lastMonth = Number(thisMonth.slice(5, 7));
  const inCenter = await db.person.findMany({
    where: { centerId, id: { in: [...people.values()] } },
    select: { id: true, name: true, staffRole: true },
  });
  const byId = new Map(inCenter.map((p) => [p.id, p]));
  const staff = [...people.values()].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])).slice(0, 10);

  const rows: ({ centerId: string; personId: string; period: string; channel: string; source: string; importedAt: Date } & RatingCounts)[] =
    [];
  staff.forEach((person, index) => {
    const rnd = seededRandom(`demo-ratings:${year}:${person.name}`);
    const profile = profileFor(person.staffRole ?? "", rnd);
    for (let month = 1; month <= lastMonth; month++) {
      const period = `${year}-${String(month).padStart(2, "0")}`;
      profile.channels.forEach(({ channel, base }, c) => {
        let counts = monthCounts(base, profile.quality, rnd);
        // Fixed cases the page must show: a month with no ratings at all on a channel (every rate
        // "无数据"), and valid bad ratings none of which is rectified yet (整改满意率 "无数据").
        if (index === 1 && month === 1 && c === profile.channels.length - 1) counts = ZERO;
        if (index === 0 && month === Math.max(1, lastMonth - 1) && c === 0) {
          counts = {
            ...counts,
            activeGood: counts.activeGood - 2,
            activeBad: counts.activeBad + 2,
            repliedBad: counts.activeBad + 2,
            rectified: 0,
            satisfied: 0,
          };
        }
        const problem = checkCounts(counts);
        if (problem) throw new Error(`演示好差评数据有误（${person.name} ${period} ${channel}）：${problem}`);
        rows.push({ centerId, personId: person.id, period, channel, source: DEMO_RATINGS_SOURCE, importedAt: now, ...counts });
      });
    }
  });

  await db.$transaction([
    db.ratingCount.deleteMany({ where: { centerId, source: DEMO_RATINGS_SOURCE } }),
    db.ratingCount.createMany({ data: rows }),
  ]);
  return rows.length;
}
