import { describe, expect, it } from "vitest";
import {
  assembleInSequence,
  assembleTheoryPaper,
  candidateOrder,
  exposureOf,
  ITEM_POINTS,
  paperItemIds,
  theoryBlueprint,
  typeMix,
  type AssemblyResult,
  type PriorPaper,
  type Shortfall,
  type TheoryPaper,
} from "~/domain/assembly";
import { OVERLAP_MAX, pairwiseOverlap } from "~/domain/bank-lint";
import { isEligible, ITEM_TYPES, type BankItem, type ItemType } from "~/domain/bank";
import { BASIC_AREAS, LEVELS, LOWER_LEVELS, THEORY_WEIGHTS, type Area, type Level } from "~/domain/levels";
import { REQUIREMENTS } from "~/domain/standard";
import { loadBankFromDisk } from "~/features/bank/files.server";

const bank = loadBankFromDisk();
const byId = new Map(bank.items.map((i) => [i.id, i]));
const SEEDS = Array.from({ length: 200 }, (_, k) => k + 1);
const RANK: Record<Level, number> = { L5: 5, L4: 4, L3: 3 };

function paperOf(r: AssemblyResult): TheoryPaper {
  if (!r.ok) throw new Error(r.message);
  return r.paper;
}

const papers = new Map<Level, TheoryPaper[]>(
  LEVELS.map((level) => [level, SEEDS.map((seed) => paperOf(assembleTheoryPaper(bank.items, level, seed, bank.version)))]),
);

/** `count` papers of seeds base+1.. assembled in turn, each with the earlier ones as exposure (as sittings are). */
function inSequence(level: Level, base: number, count: number): TheoryPaper[] {
  const out: TheoryPaper[] = [];
  const previous: PriorPaper[] = [];
  for (let seed = base + 1; seed <= base + count; seed++) {
    const p = paperOf(assembleTheoryPaper(bank.items, level, seed, bank.version, { previous: [...previous] }));
    out.push(p);
    previous.push({ id: `p${seed}`, items: paperItemIds(p) });
  }
  return out;
}
const SEQUENCE_BASES = [0, 100, 500];
const sequences = new Map<Level, TheoryPaper[][]>(LEVELS.map((level) => [level, SEQUENCE_BASES.map((b) => inSequence(level, b, 10))]));

describe("theory papers from the real bank", () => {
  it("the bank loads without errors", () => {
    expect(bank.errors).toEqual([]);
    expect(bank.items.length).toBeGreaterThan(0);
  });

  describe.each(LEVELS)("level %s, seeds 1..200", (level) => {
    const list = () => papers.get(level)!;
    // The rules of the blueprint hold with exposure too: the seeded papers and the sequential ones.
    const all = () => [...list(), ...sequences.get(level)!.flat()];
    const weights = THEORY_WEIGHTS[level];

    it("carries its level, kind, seed and bank version", () => {
      list().forEach((p, k) => {
        expect(p).toMatchObject({ level, kind: "theory", seed: SEEDS[k], bankVersion: bank.version });
      });
    });

    it("has exactly 100 points, each area's points equal to its weight in table 4.1", () => {
      for (const p of all()) {
        expect(p.totalPoints).toBe(100);
        expect(p.sections.map((s) => s.area)).toEqual(Object.keys(weights));
        for (const s of p.sections) {
          expect(s.weight).toBe(weights[s.area]);
          expect(s.points).toBe(weights[s.area]);
          expect(s.items.reduce((n, i) => n + i.points, 0)).toBe(s.points);
        }
        expect(p.sections.reduce((n, s) => n + s.points, 0)).toBe(100);
      }
    });

    it("never repeats an item within a paper", () => {
      for (const p of all()) {
        const ids = p.sections.flatMap((s) => s.items.map((i) => i.id));
        expect(new Set(ids).size).toBe(ids.length);
      }
    });

    it("never holds two items of one enemy tag", () => {
      for (const p of all()) {
        const tags = p.sections.flatMap((s) => s.items.map((i) => byId.get(i.id)!.enemy)).filter(Boolean);
        expect(new Set(tags).size, `seed ${p.seed}`).toBe(tags.length);
      }
    });

    it("has the type mix typeMix(weight) in every section, with the right points and bank data", () => {
      const problems: string[] = [];
      for (const p of all()) {
        for (const s of p.sections) {
          const counts = Object.fromEntries(ITEM_TYPES.map((t) => [t, s.items.filter((i) => i.type === t).length]));
          expect(counts).toEqual(typeMix(s.weight));
          for (const i of s.items) {
            const b = byId.get(i.id);
            const want = b && { id: b.id, type: b.type, points: ITEM_POINTS[b.type], level: b.level, requirement: b.requirement };
            if (!b) problems.push(`seed ${p.seed}: ${i.id} is not in the bank`);
            else if (b.retired) problems.push(`seed ${p.seed}: ${i.id} is retired`);
            else if (!isEligible(b)) problems.push(`seed ${p.seed}: ${i.id} has not been reviewed`);
            else if (JSON.stringify(i) !== JSON.stringify(want))
              problems.push(`seed ${p.seed}: ${JSON.stringify(i)} ≠ ${JSON.stringify(want)}`);
            else if (b.area !== s.area) problems.push(`seed ${p.seed}: ${i.id} (${b.area}) in section ${s.area}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it("draws basic areas from common items and work areas from the own level (≥ half per type) or lower levels only", () => {
      const problems: string[] = [];
      for (const p of all()) {
        for (const s of p.sections) {
          if (BASIC_AREAS.includes(s.area)) {
            for (const i of s.items) if (i.level !== "common") problems.push(`seed ${p.seed}: ${i.id} in ${s.area} is not common`);
            continue;
          }
          for (const type of ITEM_TYPES) {
            const ofType = s.items.filter((i) => i.type === type);
            const own = ofType.filter((i) => i.level === level).length;
            if (own < Math.ceil(ofType.length / 2))
              problems.push(`seed ${p.seed}: ${s.area} ${type} has ${own}/${ofType.length} own-level items`);
          }
          for (const i of s.items) {
            const b = byId.get(i.id)!;
            const where = `seed ${p.seed}: ${i.id} (${i.level} ${b.area})`;
            if (i.level === "common") {
              problems.push(`${where}: common item in a work area`);
              continue;
            }
            // never a higher level than the paper, only the own or a lower level
            if (RANK[i.level] < RANK[level] || ![level, ...LOWER_LEVELS[level]].includes(i.level))
              problems.push(`${where}: level above ${level}`);
            // never an area whose weight is "–" at the paper's level or at the item's level
            if (weights[b.area] === undefined || THEORY_WEIGHTS[i.level][b.area] === undefined)
              problems.push(`${where}: area excluded by table 4.1`);
            // the requirement code belongs to the item's level and area
            const req = REQUIREMENTS.get(i.requirement);
            if (req?.level !== i.level || req.area !== s.area) problems.push(`${where}: requirement ${i.requirement} does not match`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it("gives the same paper for the same (version, level, seed)", () => {
      for (const seed of [1, 2, 77, 200]) {
        const again = paperOf(assembleTheoryPaper(bank.items, level, seed, bank.version));
        expect(again).toEqual(list()[seed - 1]);
        // the order of the bank does not matter either
        const reversed = paperOf(assembleTheoryPaper([...bank.items].reverse(), level, seed, bank.version));
        expect(reversed).toEqual(again);
      }
    });

    it("gives different papers for different seeds", () => {
      const keys = list().map((p) => JSON.stringify(p.sections.map((s) => s.items.map((i) => i.id))));
      expect(new Set(keys).size).toBeGreaterThanOrEqual(195);
      // neighbouring seeds differ, not just far-apart ones
      for (let k = 1; k < keys.length; k++) expect(keys[k]).not.toBe(keys[k - 1]);
    });

    it("shares at most a third of its items with any earlier paper when assembled in sequence", () => {
      for (const seq of sequences.get(level)!) {
        const o = pairwiseOverlap(seq);
        expect(o.pairs).toBe(45);
        expect(o.max, `${level} sequence from seed ${seq[0].seed}`).toBeLessThanOrEqual(OVERLAP_MAX);
      }
    });

    it("records the earlier papers it was given and is reproduced from them", () => {
      const seq = sequences.get(level)![0];
      const previous: PriorPaper[] = seq.slice(0, 5).map((p) => ({ id: `p${p.seed}`, items: paperItemIds(p) }));
      expect(seq[5].exposure).toEqual({ papers: ["p1", "p2", "p3", "p4", "p5"] });
      const again = paperOf(assembleTheoryPaper([...bank.items].reverse(), level, 6, bank.version, { previous }));
      expect(again).toEqual(seq[5]);
      // without them the same seed gives another paper: exposure changed the draw
      expect(paperItemIds(list()[5])).not.toEqual(paperItemIds(seq[5]));
    });

    it("assembleInSequence gives the papers sittings get one after another", () => {
      const seq = assembleInSequence(bank.items, level, bank.version, 10);
      expect(typeof seq).not.toBe("string");
      expect((seq as TheoryPaper[]).map(paperItemIds)).toEqual(sequences.get(level)![0].map(paperItemIds));
    });

    it("gives a different paper for another bank version with the same seed", () => {
      const other = paperOf(assembleTheoryPaper(bank.items, level, 1, "another-version"));
      expect(other.sections.map((s) => s.items.map((i) => i.id))).not.toEqual(list()[0].sections.map((s) => s.items.map((i) => i.id)));
    });
  });
});

describe("typeMix", () => {
  // README: 判断 round(0.2·w) × 1 point, 多选 round(0.15·w) × 2 points, 单选 the rest × 1 point.
  const expected: Record<number, Record<ItemType, number>> = {
    5: { 判断: 1, 单选: 2, 多选: 1 },
    10: { 判断: 2, 单选: 4, 多选: 2 },
    15: { 判断: 3, 单选: 8, 多选: 2 },
    20: { 判断: 4, 单选: 10, 多选: 3 },
    25: { 判断: 5, 单选: 12, 多选: 4 },
    30: { 判断: 6, 单选: 14, 多选: 5 },
    35: { 判断: 7, 单选: 18, 多选: 5 },
    40: { 判断: 8, 单选: 20, 多选: 6 },
  };
  it.each(Object.keys(expected).map(Number))("weight %i", (w) => {
    const mix = typeMix(w);
    expect(mix).toEqual(expected[w]);
    expect(mix.判断 * ITEM_POINTS.判断 + mix.单选 * ITEM_POINTS.单选 + mix.多选 * ITEM_POINTS.多选).toBe(w);
    for (const t of ITEM_TYPES) expect(mix[t]).toBeGreaterThanOrEqual(0);
  });
  it("is used by every level's blueprint, which adds up to 100", () => {
    for (const level of LEVELS) {
      const bp = theoryBlueprint(level);
      expect(bp.reduce((n, s) => n + s.weight, 0)).toBe(100);
      for (const s of bp) expect(s.counts).toEqual(typeMix(s.weight));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A tiny synthetic bank: exactly what one paper of a level needs, then made short in one bucket.

let serial = 0;
function item(level: BankItem["level"], area: Area, type: ItemType, extra: Partial<BankItem> = {}): BankItem {
  serial++;
  const requirement = [...REQUIREMENTS.values()].find((r) => r.level === level && r.area === area)!.code;
  const options = type === "判断" ? null : { A: "甲", B: "乙", C: "丙", D: "丁" };
  const key = type === "判断" ? "正确" : type === "单选" ? "A" : ["A", "B"];
  const code = { 职业道德: "ZD", 基础知识: "JC", 咨询引导: "ZX", 业务办理: "YW", 综合出件: "CJ", 现场管理: "XC", 培训与管理: "PX" }[area];
  return {
    id: `T-${level === "common" ? "C" : level}-${code}-${String(serial).padStart(4, "0")}`,
    type,
    level,
    area,
    requirement,
    stem: `合成题目第 ${serial} 题的题干`,
    options,
    key,
    explanation: "合成题目的解析",
    law: null,
    retired: false,
    enemy: null,
    status: null,
    author: null,
    reviewer: null,
    reviewed: null,
    ...extra,
  };
}

/** Exactly one paper's worth: common items for basic areas, own-level items for work areas. */
function exactBank(level: Level): BankItem[] {
  const out: BankItem[] = [];
  for (const { area, counts } of theoryBlueprint(level)) {
    for (const type of ITEM_TYPES) {
      for (let k = 0; k < counts[type]; k++) out.push(item(BASIC_AREAS.includes(area) ? "common" : level, area, type));
    }
  }
  return out;
}

function without(items: BankItem[], n: number, match: (i: BankItem) => boolean): BankItem[] {
  const out = [...items];
  for (let k = 0; k < n; k++) out.splice(out.findIndex(match), 1);
  return out;
}

const inBucket = (level: BankItem["level"], area: Area, type: ItemType) => (i: BankItem) =>
  i.level === level && i.area === area && i.type === type;

function shortfallsOf(r: AssemblyResult): { shortfalls: Shortfall[]; message: string } {
  if (r.ok) throw new Error("expected a shortfall, got a paper");
  return r;
}

describe("shortfalls", () => {
  it("an exact bank is enough for one paper of each level", () => {
    for (const level of LEVELS) {
      const p = paperOf(assembleTheoryPaper(exactBank(level), level, 1, "v"));
      expect(p.totalPoints).toBe(100);
    }
  });

  it("names a short common bucket with the exact numbers, in Chinese", () => {
    // L5 基础知识 (weight 25) draws 12 单选; leave 10.
    const bank = without(exactBank("L5"), 2, inBucket("common", "基础知识", "单选"));
    const r = shortfallsOf(assembleTheoryPaper(bank, "L5", 3, "v"));
    expect(r.shortfalls).toEqual([{ level: "common", area: "基础知识", type: "单选", need: 12, have: 10 }]);
    expect(r.message).toMatch(/^题库不足，无法组卷/);
    expect(r.message).toContain("公共「基础知识」单选题需要 12 道，可用 10 道，缺 2 道");
  });

  it("names a work bucket short of the own-level minimum", () => {
    // L4 业务办理 (weight 35) draws 5 多选, at least 3 from L4; leave 1 L4 and give plenty of L5.
    const bank = [
      ...without(exactBank("L4"), 4, inBucket("L4", "业务办理", "多选")),
      ...Array.from({ length: 10 }, () => item("L5", "业务办理", "多选")),
    ];
    const r = shortfallsOf(assembleTheoryPaper(bank, "L4", 3, "v"));
    expect(r.shortfalls).toEqual([{ level: "L4", area: "业务办理", type: "多选", need: 3, have: 1, ownLevel: true }]);
    expect(r.message).toContain("四级/中级工「业务办理」多选题（本级题至少一半）需要 3 道，可用 1 道，缺 2 道");
  });

  it("names a work bucket whose own and lower levels together are short", () => {
    // L3 业务办理 (weight 20) draws 4 判断: 2 from L3 (the minimum) + 1 from L4 = 3 < 4.
    const bank = [...without(exactBank("L3"), 2, inBucket("L3", "业务办理", "判断")), item("L4", "业务办理", "判断")];
    const r = shortfallsOf(assembleTheoryPaper(bank, "L3", 3, "v"));
    expect(r.shortfalls).toEqual([{ level: "L3", area: "业务办理", type: "判断", need: 4, have: 3 }]);
    expect(r.message).toContain("三级/高级工「业务办理」判断题需要 4 道，可用 3 道，缺 1 道");
  });

  it("does not count retired items", () => {
    const base = exactBank("L5");
    const target = base.find(inBucket("L5", "综合出件", "多选"))!;
    const bank = base.map((i) => (i === target ? { ...i, retired: true } : i));
    const r = shortfallsOf(assembleTheoryPaper(bank, "L5", 1, "v"));
    expect(r.shortfalls).toEqual([{ level: "L5", area: "综合出件", type: "多选", need: 2, have: 1 }]);
  });

  it("fills the rest of a work bucket from lower levels once the own-level minimum is met", () => {
    // L4 咨询引导 (weight 15) draws 8 单选, at least 4 from L4.
    const bank = [
      ...without(exactBank("L4"), 4, inBucket("L4", "咨询引导", "单选")),
      ...Array.from({ length: 4 }, () => item("L5", "咨询引导", "单选")),
    ];
    const p = paperOf(assembleTheoryPaper(bank, "L4", 9, "v"));
    const single = p.sections.find((s) => s.area === "咨询引导")!.items.filter((i) => i.type === "单选");
    expect(single.filter((i) => i.level === "L4")).toHaveLength(4);
    expect(single.filter((i) => i.level === "L5")).toHaveLength(4);
  });

  it("never fills a work area from a higher level or from another area", () => {
    // L5 咨询引导 has no L4 or 业务办理 fallback: the bucket is short even with those items present.
    const bank = [
      ...without(exactBank("L5"), 1, inBucket("L5", "咨询引导", "判断")),
      ...Array.from({ length: 5 }, () => item("L4", "咨询引导", "判断")),
      ...Array.from({ length: 5 }, () => item("L5", "业务办理", "判断")),
    ];
    const r = shortfallsOf(assembleTheoryPaper(bank, "L5", 1, "v"));
    expect(r.shortfalls).toEqual([{ level: "L5", area: "咨询引导", type: "判断", need: 4, have: 3 }]);
  });

  it("reports the whole deficit of a bucket that is empty", () => {
    const bank = without(exactBank("L4"), 6, inBucket("L4", "现场管理", "判断"));
    const r = shortfallsOf(assembleTheoryPaper(bank, "L4", 1, "v"));
    const mine = r.shortfalls.filter((s) => s.level === "L4" && s.area === "现场管理" && s.type === "判断");
    expect(Math.max(...mine.map((s) => s.need - s.have))).toBe(6);
  });
});

describe("candidateOrder", () => {
  const paper = papers.get("L4")![6];

  it("is the same for the same candidate key", () => {
    expect(candidateOrder(paper, byId, "attempt-1")).toEqual(candidateOrder(paper, byId, "attempt-1"));
  });

  it("differs between candidates", () => {
    const a = JSON.stringify(candidateOrder(paper, byId, "attempt-1"));
    const others = ["attempt-2", "attempt-3", "attempt-4"].map((k) => JSON.stringify(candidateOrder(paper, byId, k)));
    expect(others.every((o) => o !== a)).toBe(true);
  });

  it("keeps each item within its area's block and every item exactly once", () => {
    for (const key of ["a", "b", "c", "d", "e"]) {
      const order = candidateOrder(paper, byId, key);
      expect(order).toHaveLength(paper.sections.reduce((n, s) => n + s.items.length, 0));
      let at = 0;
      for (const s of paper.sections) {
        const block = order.slice(at, at + s.items.length).map((o) => o.itemId);
        expect(block.slice().sort()).toEqual(s.items.map((i) => i.id).sort());
        at += s.items.length;
      }
    }
  });

  it("shuffles options as a permutation of the item's options; 判断 items have none", () => {
    let moved = 0;
    for (const key of ["a", "b", "c", "d", "e"]) {
      for (const o of candidateOrder(paper, byId, key)) {
        const b = byId.get(o.itemId)!;
        if (b.type === "判断") {
          expect(o.options).toEqual([]);
          continue;
        }
        expect(o.options.slice().sort()).toEqual(Object.keys(b.options!).sort());
        if (o.options.join("") !== Object.keys(b.options!).sort().join("")) moved++;
      }
    }
    expect(moved).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Review status, enemy tags and exposure, on synthetic banks.

const allIds = (p: TheoryPaper) => p.sections.flatMap((s) => s.items.map((i) => i.id));

describe("review status", () => {
  it("uses reviewed, active and legacy items, never drafts or retired ones", () => {
    // L5 综合出件 (weight 10) draws 2 多选; offer one of each status plus one legacy item.
    const base = without(exactBank("L5"), 2, inBucket("L5", "综合出件", "多选"));
    const legacy = item("L5", "综合出件", "多选");
    const reviewed = item("L5", "综合出件", "多选", { status: "reviewed", author: "甲", reviewer: "乙", reviewed: "2026-12-01" });
    const draft = item("L5", "综合出件", "多选", { status: "draft", author: "甲" });
    const authored = item("L5", "综合出件", "多选", { author: "甲" }); // an author and no status: a draft
    const retired = item("L5", "综合出件", "多选", { status: "retired" });
    for (let seed = 1; seed <= 30; seed++) {
      const ids = allIds(paperOf(assembleTheoryPaper([...base, legacy, reviewed, draft, authored, retired], "L5", seed, "v")));
      expect(ids).toEqual(expect.arrayContaining([legacy.id, reviewed.id]));
      for (const x of [draft, authored, retired]) expect(ids).not.toContain(x.id);
    }
  });

  it("counts drafts as missing when they would be needed", () => {
    const base = without(exactBank("L5"), 1, inBucket("L5", "综合出件", "多选"));
    const r = shortfallsOf(assembleTheoryPaper([...base, item("L5", "综合出件", "多选", { status: "draft", author: "甲" })], "L5", 1, "v"));
    expect(r.shortfalls).toEqual([{ level: "L5", area: "综合出件", type: "多选", need: 2, have: 1 }]);
  });
});

describe("enemy tags", () => {
  it("never puts two items of one tag into a paper, across types and areas too", () => {
    // Plenty of L4 咨询引导 单选 (8 drawn), pairs of them share a tag; one tag also spans a 判断
    // of the same area and a 单选 of 业务办理.
    const base = without(exactBank("L4"), 8, inBucket("L4", "咨询引导", "单选"));
    const pairs = Array.from({ length: 10 }, (_, k) => [
      item("L4", "咨询引导", "单选", { enemy: `t-${k}` }),
      item("L4", "咨询引导", "单选", { enemy: `t-${k}` }),
    ]).flat();
    const judge = item("L4", "咨询引导", "判断", { enemy: "t-0" });
    const other = item("L4", "业务办理", "单选", { enemy: "t-1" });
    const bank = [...base, ...pairs, judge, other];
    const tagOf = new Map(bank.map((i) => [i.id, i.enemy]));
    let judgeUsed = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const p = paperOf(assembleTheoryPaper(bank, "L4", seed, "v"));
      const tags = allIds(p)
        .map((id) => tagOf.get(id))
        .filter(Boolean);
      expect(new Set(tags).size, `seed ${seed}`).toBe(tags.length);
      const single = p.sections.find((s) => s.area === "咨询引导")!.items.filter((i) => i.type === "单选");
      expect(single).toHaveLength(8);
      if (allIds(p).includes(judge.id)) judgeUsed++;
    }
    // the 判断 of tag t-0 is still drawn whenever no 单选 of t-0 came first
    expect(judgeUsed).toBeGreaterThan(0);
  });

  it("stays reproducible with enemy tags", () => {
    const base = without(exactBank("L3"), 4, inBucket("L3", "业务办理", "判断"));
    const tagged = Array.from({ length: 12 }, (_, k) => item("L3", "业务办理", "判断", { enemy: `r-${k % 5}` }));
    const bank = [...base, ...tagged];
    for (const seed of [1, 2, 3]) {
      const a = paperOf(assembleTheoryPaper(bank, "L3", seed, "v"));
      expect(paperOf(assembleTheoryPaper([...bank].reverse(), "L3", seed, "v"))).toEqual(a);
    }
  });

  it("reports a bucket made short by shared tags, saying so", () => {
    // L5 基础知识 draws 12 单选; 13 are there but three share one tag → 11 usable.
    const base = without(exactBank("L5"), 12, inBucket("common", "基础知识", "单选"));
    const bank = [
      ...base,
      ...Array.from({ length: 10 }, () => item("common", "基础知识", "单选")),
      ...Array.from({ length: 3 }, () => item("common", "基础知识", "单选", { enemy: "same-fact" })),
    ];
    const r = shortfallsOf(assembleTheoryPaper(bank, "L5", 1, "v"));
    expect(r.shortfalls).toEqual([{ level: "common", area: "基础知识", type: "单选", need: 12, have: 11, enemies: true }]);
    expect(r.message).toContain("公共「基础知识」单选题需要 12 道，可用 11 道，缺 1 道（同一 enemy 标签的题目每卷只能用一道）");
  });

  it("reports an own-level minimum missed because of shared tags", () => {
    // L4 业务办理 draws 5 多选, at least 3 from L4: three L4 items share a tag (1 usable), plenty of L5.
    const base = without(exactBank("L4"), 5, inBucket("L4", "业务办理", "多选"));
    const bank = [
      ...base,
      ...Array.from({ length: 3 }, () => item("L4", "业务办理", "多选", { enemy: "l4-dup" })),
      item("L4", "业务办理", "多选"),
      ...Array.from({ length: 6 }, () => item("L5", "业务办理", "多选")),
    ];
    const r = shortfallsOf(assembleTheoryPaper(bank, "L4", 2, "v"));
    expect(r.shortfalls).toEqual([{ level: "L4", area: "业务办理", type: "多选", need: 3, have: 2, ownLevel: true, enemies: true }]);
  });
});

/** The 单选 items a paper drew in 综合出件 (the bucket the exposure tests offer). */
const drawnSingleChoice = (p: TheoryPaper) =>
  p.sections
    .find((s) => s.area === "综合出件")!
    .items.filter((i) => i.type === "单选")
    .map((i) => i.id);

describe("exposure", () => {
  // L5 综合出件 (weight 10) draws 4 单选, all from L5 here; offer 12.
  const base = without(exactBank("L5"), 4, inBucket("L5", "综合出件", "单选"));
  const pool = Array.from({ length: 12 }, () => item("L5", "综合出件", "单选"));
  const bank = [...base, ...pool];
  const drawn = drawnSingleChoice;

  it("prefers the least used items of a bucket", () => {
    // Eight of the twelve were used before; the four unused ones are always drawn.
    const exposure = new Map(pool.slice(0, 8).map((i, k) => [i.id, 1 + (k % 3)]));
    const fresh = pool.slice(8).map((i) => i.id);
    for (let seed = 1; seed <= 20; seed++) {
      expect(drawn(paperOf(assembleTheoryPaper(bank, "L5", seed, "v", { exposure }))).sort()).toEqual([...fresh].sort());
    }
  });

  it("breaks ties by the seed, reproducibly", () => {
    // All used once except two used five times: those two are never drawn, the rest vary by seed.
    const exposure = new Map(pool.map((i, k) => [i.id, k < 2 ? 5 : 1]));
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const a = paperOf(assembleTheoryPaper(bank, "L5", seed, "v", { exposure }));
      expect(paperOf(assembleTheoryPaper([...bank].reverse(), "L5", seed, "v", { exposure }))).toEqual(a);
      for (const id of drawn(a)) seen.add(id);
      expect(drawn(a)).not.toContain(pool[0].id);
      expect(drawn(a)).not.toContain(pool[1].id);
    }
    expect(seen.size).toBe(10);
  });

  it("without exposure, or with all equal, gives the plain seeded paper", () => {
    const plain = paperOf(assembleTheoryPaper(bank, "L5", 4, "v"));
    expect(paperOf(assembleTheoryPaper(bank, "L5", 4, "v", { exposure: new Map() }))).toEqual(plain);
    expect(paperOf(assembleTheoryPaper(bank, "L5", 4, "v", { exposure: new Map(bank.map((i) => [i.id, 3])) }))).toEqual(plain);
  });

  it("keeps the enemy rule", () => {
    const tagged = pool.map((i, k) => ({ ...i, enemy: `e-${k % 6}` }));
    const exposure = new Map(tagged.map((i, k) => [i.id, k]));
    const p = paperOf(assembleTheoryPaper([...base, ...tagged], "L5", 1, "v", { exposure }));
    // the least used of each tag: e-0..e-3 through items 0..3
    expect(drawn(p).sort()).toEqual(
      tagged
        .slice(0, 4)
        .map((i) => i.id)
        .sort(),
    );
  });
});

describe("exposureOf and pairwiseOverlap", () => {
  const paper = (seed: number, ids: string[]): TheoryPaper =>
    ({
      level: "L5",
      kind: "theory",
      seed,
      bankVersion: "v",
      totalPoints: ids.length,
      sections: [{ area: "综合出件", weight: ids.length, points: ids.length, items: ids.map((id) => ({ id, type: "判断", points: 1 })) }],
    }) as unknown as TheoryPaper;

  it("counts each paper once per item, even if it lists an id twice", () => {
    const counts = exposureOf([
      { id: "a", items: ["x", "y", "x"] },
      { id: "b", items: ["y", "z"] },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ x: 1, y: 2, z: 1 });
    expect(exposureOf([]).size).toBe(0);
  });

  it("gives max and mean of the shared share over all pairs", () => {
    const o = pairwiseOverlap([paper(1, ["a", "b", "c", "d"]), paper(2, ["a", "b", "e", "f"]), paper(3, ["g", "h", "i", "j"])]);
    // pairs: (1,2) 2/4, (1,3) 0, (2,3) 0
    expect(o).toEqual({ papers: 3, pairs: 3, max: 0.5, mean: 0.5 / 3 });
    expect(pairwiseOverlap([paper(1, ["a"])])).toEqual({ papers: 1, pairs: 0, max: 0, mean: 0 });
  });
});

describe("exposure from earlier papers", () => {
  // L5 综合出件 draws 4 单选; offer 8 in the bucket and one earlier paper holding four of them.
  const base = without(exactBank("L5"), 4, inBucket("L5", "综合出件", "单选"));
  const pool = Array.from({ length: 8 }, () => item("L5", "综合出件", "单选"));
  const bank = [...base, ...pool];
  const drawn = drawnSingleChoice;

  it("avoids the items of an earlier paper when enough others are left", () => {
    const earlier: PriorPaper = { id: "old", items: pool.slice(0, 4).map((i) => i.id) };
    for (let seed = 1; seed <= 10; seed++) {
      const p = paperOf(assembleTheoryPaper(bank, "L5", seed, "v", { previous: [earlier] }));
      expect(drawn(p).sort()).toEqual(
        pool
          .slice(4)
          .map((i) => i.id)
          .sort(),
      );
      expect(p.exposure).toEqual({ papers: ["old"] });
    }
  });

  it("spreads what must be shared evenly over the earlier papers", () => {
    // Two earlier papers hold all eight: the new paper takes two of each rather than four of one.
    const previous: PriorPaper[] = [
      { id: "a", items: pool.slice(0, 4).map((i) => i.id) },
      { id: "b", items: pool.slice(4).map((i) => i.id) },
    ];
    for (let seed = 1; seed <= 10; seed++) {
      const ids = new Set(drawn(paperOf(assembleTheoryPaper(bank, "L5", seed, "v", { previous }))));
      expect(previous.map((p) => p.items.filter((id) => ids.has(id)).length)).toEqual([2, 2]);
    }
  });
});
