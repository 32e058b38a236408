// Theory paper assembly (REFERENCE §2): 100 points, each area's points = its weight in table 4.1,
// a documented type mix, ≥ half of each work area's items (per type) from the paper's own level,
// reproducible from (bank version, level, seed), no repeats, shortfalls named by bucket; only items
// that passed review (isEligible), never two items of one enemy tag, less exposed items first (spread over the earlier papers).
import { isEligible, type BankItem, type ItemType } from "./bank";
import { BASIC_AREAS, LEVEL_LABELS, LOWER_LEVELS, THEORY_WEIGHTS, type Area, type Level } from "./levels";
import { seededRandom, shuffled } from "./random";

export const ITEM_POINTS: Record<ItemType, number> = { 判断: 1, 单选: 1, 多选: 2 };

/**
 * The type mix of an area of weight w: 判断 round(0.2·w) items of 1 point, 多选 round(0.15·w)
 * items of 2 points, 单选 the remaining points at 1 point each. E.g. w = 40 → 8 判断, 20 单选, 6 多选.
 */
export function typeMix(weight: number): Record<ItemType, number> {
  const judge = Math.round(weight * 0.2);
  const multi = Math.round(weight * 0.15);
  return { 判断: judge, 单选: weight - judge - 2 * multi, 多选: multi };
}

export type BlueprintSection = { area: Area; weight: number; counts: Record<ItemType, number> };

export function theoryBlueprint(level: Level): BlueprintSection[] {
  return (Object.entries(THEORY_WEIGHTS[level]) as [Area, number][]).map(([area, weight]) => ({ area, weight, counts: typeMix(weight) }));
}

/** How many items of a work area's type must come from the paper's own level. */
export function ownLevelMinimum(count: number): number {
  return Math.ceil(count / 2);
}

export type PaperItem = { id: string; type: ItemType; points: number; level: BankItem["level"]; requirement: string };
export type PaperSection = { area: Area; weight: number; points: number; items: PaperItem[] };
export type TheoryPaper = {
  level: Level;
  kind: "theory";
  seed: number;
  bankVersion: string;
  totalPoints: number;
  sections: PaperSection[];
  /**
   * Present when the paper was assembled with the earlier papers of its level (options.previous):
   * their ids, in the order given. Stored papers never change, so these ids and (version, level,
   * seed) reproduce the paper exactly (docs/decisions/016-item-exposure.md).
   */
  exposure?: { papers: string[] };
};
/**
 * `ownLevel`: the shortage is of items of the paper's own level (at least half must be).
 * `enemies`: there are enough items, but too many share an enemy tag (one per paper).
 */
export type Shortfall = {
  level: Level | "common";
  area: Area;
  type: ItemType;
  need: number;
  have: number;
  ownLevel?: boolean;
  enemies?: boolean;
};
export type AssemblyResult = { ok: true; paper: TheoryPaper } | { ok: false; shortfalls: Shortfall[]; message: string };

const TYPES: ItemType[] = ["判断", "单选", "多选"];

export function shortfallMessage(s: readonly Shortfall[]): string {
  return (
    "题库不足，无法组卷：" +
    s
      .map(
        (x) =>
          `${x.level === "common" ? "公共" : LEVEL_LABELS[x.level]}「${x.area}」${x.type}题${x.ownLevel ? "（本级题至少一半）" : ""}需要 ${x.need} 道，可用 ${x.have} 道，缺 ${x.need - x.have} 道${x.enemies ? "（同一 enemy 标签的题目每卷只能用一道）" : ""}`,
      )
      .join("；")
  );
}

/** An earlier paper of the level as exposure sees it: its id and the ids of its items. */
export type PriorPaper = { id: string; items: readonly string[] };

/** The item ids of a paper, in paper order. */
export function paperItemIds(paper: TheoryPaper): string[] {
  return paper.sections.flatMap((s) => s.items.map((i) => i.id));
}

/** The exposure record: how many of `papers` hold each item. */
export function exposureOf(papers: readonly PriorPaper[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) for (const id of new Set(p.items)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export type AssemblyOptions = {
  /**
   * How often each item has been used in papers already. Within a bucket less exposed items come
   * first; items of equal exposure keep their seeded order, so the paper stays reproducible from
   * (bank version, level, seed, exposure). Defaults to exposureOf(previous) when `previous` is given.
   */
  exposure?: ReadonlyMap<string, number>;
  /**
   * The earlier papers of the level. Besides the counts, they decide between items of equal
   * exposure: the next item is the one whose earlier papers share the fewest items with this paper
   * so far (then the seeded order), so that the new paper's overlap with each earlier one stays even
   * instead of piling up on one by chance. Their ids are recorded on the paper (`exposure.papers`).
   * This only reorders the items of a bucket: the blueprint, the own-level minimum and the enemy
   * rule are the same as without it.
   */
  previous?: readonly PriorPaper[];
};

/**
 * Builds a theory paper from the items that may enter papers (isEligible: reviewed, active or
 * legacy), never two items of one enemy tag, reproducibly from (version, level, seed, options).
 */
export function assembleTheoryPaper(
  bank: readonly BankItem[],
  level: Level,
  seed: number,
  version: string,
  options: AssemblyOptions = {},
): AssemblyResult {
  const random = seededRandom(`${version}|${level}|theory|${seed}`);
  const live = bank.filter(isEligible).sort((a, b) => a.id.localeCompare(b.id));
  const previous = options.previous;
  const exposure = options.exposure ?? (previous ? exposureOf(previous) : undefined);
  const used = (i: BankItem) => exposure?.get(i.id) ?? 0;
  // Stable: equal exposure keeps the shuffled order.
  const byExposure = (items: BankItem[]) => (exposure ? [...items].sort((a, b) => used(a) - used(b)) : items);
  const draw = (items: readonly BankItem[]) => byExposure(shuffled(items, random));
  const usedEnemies = new Set<string>();
  const blocked = (i: BankItem, local: ReadonlySet<string>) => !!i.enemy && (usedEnemies.has(i.enemy) || local.has(i.enemy));
  /** Up to `n` items in order, skipping any whose enemy tag is taken (by the paper or an earlier pick). */
  const takeInOrder = (candidates: readonly BankItem[], n: number): BankItem[] => {
    const out: BankItem[] = [];
    const local = new Set<string>();
    for (const i of candidates) {
      if (out.length >= n) break;
      if (blocked(i, local)) continue;
      if (i.enemy) local.add(i.enemy);
      out.push(i);
    }
    return out;
  };
  // With earlier papers: shared[k] = items of this paper so far that earlier paper k also holds.
  const shared = (previous ?? []).map(() => 0);
  const heldBy = new Map<string, number[]>();
  (previous ?? []).forEach((p, k) => {
    for (const id of new Set(p.items)) heldBy.set(id, [...(heldBy.get(id) ?? []), k]);
  });
  /** How much taking `i` would add to the paper's overlap with the earlier papers: [max, sum]. */
  const cost = (i: BankItem): [number, number] => {
    const ks = heldBy.get(i.id) ?? [];
    return [ks.reduce((m, k) => Math.max(m, shared[k] + 1), 0), ks.reduce((s, k) => s + shared[k], 0)];
  };
  /**
   * Like takeInOrder over candidates sorted by exposure, but among the least exposed items still
   * available the one that adds least to the overlap with any one earlier paper comes first
   * (ties: the seeded order). Updates `shared`, so it is only called for items the paper takes.
   */
  const takeSpread = (candidates: readonly BankItem[], n: number): BankItem[] => {
    const out: BankItem[] = [];
    const local = new Set<string>();
    const left = [...candidates];
    while (out.length < n) {
      let best = -1;
      let bestCost: [number, number] = [0, 0];
      for (let k = 0; k < left.length; k++) {
        const i = left[k];
        if (blocked(i, local)) continue;
        if (best >= 0 && used(i) > used(left[best])) break; // sorted by exposure: only the least used compete
        const c = cost(i);
        if (best < 0 || c[0] < bestCost[0] || (c[0] === bestCost[0] && c[1] < bestCost[1])) {
          best = k;
          bestCost = c;
        }
      }
      if (best < 0) break;
      const [i] = left.splice(best, 1);
      if (i.enemy) local.add(i.enemy);
      for (const k of heldBy.get(i.id) ?? []) shared[k]++;
      out.push(i);
    }
    return out;
  };
  const take = previous && previous.length > 0 ? takeSpread : takeInOrder;
  const commit = (items: readonly BankItem[]) => {
    for (const i of items) if (i.enemy) usedEnemies.add(i.enemy);
  };
  const sections: PaperSection[] = [];
  const shortfalls: Shortfall[] = [];
  for (const { area, weight, counts } of theoryBlueprint(level)) {
    const picked: BankItem[] = [];
    for (const type of TYPES) {
      const need = counts[type];
      if (need === 0) continue;
      const bucket = (lv: BankItem["level"]) => live.filter((i) => i.level === lv && i.area === area && i.type === type);
      if (BASIC_AREAS.includes(area)) {
        const pool = bucket("common");
        const got = take(draw(pool), need);
        commit(got);
        if (got.length < need)
          shortfalls.push({ level: "common", area, type, need, have: got.length, ...(pool.length >= need ? { enemies: true } : {}) });
        picked.push(...got);
        continue;
      }
      const own = draw(bucket(level));
      const minOwn = ownLevelMinimum(need);
      const lower = LOWER_LEVELS[level].flatMap((l) => bucket(l));
      const first = take(own, minOwn);
      commit(first);
      const firstIds = new Set(first.map((i) => i.id));
      const rest = draw([...own.filter((i) => !firstIds.has(i.id)), ...lower]);
      // Everything of the rest that could still be drawn (distinct enemy tags), then what is drawn.
      const restAll = takeInOrder(rest, Infinity);
      const more = take(rest, need - first.length);
      commit(more);
      // Two rules can fail: enough items in all, and at least half from the own level. Name the
      // one with the larger deficit, so that fixing the bank by the message fixes it at once.
      const totalShort = need - (first.length + restAll.length);
      const ownShort = minOwn - first.length;
      if (totalShort > 0 || ownShort > 0) {
        // `enemies`: the bucket has the items, but too many of them share enemy tags
        const enemies = totalShort >= ownShort ? own.length + lower.length >= need : own.length >= minOwn;
        const flag = enemies ? { enemies: true } : {};
        if (totalShort >= ownShort) shortfalls.push({ level, area, type, need, have: need - totalShort, ...flag });
        else shortfalls.push({ level, area, type, need: minOwn, have: first.length, ownLevel: true, ...flag });
      }
      picked.push(...first, ...more);
    }
    const items = picked.map((i) => ({ id: i.id, type: i.type, points: ITEM_POINTS[i.type], level: i.level, requirement: i.requirement }));
    sections.push({ area, weight, points: items.reduce((s, i) => s + i.points, 0), items });
  }
  if (shortfalls.length > 0) return { ok: false, shortfalls, message: shortfallMessage(shortfalls) };
  return {
    ok: true,
    paper: {
      level,
      kind: "theory",
      seed,
      bankVersion: version,
      totalPoints: sections.reduce((s, x) => s + x.points, 0),
      sections,
      ...(previous ? { exposure: { papers: previous.map((p) => p.id) } } : {}),
    },
  };
}

/**
 * `count` papers of a level as successive sittings get them: seeds 1..count, each assembled with
 * the papers before it as `previous` (ids "seed-1", "seed-2", …). An error message if one fails.
 */
export function assembleInSequence(bank: readonly BankItem[], level: Level, version: string, count: number): TheoryPaper[] | string {
  const out: TheoryPaper[] = [];
  const previous: PriorPaper[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const r = assembleTheoryPaper(bank, level, seed, version, { previous: [...previous] });
    if (!r.ok) return r.message;
    out.push(r.paper);
    previous.push({ id: `seed-${seed}`, items: paperItemIds(r.paper) });
  }
  return out;
}

/** One candidate's view: items shuffled within each area, options shuffled (keys follow the letters). */
export type CandidateOrder = { itemId: string; options: string[] }[];

export function candidateOrder(
  paper: TheoryPaper,
  bank: ReadonlyMap<string, Pick<BankItem, "options">>,
  candidateKey: string,
): CandidateOrder {
  const random = seededRandom(`order|${candidateKey}`);
  return paper.sections.flatMap((s) =>
    shuffled(s.items, random).map((i) => ({
      itemId: i.id,
      options: i.type === "判断" ? [] : shuffled(Object.keys(bank.get(i.id)?.options ?? {}).sort(), random),
    })),
  );
}
