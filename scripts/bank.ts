// 题库命令行工具：npm run bank -- validate | stats | import
//   validate  校验 question-bank/theory 下的全部题目文件（错误输出为 “文件:行: 说明”）
//   stats     每个等级、每个区域、每种题型的题量与一份试卷抽题量之比，以及工作内容覆盖情况
//   import    校验后把题库导入数据库（DATABASE_URL，默认 data/app.db），幂等
import { theoryBlueprint } from "~/domain/assembly";
import { ITEM_TYPES, type BankItem } from "~/domain/bank";
import { BASIC_AREAS, LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { REQUIREMENTS, workContentsOf } from "~/domain/standard";
import { BANK_DIR, loadBankFromDisk } from "~/features/bank/files.server";
import { table } from "./text-table";

const USAGE = `用法：npm run bank -- <命令>

命令：
  validate   校验题库文件，逐条列出错误（文件:行: 说明）
  stats      统计各等级、区域、题型的题量（不足一份试卷抽题量 2 倍的标记“不足2倍”）及工作内容覆盖情况
  import     校验后将题库导入数据库（使用 DATABASE_URL，默认 data/app.db）

题库目录：${BANK_DIR}（可用环境变量 BANK_DIR 指定）`;


function loadOrReport(): { items: BankItem[]; errors: string[]; version: string } {
  const bank = loadBankFromDisk();
  for (const e of bank.errors) console.error(e);
  return bank;
}

/** The skill task bank (question-bank/skill), validated; errors go to stderr as file:line. */
async function loadSkillOrReport() {
  const { loadSkillBankFromDisk } = await import("~/features/skill-scoring/service.server");
  const r = loadSkillBankFromDisk();
  for (const e of r.errors) console.error(e);
  return r;
}

async function validate(): Promise<number> {
  const { items, errors, version } = loadOrReport();
  const skill = await loadSkillOrReport();
  if (errors.length > 0 || skill.errors.length > 0) {
    console.error(`题库校验未通过：共 ${errors.length + skill.errors.length} 处错误。`);
    return 1;
  }
  const retired = items.filter((i) => i.retired).length;
  console.log(`题库校验通过：共 ${items.length} 道题（在用 ${items.length - retired} 道，已退役 ${retired} 道），题库版本 ${version}。`);
  console.log(`技能题库校验通过：共 ${skill.tasks.length} 个实操任务，版本 ${skill.version}。`);
  return 0;
}

function stats(): number {
  const { items, errors, version } = loadOrReport();
  if (errors.length > 0) console.error(`题库校验未通过：共 ${errors.length} 处错误；以下统计只包括通过校验的题目。\n`);
  const live = items.filter((i) => !i.retired);
  const count = (level: BankItem["level"], area: string, type: string) => live.filter((i) => i.level === level && i.area === area && i.type === type).length;

  console.log(`题库版本 ${version}：共 ${items.length} 道题，在用 ${live.length} 道。\n`);
  console.log("一、题量与一份试卷抽题量之比（基础要求区域统计公共题；工作要求区域统计本级题，一份试卷最多从本级抽满全部题量）\n");
  const rows: string[][] = [];
  let short = 0;
  for (const level of LEVELS) {
    for (const { area, counts } of theoryBlueprint(level)) {
      const basic = BASIC_AREAS.includes(area);
      const bucketLevel: BankItem["level"] = basic ? "common" : level;
      for (const type of ITEM_TYPES) {
        const need = counts[type];
        const have = count(bucketLevel, area, type);
        // Rounded down, so that a ratio shown as 2.00× is never below 2.
        const ratio = need === 0 ? "—" : `${(Math.floor((have / need) * 100) / 100).toFixed(2)}×`;
        const flag = need > 0 && have < 2 * need ? "不足2倍" : "";
        if (flag) short++;
        rows.push([level, area, basic ? "公共" : level, type, String(need), String(have), ratio, flag]);
      }
    }
  }
  console.log(table(["试卷等级", "区域", "题目来源", "题型", "每卷抽题", "在用题量", "倍数", "提示"], rows, [4, 5, 6]));
  console.log(short === 0 ? "\n所有题目桶的在用题量均达到每卷抽题量的 2 倍以上。" : `\n共 ${short} 个题目桶不足每卷抽题量的 2 倍。`);

  console.log("\n二、工作内容覆盖（在用题目数）\n");
  const byContent = new Map<string, number>();
  for (const i of live) {
    const r = REQUIREMENTS.get(i.requirement);
    if (!r) continue;
    const k = `${r.level}|${r.workContent}`;
    byContent.set(k, (byContent.get(k) ?? 0) + 1);
  }
  const coverRows: string[][] = [];
  let empty = 0;
  for (const level of ["common", ...LEVELS] as (Level | "common")[]) {
    for (const wc of workContentsOf(level)) {
      const n = byContent.get(`${level}|${wc}`) ?? 0;
      if (n === 0) empty++;
      coverRows.push([level === "common" ? "公共（基础要求）" : `${level} ${LEVEL_LABELS[level]}`, wc, String(n), n === 0 ? "无题目" : ""]);
    }
  }
  console.log(table(["等级", "工作内容", "题目数", "提示"], coverRows, [2]));
  console.log(empty === 0 ? "\n每项工作内容都有题目。" : `\n共 ${empty} 项工作内容没有题目。`);
  return errors.length > 0 ? 1 : 0;
}

async function importCommand(): Promise<number> {
  const { items, errors, version } = loadOrReport();
  if (errors.length > 0) {
    console.error(`题库校验未通过：共 ${errors.length} 处错误，未导入。`);
    return 1;
  }
  const { db, ensureDbReady } = await import("~/platform/db.server");
  const { importBank } = await import("~/features/bank/import.server");
  try {
    await ensureDbReady();
    const s = await importBank(db, items, version);
    if (s.alreadyCurrent) {
      console.log(`题库已是最新版本（版本 ${s.version}，共 ${s.unchanged} 道题），无需导入。`);
    } else {
      console.log(`题库导入完成：版本 ${s.version}，新增 ${s.added} 道，修改 ${s.changed} 道，退役 ${s.retired} 道，未变 ${s.unchanged} 道。`);
    }
    const skill = await loadSkillOrReport();
    if (skill.errors.length) {
      console.error(`技能题库校验未通过：共 ${skill.errors.length} 处错误，未导入。`);
      return 1;
    }
    const { importSkillBank } = await import("~/features/skill-scoring/service.server");
    const k = await importSkillBank(db, skill.tasks, skill.version);
    console.log(k.alreadyCurrent ? `技能题库已是最新版本 ${k.version}。` : `技能题库导入完成：版本 ${k.version}，新增 ${k.added}，修改 ${k.changed}，退役 ${k.retired}。`);
    return 0;
  } catch (e) {
    console.error(`题库导入失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.length > 0 && command !== undefined && ["validate", "stats", "import"].includes(command)) {
    console.error(`多余的参数：${rest.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case "validate":
      return await validate();
    case "stats":
      return stats();
    case "import":
      return importCommand();
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    default:
      console.error(command === undefined ? `缺少命令。\n\n${USAGE}` : `未知命令：${command}\n\n${USAGE}`);
      return 2;
  }
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
