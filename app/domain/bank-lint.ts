// Bank lint: figures that show whether the theory bank measures knowledge rather than test-taking
// cues (README "Lint"). Pure: the caller reads the files; every figure is in the returned object.
import { assembleInSequence, assembleTheoryPaper, ITEM_POINTS, paperItemIds, type TheoryPaper } from "./assembly";
import { bankVersion, itemStatus, loadBank, type BankFile, type BankItem, type ItemStatus } from "./bank";
import { LEVEL_LABELS, LEVELS, type Level } from "./levels";
import { lawFinder, loadLaws, type Law } from "./laws";
import { parseYamlList } from "./yaml-list";

/** Words that make a 判断 stem "absolute"; a cue-only candidate answers 错误 to such stems. */
export const ABSOLUTE_WORDS = [
  "只需",
  "无需",
  "即可",
  "一律",
  "必须",
  "所有",
  "任何",
  "一切",
  "完全",
  "绝对",
  "全部",
  "总是",
  "从不",
  "只要",
  "只有",
  "仅",
  "均",
  "凡是",
  "一概",
  "都",
] as const;

export type LintThresholds = {
  /** Fail when the key is the strictly longest option in more than this share of all 单选. */
  longestKeyMax: number;
  /** Fail when a cue-only candidate's mean score on some level reaches this (out of 100). */
  cueMeanFail: number;
  /** Only reported: the mean the bank should stay under. */
  cueMeanTarget: number;
  /** Two items are near duplicates at or above this Dice similarity of character bigrams. */
  nearDuplicate: number;
  /** Papers assembled per level for the cue-only candidate (also the independent overlap figure). */
  seedsPerLevel: number;
  /** Fail when two of the sequential papers of a level share more than this share of their items. */
  overlapMax: number;
  /** Papers assembled in sequence per level, each with the earlier ones as exposure. */
  sequentialPapers: number;
};

/** Two papers of one level share at most a third of their items (issue 17, "Size and exposure"). */
export const OVERLAP_MAX = 1 / 3;

export const DEFAULT_THRESHOLDS: LintThresholds = {
  longestKeyMax: 0.35,
  cueMeanFail: 40,
  cueMeanTarget: 30,
  nearDuplicate: 0.6,
  seedsPerLevel: 20,
  overlapMax: OVERLAP_MAX,
  sequentialPapers: 10,
};

type Letter = "A" | "B" | "C" | "D" | "E";

export type SingleFigures = {
  count: number;
  /** The key is longer than every other option. */
  strictlyLongest: number;
  /** The key is as long as the longest option (strictly longest included). */
  longestWithTies: number;
  /** The key is shorter than every other option. */
  strictlyShortest: number;
  keyLetters: Record<"A" | "B" | "C" | "D", number>;
};
export type MultiFigures = {
  count: number;
  /** Number of keyed letters → items. */
  keySizes: Record<string, number>;
  /** The key is every option but the (first) shortest one: what a cue-only candidate answers. */
  allButShortest: number;
  /** The key is every option. */
  allOptions: number;
};
export type JudgeFigures = {
  count: number;
  true: number;
  false: number;
  /** Stems with an absolute word (ABSOLUTE_WORDS). */
  absolute: number;
  absoluteTrue: number;
  absoluteFalse: number;
};
export type Figures = {
  items: number;
  single: SingleFigures;
  multi: MultiFigures;
  judge: JudgeFigures;
  status: Record<ItemStatus, number>;
};
export type FileFigures = Figures & { path: string };

/** Pairwise overlap among papers: the share of a paper's items that the other paper holds too. */
export type OverlapFigure = { papers: number; pairs: number; max: number; mean: number };
/**
 * Per level: `sequential`, papers of seeds 1..sequentialPapers assembled in turn, each with the
 * earlier ones as exposure (as sittings are); `independent`, seeds 1..seedsPerLevel without it.
 */
export type OverlapLevel = { level: Level; sequential: OverlapFigure; independent: OverlapFigure; error?: string };

export type CueLevel = { level: Level; papers: number; mean: number; max: number; min: number; scores: number[]; error?: string };
export type Finding = { id: string; where: string; message: string };
export type NearDuplicate = { a: string; b: string; whereA: string; whereB: string; similarity: number };

export type LintReport = {
  thresholds: LintThresholds;
  /** Validation errors of the bank and of laws.yaml: lint figures are only meaningful without them. */
  errors: string[];
  overall: Figures;
  files: FileFigures[];
  cue: CueLevel[];
  /** How much papers of one level share, with and without exposure. */
  overlap: OverlapLevel[];
  nearDuplicates: NearDuplicate[];
  /** Stem or explanation names a law but the item has no `law:`. */
  lawMentionWithoutLaw: Finding[];
  /** `law:` without `version`. */
  lawWithoutVersion: Finding[];
  /** `law.version` differs from laws.yaml (older: the item follows a superseded text). */
  lawVersionMismatch: Finding[];
  /** Laws named by items (law.name or 《…法》/《…条例》 mentions) that laws.yaml does not list. */
  lawsMissing: { name: string; ids: string[] }[];
  /** `law.name` that is an alias, not the name laws.yaml lists. */
  lawNameNotCanonical: Finding[];
  explanationMismatch: Finding[];
  /** Drafts (and items without status that name an author) waiting for review. */
  drafts: string[];
  failures: string[];
  warnings: string[];
};

const LETTERS: Letter[] = ["A", "B", "C", "D", "E"];

function len(s: string): number {
  return [...s.trim()].length;
}

export function isAbsolute(stem: string): boolean {
  return ABSOLUTE_WORDS.some((w) => stem.includes(w));
}

function optionEntries(i: BankItem): [Letter, string][] {
  return LETTERS.filter((l) => i.options?.[l] !== undefined).map((l) => [l, i.options![l]!]);
}

/** What a candidate who knows nothing but the cues answers (README "Lint"). */
export function cueAnswer(i: BankItem): string | string[] {
  if (i.type === "判断") return isAbsolute(i.stem) ? "错误" : "正确";
  const opts = optionEntries(i);
  if (i.type === "单选") {
    const max = Math.max(...opts.map(([, t]) => len(t)));
    return opts.find(([, t]) => len(t) === max)![0];
  }
  const min = Math.min(...opts.map(([, t]) => len(t)));
  const drop = opts.find(([, t]) => len(t) === min)![0];
  return opts.map(([l]) => l).filter((l) => l !== drop);
}

function sameKey(a: string | string[], b: string | string[]): boolean {
  return JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);
}

/** Points a cue-only candidate scores on a paper (多选 all or nothing). */
export function cueScore(paper: TheoryPaper, byId: ReadonlyMap<string, BankItem>): number {
  let score = 0;
  for (const s of paper.sections) {
    for (const p of s.items) {
      const i = byId.get(p.id)!;
      if (sameKey(cueAnswer(i), i.key)) score += ITEM_POINTS[i.type];
    }
  }
  return score;
}

function emptyStatus(): Record<ItemStatus, number> {
  return { draft: 0, reviewed: 0, active: 0, retired: 0 };
}

/** Figures over the given items; retired items count only in `status`. */
export function figuresOf(items: readonly BankItem[]): Figures {
  const status = emptyStatus();
  const single: SingleFigures = {
    count: 0,
    strictlyLongest: 0,
    longestWithTies: 0,
    strictlyShortest: 0,
    keyLetters: { A: 0, B: 0, C: 0, D: 0 },
  };
  const multi: MultiFigures = { count: 0, keySizes: {}, allButShortest: 0, allOptions: 0 };
  const judge: JudgeFigures = { count: 0, true: 0, false: 0, absolute: 0, absoluteTrue: 0, absoluteFalse: 0 };
  let live = 0;
  for (const i of items) {
    status[itemStatus(i)]++;
    if (i.retired) continue;
    live++;
    if (i.type === "判断") {
      judge.count++;
      const t = i.key === "正确";
      if (t) judge.true++;
      else judge.false++;
      if (isAbsolute(i.stem)) {
        judge.absolute++;
        if (t) judge.absoluteTrue++;
        else judge.absoluteFalse++;
      }
    } else if (i.type === "单选") {
      single.count++;
      const key = i.key as Letter;
      if (key in single.keyLetters) single.keyLetters[key as "A"]++;
      const k = len(i.options![key] ?? "");
      const others = optionEntries(i)
        .filter(([l]) => l !== key)
        .map(([, t]) => len(t));
      if (others.every((o) => k > o)) single.strictlyLongest++;
      if (others.every((o) => k >= o)) single.longestWithTies++;
      if (others.every((o) => k < o)) single.strictlyShortest++;
    } else {
      multi.count++;
      const keys = i.key as string[];
      multi.keySizes[String(keys.length)] = (multi.keySizes[String(keys.length)] ?? 0) + 1;
      if (sameKey(cueAnswer(i), keys)) multi.allButShortest++;
      if (keys.length === optionEntries(i).length) multi.allOptions++;
    }
  }
  return { items: live, single, multi, judge, status };
}

// ---------------------------------------------------------------------------------------------
// Near duplicates

function normalizeText(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, "");
}

function bigrams(s: string): Set<string> {
  const c = [...s];
  const out = new Set<string>();
  for (let k = 0; k + 1 < c.length; k++) out.add(c[k] + c[k + 1]);
  return out;
}

/** The text two items are compared on: the stem plus the keyed options' text (判断: the stem). */
export function comparableText(i: BankItem): string {
  if (i.type === "判断") return normalizeText(i.stem);
  const keys = Array.isArray(i.key) ? i.key : [i.key];
  return normalizeText(i.stem + keys.map((k) => i.options?.[k as Letter] ?? "").join(""));
}

/** Dice coefficient of the two texts' character-bigram sets, 0..1. */
export function similarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Pairs of live items at or above `threshold` that do not share an enemy tag, most similar first. */
export function nearDuplicates(items: readonly BankItem[], threshold: number, where: (id: string) => string = (id) => id): NearDuplicate[] {
  const live = items.filter((i) => !i.retired).map((i) => ({ i, g: bigrams(comparableText(i)) }));
  const out: NearDuplicate[] = [];
  for (let x = 0; x < live.length; x++) {
    for (let y = x + 1; y < live.length; y++) {
      const a = live[x],
        b = live[y];
      if (a.i.enemy && a.i.enemy === b.i.enemy) continue;
      // Dice can be at most 2·min/(|A|+|B|): skip pairs whose sizes alone rule it out.
      if ((2 * Math.min(a.g.size, b.g.size)) / (a.g.size + b.g.size) < threshold) continue;
      const s = dice(a.g, b.g);
      if (s >= threshold)
        out.push({ a: a.i.id, b: b.i.id, whereA: where(a.i.id), whereB: where(b.i.id), similarity: Math.round(s * 1000) / 1000 });
    }
  }
  return out.sort((p, q) => q.similarity - p.similarity || p.a.localeCompare(q.a));
}

// ---------------------------------------------------------------------------------------------
// Laws

/** Names of laws a text mentions: 《…》 titles that are laws (…法, …条例) or listed, "依据…法" phrases, GB numbers, listed short names. */
export function lawMentions(text: string, find: (name: string) => Law | undefined, laws: readonly Law[] = []): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/《([^》]{2,40})》/g)) {
    const t = m[1].trim();
    const law = find(t);
    if (law) out.add(law.name);
    else if (/(法|条例)$/.test(t)) out.add(t);
  }
  for (const m of text.matchAll(/(?:依据|根据|依照|按照)([\p{Script=Han}]{2,20}?(?:法|条例))(?![律规典人院官庭》])/gu)) {
    const t = m[1];
    if (/^(有关|相关|法律|国家)/.test(t) || t.length < 3) continue;
    const law = find(t);
    out.add(law ? law.name : t);
  }
  for (const m of text.matchAll(/GB(?:\/T)?\s*\d{3,6}(?:\.\d+)?/g)) {
    const law = find(m[0]);
    if (law) out.add(law.name);
  }
  // Short names of listed laws written without 《》 ("行政许可法规定……").
  for (const l of laws) {
    if (out.has(l.name)) continue;
    const short = l.name.startsWith("中华人民共和国") ? l.name.slice("中华人民共和国".length) : null;
    if (short && short.length >= 2 && text.includes(short)) out.add(l.name);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Explanation / key consistency

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** Mismatches between what the explanation says the answer is and the key, found mechanically. */
export function explanationProblems(i: BankItem): string[] {
  const e = i.explanation;
  const out: string[] = [];
  const letters = optionEntries(i).map(([l]) => l);
  const keys = Array.isArray(i.key) ? [...i.key].sort() : [i.key];
  const say = (what: string, want: string[]) => {
    if (i.type === "判断") return;
    if (want.join("") !== keys.join("")) out.push(`解析称“${what}”（即 ${want.join("、")}），但答案是 ${keys.join("、")}`);
  };
  if (i.type !== "判断") {
    for (const m of e.matchAll(/([前后])([一二两三四五])项/g)) {
      const n = CN_NUM[m[2]];
      // "前三项均…/前三项都…" and similar claim the first (or last) n options are the answer
      if (n > letters.length) continue;
      say(m[0], m[1] === "前" ? letters.slice(0, n) : letters.slice(letters.length - n));
    }
    if (
      /以上(?:各项|几项|选项|[二两三四五]项)?(?:都|均|全)(?:是|对|正确|属于|符合|可以|应当)/.test(e) ||
      /(?:[四五]项|各选项|所有选项)(?:都|均|全)(?:是|对|正确|属于|符合)/.test(e)
    ) {
      say("以上各项都对", letters);
    }
    for (const m of e.matchAll(
      /(?:正确答案|答案|故选|应选|本题选)(?:为|是|应为)?[：:\s]*([A-E](?:\s*[、，,和及与]?\s*[A-E])*)(?![A-Za-z])/g,
    )) {
      const want = [...new Set(m[1].replace(/[^A-E]/g, "").split(""))].sort();
      say(m[0].trim(), want);
    }
  } else {
    const claim =
      /^(?:正确|对)[。，；,;]/.test(e) || /(?:题干|本题|该|这一|此|这种|上述)(?:说法|表述|观点|做法)(?:是)?正确/.test(e)
        ? "正确"
        : /^(?:错误|错)[。，；,;]/.test(e) || /(?:题干|本题|该|这一|此|这种|上述)(?:说法|表述|观点|做法)(?:是)?(?:错误|不正确|有误)/.test(e)
          ? "错误"
          : null;
    if (claim !== null && claim !== i.key) out.push(`解析称说法${claim}，但答案是 ${i.key}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Max and mean over all pairs of the share of items two papers have in common (of the smaller one). */
export function pairwiseOverlap(papers: readonly TheoryPaper[]): OverlapFigure {
  const sets = papers.map((p) => new Set(paperItemIds(p)));
  let max = 0;
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < sets.length; a++) {
    for (let b = a + 1; b < sets.length; b++) {
      let common = 0;
      for (const id of sets[a]) if (sets[b].has(id)) common++;
      const share = common / Math.max(1, Math.min(sets[a].size, sets[b].size));
      max = Math.max(max, share);
      sum += share;
      pairs++;
    }
  }
  return { papers: papers.length, pairs, max, mean: pairs === 0 ? 0 : sum / pairs };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The overlap figures as Chinese lines (section "组卷重合度" of `npm run bank -- lint`): per level
 * the sequential and the independent max / mean, and what the independent figure means.
 */
export function overlapSection(r: Pick<LintReport, "overlap" | "thresholds">): string[] {
  const t = r.thresholds;
  const limit = t.overlapMax === OVERLAP_MAX ? "三分之一" : percent(t.overlapMax);
  const lines = [
    `组卷重合度（两份同级试卷共有题目占一份试卷题目的比例；依次组卷：种子 1–${t.sequentialPapers} 依次组卷，每份考虑此前各份的曝光，与考试场次组卷相同；独立组卷：种子 1–${t.seedsPerLevel}，不考虑曝光；上限 ${limit}）`,
  ];
  for (const o of r.overlap) {
    if (o.error) {
      lines.push(`${o.level} ${LEVEL_LABELS[o.level]}：无法组卷：${o.error}`);
      continue;
    }
    const s = o.sequential;
    const i = o.independent;
    lines.push(
      `${o.level} ${LEVEL_LABELS[o.level]}：依次组卷 ${s.papers} 份 最高 ${percent(s.max)}、平均 ${percent(s.mean)}${s.max > t.overlapMax ? "（超过上限）" : ""}；` +
        `独立组卷 ${i.papers} 份 最高 ${percent(i.max)}、平均 ${percent(i.mean)}`,
    );
  }
  if (r.overlap.some((o) => !o.error && o.independent.max > t.overlapMax)) {
    lines.push(
      `不考虑曝光、各自随机组卷时，个别两份试卷共有的题目超过${limit}：工作区域的题目桶只有每卷抽题量的约 3 倍，独立抽题时两份试卷平均约共有五分之一到四分之一，随机波动使个别两份更高。` +
        `要让独立组卷也不超过${limit}，须扩充题库（工作区域每桶至少约 4 倍，留有余量约 5 倍）；考试场次按曝光依次组卷，以依次组卷的数字为准，独立组卷的数字不判为未通过。`,
    );
  }
  return lines;
}

export type LintInput = { files: readonly BankFile[]; laws: { path: string; text: string } };

const pct = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Runs every check. `failures` and `warnings` are Chinese sentences; the figures are all in the report. */
export function lintBank(input: LintInput, thresholds: LintThresholds = DEFAULT_THRESHOLDS): LintReport {
  const { items, errors: bankErrors } = loadBank(input.files);
  const book = loadLaws(input.laws.path, input.laws.text);
  const errors = [...bankErrors, ...book.errors];
  const find = lawFinder(book.laws);

  // id → "path:line" and id → path, from the files themselves.
  const whereOf = new Map<string, string>();
  const fileOf = new Map<string, string>();
  for (const f of [...input.files].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const { line, raw } of parseYamlList(f.path, f.text, "题目").entries) {
      if (typeof raw.id !== "string" || whereOf.has(raw.id)) continue;
      whereOf.set(raw.id, `${f.path}:${line}`);
      fileOf.set(raw.id, f.path);
    }
  }
  const where = (id: string) => whereOf.get(id) ?? id;
  const finding = (i: BankItem, message: string): Finding => ({ id: i.id, where: where(i.id), message });

  const overall = figuresOf(items);
  const byFile = new Map<string, BankItem[]>();
  for (const i of items) {
    const p = fileOf.get(i.id) ?? "?";
    if (!byFile.has(p)) byFile.set(p, []);
    byFile.get(p)!.push(i);
  }
  const files = [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, list]) => ({ path, ...figuresOf(list) }));

  // The cue-only candidate on real papers.
  const version = bankVersion(items);
  const byId = new Map(items.map((i) => [i.id, i]));
  const independent = new Map<Level, TheoryPaper[]>();
  const cue: CueLevel[] = LEVELS.map((level) => {
    const scores: number[] = [];
    const papers: TheoryPaper[] = [];
    independent.set(level, papers);
    for (let seed = 1; seed <= thresholds.seedsPerLevel; seed++) {
      const r = assembleTheoryPaper(items, level, seed, version);
      if (!r.ok) return { level, papers: 0, mean: 0, max: 0, min: 0, scores: [], error: r.message };
      scores.push(cueScore(r.paper, byId));
      papers.push(r.paper);
    }
    const mean = Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10;
    return { level, papers: scores.length, mean, max: Math.max(...scores), min: Math.min(...scores), scores };
  });

  // Overlap between papers of one level: in sequence with exposure, and independently drawn.
  const none: OverlapFigure = { papers: 0, pairs: 0, max: 0, mean: 0 };
  const overlap: OverlapLevel[] = LEVELS.map((level) => {
    const seq = assembleInSequence(items, level, version, thresholds.sequentialPapers);
    const error = typeof seq === "string" ? seq : cue.find((c) => c.level === level)?.error;
    if (error) return { level, sequential: none, independent: none, error };
    return { level, sequential: pairwiseOverlap(seq as TheoryPaper[]), independent: pairwiseOverlap(independent.get(level)!) };
  });

  const dups = nearDuplicates(items, thresholds.nearDuplicate, where);

  // Laws.
  const lawMentionWithoutLaw: Finding[] = [];
  const lawWithoutVersion: Finding[] = [];
  const lawVersionMismatch: Finding[] = [];
  const lawNameNotCanonical: Finding[] = [];
  const missing = new Map<string, string[]>();
  const addMissing = (name: string, id: string) => {
    if (!missing.has(name)) missing.set(name, []);
    if (!missing.get(name)!.includes(id)) missing.get(name)!.push(id);
  };
  for (const i of items) {
    if (i.retired) continue;
    const mentions = lawMentions(`${i.stem}\n${i.explanation}`, find, book.laws);
    for (const m of mentions) if (!find(m)) addMissing(m, i.id);
    if (!i.law) {
      if (mentions.length > 0)
        lawMentionWithoutLaw.push(finding(i, `题干或解析提到 ${mentions.map((m) => `《${m}》`).join("、")}，但没有 law:`));
      continue;
    }
    const law = find(i.law.name);
    if (!law) {
      addMissing(i.law.name, i.id);
    } else if (law.name !== i.law.name) {
      lawNameNotCanonical.push(finding(i, `law.name 应写 laws.yaml 中的名称「${law.name}」`));
    }
    if (!i.law.version) {
      lawWithoutVersion.push(finding(i, `law 缺少 version${law ? `（现行文本 ${law.version}）` : ""}`));
    } else if (law && i.law.version !== law.version) {
      lawVersionMismatch.push(
        finding(
          i,
          i.law.version < law.version
            ? `依据的是 ${i.law.version} 的旧文本，${law.name} 现行文本为 ${law.version}（${law.note}），请按现行文本核对后更新 version`
            : `law.version ${i.law.version} 晚于 laws.yaml 中 ${law.name} 的 ${law.version}，请核对日期或更新 laws.yaml`,
        ),
      );
    }
  }
  const lawsMissing = [...missing.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, ids]) => ({ name, ids }));

  const explanationMismatch = items.filter((i) => !i.retired).flatMap((i) => explanationProblems(i).map((m) => finding(i, m)));
  const drafts = items.filter((i) => itemStatus(i) === "draft").map((i) => i.id);

  // Verdicts.
  const failures: string[] = [];
  const warnings: string[] = [];
  const share = (n: number, d: number) => `${(pct(n, d) * 100).toFixed(1)}%`;
  if (errors.length) failures.push(`题库或 laws.yaml 有 ${errors.length} 处校验错误`);
  if (pct(overall.single.strictlyLongest, overall.single.count) > thresholds.longestKeyMax) {
    failures.push(
      `单选题答案为唯一最长选项的占 ${share(overall.single.strictlyLongest, overall.single.count)}，超过 ${(thresholds.longestKeyMax * 100).toFixed(0)}%`,
    );
  }
  for (const c of cue) {
    if (c.error) failures.push(`${c.level} 无法组卷：${c.error}`);
    else if (c.mean >= thresholds.cueMeanFail)
      failures.push(`只凭线索作答在 ${c.level} 试卷上平均得 ${c.mean} 分，达到 ${thresholds.cueMeanFail} 分`);
    else if (c.mean >= thresholds.cueMeanTarget)
      warnings.push(`只凭线索作答在 ${c.level} 试卷上平均得 ${c.mean} 分，未低于目标 ${thresholds.cueMeanTarget} 分`);
  }
  for (const o of overlap) {
    if (o.error || o.sequential.max <= thresholds.overlapMax) continue;
    failures.push(
      `${o.level} 依次组卷 ${o.sequential.papers} 份试卷（每份考虑此前各份的曝光）两份最多共有 ${percent(o.sequential.max)} 的题目，超过上限 ${percent(thresholds.overlapMax)}`,
    );
  }
  // The figures themselves, as notes: `bank lint` prints warnings (its own section would be better).
  // The independent figure never fails: sittings assemble with exposure.
  warnings.push(...overlapSection({ overlap, thresholds }));
  if (lawsMissing.length) failures.push(`有 ${lawsMissing.length} 部法律法规或标准被引用但不在 laws.yaml 中`);
  if (lawVersionMismatch.length) failures.push(`有 ${lawVersionMismatch.length} 道题的 law.version 与 laws.yaml 不一致`);
  if (explanationMismatch.length) failures.push(`有 ${explanationMismatch.length} 道题的解析与答案不符`);
  if (lawMentionWithoutLaw.length) warnings.push(`有 ${lawMentionWithoutLaw.length} 道题提到法律法规但没有 law:`);
  if (lawWithoutVersion.length) warnings.push(`有 ${lawWithoutVersion.length} 道题的 law 缺少 version`);
  if (lawNameNotCanonical.length) warnings.push(`有 ${lawNameNotCanonical.length} 道题的 law.name 不是 laws.yaml 中的名称`);
  if (dups.length) warnings.push(`有 ${dups.length} 对相似题目（相似度 ≥ ${thresholds.nearDuplicate}）没有共同的 enemy 标签`);
  for (const l of ["A", "B", "C", "D"] as const) {
    const s = pct(overall.single.keyLetters[l], overall.single.count);
    if (s < 0.2 || s > 0.3)
      warnings.push(`单选题答案为 ${l} 的占 ${share(overall.single.keyLetters[l], overall.single.count)}，不在 20%–30% 之间`);
  }
  const j = overall.judge;
  if (pct(j.true, j.count) < 0.4 || pct(j.true, j.count) > 0.6)
    warnings.push(`判断题答案为“正确”的占 ${share(j.true, j.count)}，不在 40%–60% 之间`);
  if (pct(j.absoluteTrue, j.absolute) < 0.4 || pct(j.absoluteTrue, j.absolute) > 0.6) {
    warnings.push(`含绝对化用词的判断题中答案为“正确”的占 ${share(j.absoluteTrue, j.absolute)}，不在 40%–60% 之间`);
  }
  if (drafts.length) warnings.push(`有 ${drafts.length} 道草稿题待审核（不进入试卷）`);

  return {
    thresholds,
    errors,
    overall,
    files,
    cue,
    overlap,
    nearDuplicates: dups,
    lawMentionWithoutLaw,
    lawWithoutVersion,
    lawVersionMismatch,
    lawsMissing,
    lawNameNotCanonical,
    explanationMismatch,
    drafts,
    failures,
    warnings,
  };
}
