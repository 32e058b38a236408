// Demo history for the item analysis (/bank/analysis, issue 17): two past five-level theory
// sittings of the demo center, closed and published, with 40 and 36 graded attempts (76 in all).
// The second sitting has up to 12 retakers who failed the first. Everything is deterministic
// (seeded random keyed by strings, never by database ids) for a given bank version:
// - each candidate has an ability θ ~ N(0.2, 0.8); retakers come back a little stronger;
// - each item has a difficulty b and a discrimination a drawn from its id, and a guessing floor
//   by type; P(right) = c + (1 − c) / (1 + e^(−1.7·a·(θ − b))), so discrimination is positive;
// - a few items are made to flag: one 判断 far too easy, one 单选 far too hard, one 单选 whose
//   better candidates pick a distractor (negative discrimination), one 多选 that hardly
//   discriminates, one 单选 with a distractor nobody picks;
// - wrong answers: the other 判断 value; a 单选 distractor by per-item weights; a 多选 near miss
//   (key minus one, key plus a distractor, or one other option); a few blanks (no saved answer).
// Papers come from the real assembly, answers are graded with the real grading, so the analysis
// reads exactly what an exam day would have stored.
import type { PrismaClient } from "../app/generated/prisma/client";
import { assembleTheoryPaper, candidateOrder, paperItemIds, type PriorPaper } from "../app/domain/assembly";
import type { BankItem } from "../app/domain/bank";
import { gradeTheory, type AnswerValue } from "../app/domain/grading";
import { idNumberCheckChar } from "../app/domain/id-number";
import type { Level } from "../app/domain/levels";
import { gradableItems, snapshotOf, type SnapshotItem } from "../app/domain/paper";
import { seededRandom, shuffled } from "../app/domain/random";
import { formatDate, shanghaiDateToInstant } from "../app/domain/time";

export type ItemAnalysisSeedOptions = {
  level?: Level;
  /** Candidates of the first and second sitting. */
  first?: number;
  second?: number;
  /** At most this many of the first sitting's failures retake in the second. */
  retakes?: number;
};

export type SeededAttempt = { attemptId: string; score: number; answers: Record<string, AnswerValue> };
export type SeededSitting = { sittingId: string; paperId: string; snapshot: SnapshotItem[]; attempts: SeededAttempt[] };

const DAY = 24 * 60 * 60_000;
const ROOM_CAPACITY = 30;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程".split("");
const GIVEN: [string, boolean][] = [
  ["子涵", true],
  ["浩然", false],
  ["雨桐", true],
  ["思远", false],
  ["欣怡", true],
  ["俊杰", false],
  ["梓萱", true],
  ["宇轩", false],
  ["佳琪", true],
  ["文博", false],
  ["诗雨", true],
  ["明轩", false],
  ["晓琳", true],
  ["志强", false],
  ["婉婷", true],
  ["建华", false],
  ["丽萍", true],
  ["国栋", false],
  ["海燕", true],
  ["伟东", false],
  ["嘉怡", true],
  ["振宇", false],
  ["雅琴", true],
  ["春生", false],
];
const ROLES = ["综合窗口工作人员", "综合窗口工作人员", "综合窗口工作人员", "咨询引导人员", "帮（代）办人员", "后台审批人员"];

/** A standard normal draw (Box–Muller) from a uniform stream. */
function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

type ItemModel = { a: number; b: number; c: number; weights: Record<string, number> };

function itemModel(item: SnapshotItem): ItemModel {
  const r = seededRandom(`item-analysis|item|${item.id}`);
  const b = -0.6 + 0.75 * normal(r);
  const a = 0.45 + 0.8 * r();
  const c = item.type === "判断" ? 0.25 : item.type === "单选" ? 0.2 : 0.05;
  const keys = new Set(Array.isArray(item.key) ? item.key : [item.key]);
  const weights = Object.fromEntries(
    Object.keys(item.options ?? {})
      .filter((k) => !keys.has(k))
      .map((k) => [k, 0.3 + r()]),
  );
  return { a, b, c, weights };
}

/** The flagging items of a paper, picked by a seeded shuffle of its items (stable for a bank version). */
function quirks(snapshot: SnapshotItem[], models: Map<string, ItemModel>) {
  const order = shuffled(snapshot, seededRandom("item-analysis|quirks"));
  const ofType = (t: SnapshotItem["type"]) => order.filter((i) => i.type === t);
  const [easy] = ofType("判断");
  const [hard, negative, unused] = ofType("单选");
  const [flat] = ofType("多选");
  if (easy) Object.assign(models.get(easy.id)!, { b: -6, a: 1.2 });
  if (hard) Object.assign(models.get(hard.id)!, { b: 2.3, a: 1.4, c: 0.05 });
  if (negative) Object.assign(models.get(negative.id)!, { b: 0.2, a: -0.6 });
  if (flat) Object.assign(models.get(flat.id)!, { a: 0.05, b: 0 });
  if (unused) {
    const m = models.get(unused.id)!;
    const first = Object.keys(m.weights).sort()[0];
    if (first) m.weights[first] = 0;
  }
}

function pick(weights: Record<string, number>, random: () => number): string {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  let x = random() * sum;
  for (const [k, w] of entries) if ((x -= w) <= 0) return k;
  return entries.at(-1)?.[0] ?? "A";
}

/** One candidate's answer to one item; null = left blank (no answer saved). */
function answer(item: SnapshotItem, m: ItemModel, theta: number, random: () => number): AnswerValue {
  if (random() < 0.006) return null;
  const p = m.c + (1 - m.c) / (1 + Math.exp(-1.7 * m.a * (theta - m.b)));
  if (random() < p) return Array.isArray(item.key) ? [...item.key].sort() : item.key;
  if (item.type === "判断") return item.key === "正确" ? "错误" : "正确";
  if (item.type === "单选") return pick(m.weights, random);
  const key = [...(item.key as string[])].sort();
  const others = Object.keys(m.weights).sort();
  const r = random();
  if (r < 0.5 && key.length > 1) return key.filter((_, i) => i !== Math.floor(random() * key.length));
  if (r < 0.8 && others.length) return [...key, others[Math.floor(random() * others.length)]].sort();
  return [others.length ? others[Math.floor(random() * others.length)] : key[0]];
}

function idNumberOf(i: number, female: boolean): string {
  const birth = new Date(Date.UTC(1972, 0, 1) + i * 113 * DAY).toISOString().slice(0, 10).replace(/-/g, "");
  const seq = String(100 + ((i * 2) % 900)).slice(0, 2) + String(female ? (i % 5) * 2 : (i % 5) * 2 + 1);
  const first17 = `310104${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** Demo candidates beyond the center's own staff: names that do not contain (or sit inside) an existing name. */
function newNames(count: number, taken: readonly string[]): { name: string; female: boolean }[] {
  const out: { name: string; female: boolean }[] = [];
  const clash = (n: string) => taken.some((t) => n.includes(t) || t.includes(n)) || out.some((o) => o.name === n);
  for (let i = 0; out.length < count && i < SURNAMES.length * GIVEN.length; i++) {
    const [given, female] = GIVEN[(i * 7) % GIVEN.length];
    const name = SURNAMES[i % SURNAMES.length] + given;
    if (!clash(name)) out.push({ name, female });
  }
  return out;
}

/**
 * Creates the two past sittings with their candidates, rooms, papers, attempts and answers.
 * `centerId` is the demo center (its center_admin creates the sittings, its proctors watch).
 */
export async function seedItemAnalysis(
  db: PrismaClient,
  centerId: string,
  bank: readonly BankItem[],
  version: string,
  now: Date,
  options: ItemAnalysisSeedOptions = {},
): Promise<SeededSitting[]> {
  const { level = "L5", first = 40, second = 36, retakes = 12 } = options;
  const center = await db.center.findUniqueOrThrow({ where: { id: centerId } });
  const staffUsers = await db.user.findMany({ where: { centerId }, include: { roles: true }, orderBy: { username: "asc" } });
  const admin = staffUsers.find((u) => u.roles.some((r) => r.role === "center_admin"));
  if (!admin) throw new Error("演示中心没有中心管理员账号。");
  const proctors = staffUsers.filter((u) => u.roles.some((r) => r.role === "proctor")).slice(0, 2);
  const existing = await db.person.findMany({ select: { name: true } });

  // Candidates: abilities by index, created once (a retaker is the same person).
  const people = newNames(
    first + second,
    existing.map((p) => p.name),
  );
  const ability = people.map((_, i) => 0.2 + 0.8 * normal(seededRandom(`item-analysis|ability|${i}`)));
  const created: { id: string }[] = [];
  const createPeople = async (from: number, to: number) => {
    const rows = await db.person.createManyAndReturn({
      data: people.slice(from, to).map((p, k) => {
        const i = from + k;
        return {
          centerId,
          name: p.name,
          idNumber: idNumberOf(i, p.female),
          phone: `139170${String(10000 + i).slice(-5)}`,
          staffRole: ROLES[i % ROLES.length],
          hireDate: shanghaiDateToInstant(`${2017 + (i % 8)}-0${1 + (i % 9)}-01`),
        };
      }),
      select: { id: true, idNumber: true },
    });
    // createManyAndReturn does not promise the input order: match by ID number.
    const byId = new Map(rows.map((r) => [r.idNumber, r.id]));
    for (let i = from; i < to; i++) created[i] = { id: byId.get(idNumberOf(i, people[i].female))! };
  };

  const sittings: SeededSitting[] = [];
  const failed: number[] = [];
  const plan = [
    { no: 1, daysAgo: 150, seed: 20260315 },
    { no: 2, daysAgo: 105, seed: 20260610 },
  ];
  let nextPerson = 0;
  const earlier: PriorPaper[] = [];
  for (const { no, daysAgo, seed } of plan) {
    // Candidates (person indexes) and whether they retake.
    let seats: { i: number; retake: boolean }[];
    if (no === 1) {
      seats = Array.from({ length: first }, (_, k) => ({ i: k, retake: false }));
      nextPerson = first;
    } else {
      const back = failed.slice(0, Math.min(retakes, second)).map((i) => ({ i, retake: true }));
      const fresh = Array.from({ length: second - back.length }, (_, k) => ({ i: nextPerson + k, retake: false }));
      nextPerson += fresh.length;
      seats = [...back, ...fresh];
    }
    const missing = seats.filter((s) => !created[s.i]).map((s) => s.i);
    if (missing.length) await createPeople(Math.min(...missing), Math.max(...missing) + 1);

    // As the sittings service does: each paper assembled against the level's earlier ones (decision 016).
    const assembled = assembleTheoryPaper(bank, level, seed, version, { previous: [...earlier] });
    if (!assembled.ok) throw new Error(assembled.message);
    const snapshot = snapshotOf(assembled.paper, bank);
    const paper = await db.paper.create({
      data: {
        level,
        kind: "theory",
        seed,
        bankVersion: version,
        content: JSON.stringify(assembled.paper),
        items: JSON.stringify(snapshot),
      },
    });
    earlier.push({ id: paper.id, items: paperItemIds(assembled.paper) });
    const day = formatDate(new Date(now.getTime() - daysAgo * DAY));
    const startsAt = new Date(`${day}T09:00:00+08:00`);
    const sitting = await db.sitting.create({
      data: {
        centerId,
        kind: "theory",
        level,
        title: `2026年第${no}期${level === "L5" ? "五" : level === "L4" ? "四" : "三"}级理论考试`,
        startsAt,
        durationMinutes: 90,
        seed,
        paperId: paper.id,
        status: "published",
        publishedAt: new Date(startsAt.getTime() + 3 * DAY),
        createdById: admin.id,
        createdAt: new Date(startsAt.getTime() - 20 * DAY),
      },
    });
    const roomCount = Math.max(1, Math.ceil(seats.length / ROOM_CAPACITY));
    const rooms: { id: string }[] = [];
    for (let r = 0; r < roomCount; r++) {
      rooms.push(
        await db.room.create({
          data: {
            sittingId: sitting.id,
            name: `第${r + 1}考场`,
            capacity: ROOM_CAPACITY,
            status: "closed",
            startCode: "000000",
            openedAt: startsAt,
            closedAt: new Date(startsAt.getTime() + 90 * 60_000),
          },
        }),
      );
    }
    if (proctors.length)
      await db.roomProctor.createMany({ data: rooms.flatMap((room) => proctors.map((p) => ({ roomId: room.id, userId: p.id }))) });
    const perRoom = Math.ceil(seats.length / roomCount);
    const ymd = day.replace(/-/g, "").slice(2);
    const regs = await db.registration.createManyAndReturn({
      data: seats.map((s, k) => {
        const room = Math.floor(k / perRoom);
        const seat = (k % perRoom) + 1;
        return {
          sittingId: sitting.id,
          roomId: rooms[room].id,
          personId: created[s.i].id,
          seat,
          retake: s.retake,
          ticketNumber: `${center.code}${ymd}01${String(room + 1).padStart(2, "0")}${String(seat).padStart(2, "0")}`,
        };
      }),
      select: { id: true, personId: true },
    });
    const regOf = new Map(regs.map((r) => [r.personId, r.id]));

    const models = new Map(snapshot.map((it) => [it.id, itemModel(it)]));
    quirks(snapshot, models);
    const gradable = gradableItems(new Map(snapshot.map((it) => [it.id, it])));
    const byId = new Map(bank.map((i) => [i.id, i]));
    const graded = seats.map((s, k) => {
      const random = seededRandom(`item-analysis|answers|${no}|${s.i}`);
      const theta = ability[s.i] + (s.retake ? 0.4 : 0);
      const answers = new Map<string, AnswerValue>();
      for (const it of snapshot) {
        const a = answer(it, models.get(it.id)!, theta, random);
        if (a !== null) answers.set(it.id, a);
      }
      const grade = gradeTheory(gradable, answers);
      if (no === 1 && !grade.passed) failed.push(s.i);
      const registrationId = regOf.get(created[s.i].id)!;
      const submittedAt = new Date(startsAt.getTime() + (50 + Math.floor(random() * 38)) * 60_000);
      return { k, registrationId, answers, grade, submittedAt };
    });
    const attempts = await db.attempt.createManyAndReturn({
      data: graded.map((g) => ({
        registrationId: g.registrationId,
        itemOrder: JSON.stringify(candidateOrder(assembled.paper, byId, g.registrationId)),
        startedAt: startsAt,
        status: "submitted",
        submittedAt: g.submittedAt,
        submitReason: "manual",
        score: g.grade.total,
        passed: g.grade.passed,
        areaScores: JSON.stringify(g.grade.byArea),
      })),
      select: { id: true, registrationId: true },
    });
    const attemptOf = new Map(attempts.map((a) => [a.registrationId, a.id]));
    await db.answer.createMany({
      data: graded.flatMap((g) =>
        [...g.answers].map(([itemId, v]) => ({
          attemptId: attemptOf.get(g.registrationId)!,
          itemId,
          value: JSON.stringify(v),
          windowId: "seed",
          seq: 1,
          savedAt: g.submittedAt,
        })),
      ),
    });
    sittings.push({
      sittingId: sitting.id,
      paperId: paper.id,
      snapshot,
      attempts: graded.map((g) => ({
        attemptId: attemptOf.get(g.registrationId)!,
        score: g.grade.total,
        answers: Object.fromEntries(g.answers),
      })),
    });
  }
  return sittings;
}
