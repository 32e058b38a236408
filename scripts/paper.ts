// 组卷命令行工具（只读题库文件，不用数据库）：
//   npm run paper -- --level L5|L4|L3 --kind theory --seed N [--after N] [--json] [--bank DIR]
import path from "node:path";
import { parseArgs } from "node:util";
import { assembleInSequence, assembleTheoryPaper, paperItemIds, type TheoryPaper } from "~/domain/assembly";
import { assembleSkillPaper } from "~/domain/skill";
import { loadSkillBankFromDisk } from "~/features/bank/index.server";
import { ITEM_TYPES } from "~/domain/bank";
import { isLevel, LEVEL_LABELS, type Level } from "~/domain/levels";
import { BANK_DIR, loadBankFromDisk } from "~/features/bank/files.server";
import { table } from "./text-table";

const USAGE = `用法：npm run paper -- --level L5|L4|L3 --kind theory --seed N [--after N] [--json] [--bank 目录]

参数：
  --level   试卷等级：L5（五级/初级工）、L4（四级/中级工）、L3（三级/高级工）
  --kind    试卷类型：theory（理论知识，默认）；skill（技能考核）
  --seed    随机种子，非负整数；同一题库版本、等级和种子总是得到同一份试卷
  --after   理论试卷按曝光组卷：先依次组 N 份（种子 1–N，每份考虑此前各份），本卷优先用这 N 份用得少的题，
            并尽量与每一份都少重合（与考试场次组卷相同）；输出与每一份共有的题数
  --json    以 JSON 输出试卷（默认输出中文组卷蓝图）
  --bank    题库目录（默认 ${path.relative(process.cwd(), BANK_DIR) || "."}）`;

function usage(problem: string): number {
  console.error(`${problem}\n\n${USAGE}`);
  return 2;
}

function blueprint(paper: TheoryPaper): string {
  const rows = paper.sections.map((s) => {
    const mix = ITEM_TYPES.map((t) => {
      const n = s.items.filter((i) => i.type === t).length;
      return n > 0 ? `${t}${n}` : "";
    }).filter(Boolean);
    const own = s.items.filter((i) => i.level === paper.level).length;
    const source = s.items.every((i) => i.level === "common")
      ? "公共"
      : own === s.items.length
        ? `本级${own}`
        : `本级${own} 下级${s.items.length - own}`;
    return [s.area, String(s.weight), String(s.points), String(s.items.length), mix.join(" "), source];
  });
  const total = paper.sections.reduce((n, s) => n + s.items.length, 0);
  const weights = paper.sections.reduce((n, s) => n + s.weight, 0);
  rows.push(["合计", String(weights), String(paper.totalPoints), String(total), "", ""]);
  return [
    `${LEVEL_LABELS[paper.level]}（${paper.level}）理论知识试卷 · 种子 ${paper.seed} · 题库版本 ${paper.bankVersion} · 总分 ${paper.totalPoints}`,
    "",
    table(["区域", "权重", "分值", "题数", "题型构成", "题目来源"], rows, [1, 2, 3]),
    "",
    "判断题、单选题每题 1 分，多选题每题 2 分（多选、少选、错选均不得分）。",
  ].join("\n");
}

/** node:util parseArgs reports in English; say it in Chinese. */
function parseArgsProblem(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const option = /'(--?[^' ]+)/.exec(err.message ?? "")?.[1];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知的参数：${option ?? ""}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `参数 ${option ?? ""} 的取值有误（缺少取值、取值以 - 开头，或开关参数带了取值）`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数：${/'([^']+)'/.exec(err.message ?? "")?.[1] ?? ""}`;
    default:
      return `参数有误：${err.message ?? String(e)}`;
  }
}

function main(argv: string[]): number {
  let values: { level?: string; kind?: string; seed?: string; after?: string; json?: boolean; bank?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        level: { type: "string" },
        kind: { type: "string" },
        seed: { type: "string" },
        after: { type: "string" },
        json: { type: "boolean" },
        bank: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return usage(parseArgsProblem(e));
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const kind = values.kind ?? "theory";
  if (kind !== "theory" && kind !== "skill") return usage(`未知的试卷类型：${kind}（应为 theory 或 skill）`);
  if (values.level === undefined) return usage("缺少 --level。");
  if (!isLevel(values.level)) return usage(`未知的等级：${values.level}（应为 L5、L4 或 L3）`);
  if (values.seed === undefined) return usage("缺少 --seed。");
  const seed = Number(values.seed);
  if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) return usage(`种子应为非负整数：${values.seed}`);
  if (values.bank !== undefined && values.bank.trim() === "") return usage("--bank 需要一个目录。");
  const after = values.after === undefined ? 0 : Number(values.after);
  if (values.after !== undefined && (!/^\d+$/.test(values.after) || after > 1000))
    return usage(`--after 应为 0–1000 的整数：${values.after}`);
  if (values.after !== undefined && kind === "skill") return usage("--after 只用于理论试卷（--kind theory）。");
  const level: Level = values.level;
  if (kind === "skill") return skillPaper(level, seed, values.json === true, values.bank);

  let bank: ReturnType<typeof loadBankFromDisk>;
  try {
    bank = loadBankFromDisk(values.bank === undefined ? undefined : path.resolve(values.bank));
  } catch (e) {
    console.error(`无法读取题库目录 ${values.bank ?? BANK_DIR}：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  if (bank.errors.length > 0) {
    for (const e of bank.errors) console.error(e);
    console.error(`题库校验未通过：共 ${bank.errors.length} 处错误，无法组卷。`);
    return 1;
  }
  const earlier = after > 0 ? assembleInSequence(bank.items, level, bank.version, after) : [];
  if (typeof earlier === "string") {
    console.error(earlier);
    return 1;
  }
  const previous = earlier.map((p) => ({ id: `seed-${p.seed}`, items: paperItemIds(p) }));
  const result = assembleTheoryPaper(bank.items, level, seed, bank.version, after > 0 ? { previous } : {});
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  // With --after: how many items this paper shares with each earlier one.
  const mine = new Set(paperItemIds(result.paper));
  const shared = previous.map((p) => ({ paper: p.id, shared: p.items.filter((id) => mine.has(id)).length, of: mine.size }));
  if (values.json) {
    // Each item with its enemy tag (null if none), so that "one item per tag" can be checked by eye.
    const enemyOf = new Map(bank.items.map((i) => [i.id, i.enemy]));
    const paper = {
      ...result.paper,
      sections: result.paper.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, enemy: enemyOf.get(i.id) ?? null })) })),
      ...(after > 0 ? { overlap: shared } : {}),
    };
    console.log(JSON.stringify(paper, null, 2));
  } else {
    console.log(blueprint(result.paper));
    if (after > 0) {
      const most = shared.reduce((m, x) => Math.max(m, x.shared), 0);
      console.log(
        `\n按曝光组卷：此前依次组了 ${after} 份（种子 1–${after}）。本卷 ${mine.size} 题与每一份共有的题数：` +
          `${shared.map((x) => `${x.paper.replace("seed-", "种子")} ${x.shared}`).join("、")}；最多 ${most} 题（${((most / Math.max(1, mine.size)) * 100).toFixed(1)}%）。`,
      );
    }
  }
  return 0;
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));

/** `--kind skill`: the same JSON shape, each task an item with its rubric criteria under it. */
function skillPaper(level: Level, seed: number, json: boolean, dir: string | undefined): number {
  const bank = loadSkillBankFromDisk(dir === undefined ? undefined : path.resolve(dir));
  if (bank.errors.length > 0) {
    for (const e of bank.errors) console.error(e);
    console.error(`技能题库校验未通过：共 ${bank.errors.length} 处错误，无法组卷。`);
    return 1;
  }
  const result = assembleSkillPaper(bank.tasks, level, seed, bank.version);
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  if (json) console.log(JSON.stringify(result.paper, null, 2));
  else {
    const rows = result.paper.sections.flatMap((s) =>
      s.items.map((i) => [s.area, String(s.weight), i.id, i.title, String(i.points), `${i.minutes} 分钟`]),
    );
    console.log(table(["区域", "权重", "任务", "名称", "分值", "时间"], rows, [1, 4]));
    console.log(`\n合计 ${result.paper.totalPoints} 分，${result.paper.minutes} 分钟。`);
  }
  return 0;
}
