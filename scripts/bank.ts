// 题库命令行工具：npm run bank -- validate | stats | import
//   validate  校验 question-bank/theory 下的全部题目文件（错误输出为 “文件:行: 说明”）
//   stats     每个等级、每个区域、每种题型的题量与一份试卷抽题量之比，以及工作内容覆盖情况
//   import    校验后把题库导入数据库（DATABASE_URL，默认 data/app.db），幂等
//   lint      线索与一致性检查（最长选项、答案分布、只凭线索作答得分、相似题、法律版本、解析与答案）
//   review    记录一道题的审核：npm run bank -- review <id> --reviewer 姓名 [--date YYYY-MM-DD]
//   export    导出题库：export <文件.zip|文件.xlsx>（QTI 3.0 题目包 / 题库模板）
//   import-package  把题目包或模板导入为新的题库目录：import-package <文件> --into 目录
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { theoryBlueprint } from "~/domain/assembly";
import { isEligible, isIsoDate, itemStatus, ITEM_TYPES, type BankItem } from "~/domain/bank";
import { DEFAULT_THRESHOLDS, lintBank, type Figures, type LintReport } from "~/domain/bank-lint";
import { AREAS, BASIC_AREAS, LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { REQUIREMENTS, workContentsOf } from "~/domain/standard";
import {
  BANK_DIR,
  LAWS_FILE,
  loadBankFromDisk,
  readBankFiles,
  readLawsFile,
  withBankLock,
  writeItemStatus,
} from "~/features/bank/files.server";
import { bankXlsx, importPackage, qtiZip } from "~/features/bank/exchange.server";
import { table } from "./text-table";

/** Each bucket keeps at least this many times what one paper draws from it. */
const BUCKET_MULTIPLE = 3;

const USAGE = `用法：npm run bank -- <命令>

命令：
  validate   校验题库文件，逐条列出错误（文件:行: 说明）
  stats      统计各等级、区域、题型的题量（在用 = 可进入试卷的题目，草稿另列；不足一份试卷抽题量 3 倍的
             标记“不足3倍”）及工作内容覆盖情况
  import     校验后将题库导入数据库（使用 DATABASE_URL，默认 data/app.db）
  lint       检查题库是否“考知识而不是考技巧”：单选答案是否总是最长选项、答案字母分布、
             判断题正误分布（含绝对化用词的题干单列）、只凭线索作答在各级试卷上的得分、
             相似题目、法律法规引用及版本（对照 laws.yaml）、解析与答案是否一致、待审核草稿
             [--json] 以 JSON 输出全部数字；[--all] 列出全部条目（默认每类最多 20 条）
             有未通过的检查时退出码为 1
  review     记录审核并启用一道题：review <题目编号> --reviewer 审核人 [--date YYYY-MM-DD]
  export     导出题库：export <文件.zip>（QTI 3.0 题目包）或 export <文件.xlsx>（题库模板，可供填写）
             [--empty] 只导出空模板（含填写说明）
  import-package
             把 QTI 3.0/2.1 题目包（.zip）或填好的模板（.xlsx）导入为新的题库目录：
             import-package <文件> --into <新目录> [--level L5] [--area 业务办理] [--requirement L5/2.1.1] [--author 姓名]
             （包中缺少等级、区域、考核要求或作者时用这些值）；逐条校验，有任何错误都不写入。
             之后以 BANK_DIR=<新目录> 启动，即使用该题库（示例题库保持不变）
             （把该题的 status 改为 active，写入 reviewer 和 reviewed；审核人不能是作者本人）

题库目录：${BANK_DIR}（可用环境变量 BANK_DIR 指定）
法律法规版本表：${LAWS_FILE}（可用环境变量 LAWS_FILE 指定）`;

function loadOrReport(): { items: BankItem[]; errors: string[]; version: string } {
  const bank = loadBankFromDisk();
  for (const e of bank.errors) console.error(e);
  return bank;
}

/** The skill task bank (question-bank/skill), validated; errors go to stderr as file:line. */
async function loadSkillOrReport() {
  const { loadSkillBankFromDisk } = await import("~/features/bank/index.server");
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
  const drafts = items.filter((i) => itemStatus(i) === "draft").length;
  console.log(
    `题库校验通过：共 ${items.length} 道题（在用 ${items.filter(isEligible).length} 道，待审核草稿 ${drafts} 道，已退役 ${retired} 道），题库版本 ${version}。`,
  );
  console.log(`技能题库校验通过：共 ${skill.tasks.length} 个实操任务，版本 ${skill.version}。`);
  return 0;
}

function stats(): number {
  const { items, errors, version } = loadOrReport();
  if (errors.length > 0) console.error(`题库校验未通过：共 ${errors.length} 处错误；以下统计只包括通过校验的题目。\n`);
  // "在用" = may enter papers (reviewed, active or legacy); drafts are counted apart.
  const live = items.filter(isEligible);
  const drafts = items.filter((i) => itemStatus(i) === "draft");
  const inBucket = (list: BankItem[], level: BankItem["level"], area: string, type: string) =>
    list.filter((i) => i.level === level && i.area === area && i.type === type).length;
  const count = (level: BankItem["level"], area: string, type: string) => inBucket(live, level, area, type);

  console.log(`题库版本 ${version}：共 ${items.length} 道题，在用 ${live.length} 道，待审核草稿 ${drafts.length} 道。\n`);
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
        // Rounded down, so that a ratio shown as 3.00× is never below 3. Three times the draw keeps
        // two papers of a level, assembled by exposure, at most a third apart (decision 016).
        const ratio = need === 0 ? "—" : `${(Math.floor((have / need) * 100) / 100).toFixed(2)}×`;
        const flag = need > 0 && have < BUCKET_MULTIPLE * need ? `不足${BUCKET_MULTIPLE}倍` : "";
        if (flag) short++;
        const d = inBucket(drafts, bucketLevel, area, type);
        rows.push([level, area, basic ? "公共" : level, type, String(need), String(have), d ? String(d) : "", ratio, flag]);
      }
    }
  }
  console.log(table(["试卷等级", "区域", "题目来源", "题型", "每卷抽题", "在用题量", "草稿", "倍数", "提示"], rows, [4, 5, 6, 7]));
  console.log(
    short === 0
      ? `\n所有题目桶的在用题量均达到每卷抽题量的 ${BUCKET_MULTIPLE} 倍以上。`
      : `\n共 ${short} 个题目桶不足每卷抽题量的 ${BUCKET_MULTIPLE} 倍。`,
  );

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
  const { importBank } = await import("~/features/bank/index.server");
  try {
    await ensureDbReady();
    const s = await importBank(db, items, version);
    if (s.alreadyCurrent) {
      console.log(`题库已是最新版本（版本 ${s.version}，共 ${s.unchanged} 道题），无需导入。`);
    } else {
      console.log(
        `题库导入完成：版本 ${s.version}，新增 ${s.added} 道，修改 ${s.changed} 道，退役 ${s.retired} 道，未变 ${s.unchanged} 道。`,
      );
    }
    const skill = await loadSkillOrReport();
    if (skill.errors.length) {
      console.error(`技能题库校验未通过：共 ${skill.errors.length} 处错误，未导入。`);
      return 1;
    }
    const { importSkillBank } = await import("~/features/bank/index.server");
    const k = await importSkillBank(db, skill.tasks, skill.version);
    console.log(
      k.alreadyCurrent
        ? `技能题库已是最新版本 ${k.version}。`
        : `技能题库导入完成：版本 ${k.version}，新增 ${k.added}，修改 ${k.changed}，退役 ${k.retired}。`,
    );
    return 0;
  } catch (e) {
    console.error(`题库导入失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((n / d) * 100).toFixed(1)}%`);

function figureRow(name: string, f: Figures): string[] {
  const s = f.single,
    m = f.multi,
    j = f.judge;
  const sizes = Object.keys(m.keySizes)
    .sort()
    .map((k) => `${k}:${m.keySizes[k]}`)
    .join(" ");
  return [
    name,
    String(s.count),
    pct(s.strictlyLongest, s.count),
    pct(s.longestWithTies, s.count),
    pct(s.strictlyShortest, s.count),
    s.count === 0 ? "—" : (["A", "B", "C", "D"] as const).map((l) => s.keyLetters[l]).join("/"),
    String(m.count),
    sizes || "—",
    pct(m.allButShortest, m.count),
    String(j.count),
    `${j.true}/${j.false}`,
    `${j.absoluteTrue}/${j.absoluteFalse}`,
  ];
}

function printLint(r: LintReport, all: boolean): void {
  const t = r.thresholds;
  const o = r.overall;
  const list = <T>(items: readonly T[], line: (x: T) => string) => {
    const shown = all ? items : items.slice(0, 20);
    for (const x of shown) console.log(`  ${line(x)}`);
    if (shown.length < items.length) console.log(`  ……另有 ${items.length - shown.length} 条（加 --all 列出全部）`);
  };
  console.log(
    `题库检查：未退役 ${o.items} 道题，其中可进入试卷 ${o.status.reviewed + o.status.active} 道（已审核 ${o.status.reviewed}、启用 ${o.status.active}），待审核草稿 ${o.status.draft} 道；已退役 ${o.status.retired} 道。\n`,
  );
  console.log("一、选项长度与答案分布（未退役的题目，含草稿）\n");
  const rows = r.files.map((f) => figureRow(f.path.replace(/^question-bank\/theory\//, ""), f));
  rows.push(figureRow("合计", o));
  console.log(
    table(
      [
        "文件",
        "单选",
        "答案最长",
        "最长含并列",
        "答案最短",
        "答案A/B/C/D",
        "多选",
        "答案个数",
        "去最短即答案",
        "判断",
        "正确/错误",
        "绝对词 正确/错误",
      ],
      rows,
      [1, 2, 3, 4, 6, 8, 9],
    ),
  );
  const s = o.single;
  console.log(
    `\n单选：答案为唯一最长选项 ${pct(s.strictlyLongest, s.count)}（上限 ${t.longestKeyMax * 100}%），与其他选项并列最长时也算 ${pct(s.longestWithTies, s.count)}，答案为唯一最短选项 ${pct(s.strictlyShortest, s.count)}；` +
      `答案字母 ${(["A", "B", "C", "D"] as const).map((l) => `${l} ${pct(s.keyLetters[l], s.count)}`).join("、")}。`,
  );
  const j = o.judge;
  console.log(
    `判断：正确 ${j.true} 道、错误 ${j.false} 道（正确占 ${pct(j.true, j.count)}）；题干含绝对化用词的 ${j.absolute} 道中正确 ${j.absoluteTrue}、错误 ${j.absoluteFalse}（正确占 ${pct(j.absoluteTrue, j.absolute)}）。`,
  );
  console.log(
    `多选：答案个数 ${Object.entries(o.multi.keySizes)
      .map(([k, n]) => `${k} 个 ${n} 道`)
      .join("、")}；“去掉最短选项”即答案的 ${pct(o.multi.allButShortest, o.multi.count)}。`,
  );

  console.log(`\n二、只凭线索作答（单选选最长的选项、并列取第一个；判断题干有绝对化用词答“错误”、否则答“正确”；多选选除最短外的全部）\n`);
  console.log(
    table(
      ["等级", "试卷数", "平均分", "最高分", "最低分", "提示"],
      r.cue.map((c) =>
        c.error
          ? [c.level, "0", "—", "—", "—", c.error]
          : [
              c.level,
              String(c.papers),
              c.mean.toFixed(1),
              String(c.max),
              String(c.min),
              c.mean >= t.cueMeanFail ? "未通过" : c.mean >= t.cueMeanTarget ? `未低于目标 ${t.cueMeanTarget}` : "",
            ],
      ),
      [1, 2, 3, 4],
    ),
  );
  console.log(`（每级种子 1–${t.seedsPerLevel}，满分 100；平均分达到 ${t.cueMeanFail} 分为未通过，目标低于 ${t.cueMeanTarget} 分）`);

  console.log(
    `\n三、相似题目（题干加答案文字，去标点空白后按相邻两字计算 Dice 相似度 ≥ ${t.nearDuplicate}，且没有共同的 enemy 标签）：${r.nearDuplicates.length} 对\n`,
  );
  list(r.nearDuplicates, (d) => `${d.similarity.toFixed(2)}  ${d.a}（${d.whereA}）  ${d.b}（${d.whereB}）`);

  console.log(`\n四、法律法规（对照 ${path.relative(process.cwd(), LAWS_FILE)}）\n`);
  console.log(`引用了但 laws.yaml 中没有的：${r.lawsMissing.length} 部`);
  list(r.lawsMissing, (m) => `${m.name}：${m.ids.join("、")}`);
  console.log(`law.version 与 laws.yaml 不一致的：${r.lawVersionMismatch.length} 道`);
  list(r.lawVersionMismatch, (f) => `${f.where}: ${f.id} ${f.message}`);
  console.log(`law 缺少 version 的：${r.lawWithoutVersion.length} 道`);
  list(r.lawWithoutVersion, (f) => `${f.where}: ${f.id} ${f.message}`);
  console.log(`题干或解析提到法律法规但没有 law: 的：${r.lawMentionWithoutLaw.length} 道`);
  list(r.lawMentionWithoutLaw, (f) => `${f.where}: ${f.id} ${f.message}`);
  if (r.lawNameNotCanonical.length) {
    console.log(`law.name 不是 laws.yaml 中名称的：${r.lawNameNotCanonical.length} 道`);
    list(r.lawNameNotCanonical, (f) => `${f.where}: ${f.id} ${f.message}`);
  }

  console.log(`\n五、解析与答案不符（按“前三项”“以上都”“答案为 ABC”“该说法错误”等字样机械比对）：${r.explanationMismatch.length} 道\n`);
  list(r.explanationMismatch, (f) => `${f.where}: ${f.id} ${f.message}`);

  console.log(`\n六、待审核草稿（不进入试卷）：${r.drafts.length} 道`);
  list(r.drafts, (id) => id);

  if (r.errors.length) {
    console.log(`\n题库或 laws.yaml 校验错误 ${r.errors.length} 处：`);
    list(r.errors, (e) => e);
  }
  console.log("");
  for (const w of r.warnings) console.log(`提示：${w}`);
  for (const f of r.failures) console.log(`未通过：${f}`);
  console.log(r.failures.length === 0 ? "题库检查通过。" : `题库检查未通过：${r.failures.length} 项。`);
}

function lint(argv: string[]): number {
  let values: { json?: boolean; all?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: "boolean" }, all: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    console.error(`lint 的参数有误：${argv.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  const report = lintBank({ files: readBankFiles(), laws: readLawsFile() }, DEFAULT_THRESHOLDS);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printLint(report, values.all === true);
  return report.failures.length === 0 ? 0 : 1;
}

async function review(argv: string[]): Promise<number> {
  let values: { reviewer?: string; date?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { reviewer: { type: "string" }, date: { type: "string" } },
      strict: true,
      allowPositionals: true,
    }));
  } catch {
    console.error(`review 的参数有误：${argv.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    console.error(`review 需要且只需要一个题目编号。\n\n${USAGE}`);
    return 2;
  }
  const id = positionals[0];
  const reviewer = values.reviewer?.trim();
  if (!reviewer) {
    console.error("缺少 --reviewer（审核人姓名）。");
    return 2;
  }
  // Today in China (Asia/Shanghai, UTC+8, no daylight saving) unless --date says otherwise.
  const date = values.date ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  if (!isIsoDate(date)) {
    console.error(`--date 应为 YYYY-MM-DD 格式的日期：${date}`);
    return 2;
  }
  // The same writer as the review screen (/bank/review): app/features/bank/files.server.ts.
  const locked = await withBankLock(() => writeItemStatus(id, { kind: "activate", reviewer, date }));
  if (!locked.ok) {
    console.error("题库正被其他操作修改，请稍后重试。");
    return 1;
  }
  const r = locked.value;
  if (!r.ok) {
    console.error(r.message);
    return 1;
  }
  console.log(`已记录审核：${id}（${r.path}）审核人 ${reviewer}，日期 ${date}，状态改为 active。`);
  return 0;
}

async function exportCommand(argv: string[]): Promise<number> {
  let values: { empty?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { empty: { type: "boolean" } }, allowPositionals: true }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length || !/\.(zip|xlsx)$/.test(file)) {
    console.error(`请写一个 .zip 或 .xlsx 文件名。\n\n${USAGE}`);
    return 2;
  }
  if (values.empty && !file.endsWith(".xlsx")) {
    console.error("--empty 只用于 .xlsx 模板。");
    return 2;
  }
  const bank = loadBankFromDisk();
  if (bank.errors.length) {
    console.error(`题库校验未通过：共 ${bank.errors.length} 处错误，请先修正（npm run bank -- validate）。`);
    return 1;
  }
  const items = values.empty ? [] : bank.items;
  fs.writeFileSync(file, file.endsWith(".zip") ? await qtiZip(items) : await bankXlsx(items));
  console.log(`已导出 ${items.length} 道题到 ${file}（${file.endsWith(".zip") ? "QTI 3.0 题目包" : "题库模板"}）。`);
  return 0;
}

async function importPackageCommand(argv: string[]): Promise<number> {
  let values: { into?: string; level?: string; area?: string; requirement?: string; author?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        into: { type: "string" },
        level: { type: "string" },
        area: { type: "string" },
        requirement: { type: "string" },
        author: { type: "string" },
      },
      allowPositionals: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length || !values.into) {
    console.error(`请写要导入的文件和 --into 新目录。\n\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`找不到文件：${file}`);
    return 1;
  }
  if (values.level && !["common", ...LEVELS].includes(values.level)) {
    console.error(`--level 应为 common、L5、L4 或 L3：${values.level}`);
    return 2;
  }
  if (values.area && !(AREAS as readonly string[]).includes(values.area)) {
    console.error(`--area 应为 ${AREAS.join("、")} 之一：${values.area}`);
    return 2;
  }
  const r = await importPackage(file, path.resolve(values.into), {
    level: values.level as Level | "common" | undefined,
    area: values.area as (typeof AREAS)[number] | undefined,
    requirement: values.requirement,
    author: values.author,
  });
  if (!r.ok) {
    console.error(`未导入（共 ${r.errors.length} 处错误）：\n${r.errors.join("\n")}`);
    return 1;
  }
  for (const x of r.renamed) console.log(`编号 ${x.from} → ${x.to}`);
  console.log(`已导入 ${r.count} 道题，写入 ${r.written.length} 个文件到 ${values.into}。以 BANK_DIR=${values.into} 启动即使用该题库。`);
  return 0;
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
    case "lint":
      return lint(rest);
    case "review":
      return await review(rest);
    case "export":
      return await exportCommand(rest);
    case "import-package":
      return await importPackageCommand(rest);
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
