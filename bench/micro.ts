// `npm run bench:micro` — micro-benchmarks of the exam's pure work (issue 7):
//   assembly  a theory paper per level (五级 L5, 四级 L4, 三级 L3) from a synthetic 20,000-item bank
//             with the shape of question-bank/ (app/domain/assembly.ts), many seeds: median, p95
//   grading   3,000 submitted attempts graded with app/domain/grading.ts (gradeTheory), per level
//   finalize  the server-side path that grades and stores (finalizeAttempt in app/features/exam-taking)
//             for 3,000 attempts with every question answered, on a scratch database
import path from "node:path";
import { assembleTheoryPaper, candidateOrder, type TheoryPaper } from "~/domain/assembly";
import type { BankItem } from "~/domain/bank";
import { gradeTheory, type AnswerValue, type GradableItem } from "~/domain/grading";
import { LEVELS, type Area, type Level } from "~/domain/levels";
import { loadBankFromDisk } from "~/features/bank/files.server";
import { Options, parseArgs } from "./lib/args";
import { freshDatabase, log, logMachine, root, WORK, writeJson } from "./lib/prepare";
import { fmtMs, markdownTable, percentile } from "./lib/stats";
import { syntheticBank } from "./lib/synthetic-bank";

const USAGE = `npm run bench:micro -- [options]
  --bank-size N      synthetic bank size (default 20000)
  --runs N           papers assembled per level (default 200)
  --attempts N       attempts graded (default 3000)
  --skip-db          skip the server-side finalize benchmark (no database)`;

const LEVEL_NAMES: Record<Level, string> = { L5: "五级 L5", L4: "四级 L4", L3: "三级 L3" };

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, median: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], min: s[0] };
}

function assemblyBench(bank: BankItem[], version: string, runs: number) {
  const rows = [];
  for (const level of LEVELS) {
    for (let w = 0; w < 3; w++) assembleTheoryPaper(bank, level, 1_000_000 + w, version); // warm-up
    const times: number[] = [];
    let failed = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const t = performance.now();
      const r = assembleTheoryPaper(bank, level, seed, version);
      times.push(performance.now() - t);
      if (!r.ok) failed++;
    }
    rows.push({ level, ...stats(times), failed });
  }
  return rows;
}

function gradable(paper: TheoryPaper, byId: Map<string, BankItem>): GradableItem[] {
  return paper.sections.flatMap((s) =>
    s.items.map((i) => ({ id: i.id, type: i.type, points: i.points, area: s.area as Area, key: byId.get(i.id)!.key })),
  );
}

/** Answers as candidates give them: each candidate right on 40–95 % of the questions, a few left empty. */
function answersFor(items: GradableItem[], byId: Map<string, BankItem>, k: number): Map<string, AnswerValue> {
  const m = new Map<string, AnswerValue>();
  const accuracy = 0.4 + 0.55 * ((k * 0.6180339887) % 1);
  items.forEach((it, n) => {
    const r = ((k * 7919 + n * 104729) % 1000) / 1000;
    if (r < 0.03) return;
    if ((r - 0.03) / 0.97 < accuracy) m.set(it.id, it.key);
    else if (it.type === "判断") m.set(it.id, it.key === "正确" ? "错误" : "正确");
    else if (it.type === "单选") m.set(it.id, Object.keys(byId.get(it.id)!.options ?? {}).find((x) => x !== it.key) ?? "A");
    else m.set(it.id, [(it.key as string[])[0]]);
  });
  return m;
}

function gradingBench(bank: BankItem[], version: string, attempts: number) {
  const byId = new Map(bank.map((i) => [i.id, i]));
  const rows = [];
  for (const level of LEVELS) {
    const r = assembleTheoryPaper(bank, level, 7, version);
    if (!r.ok) throw new Error(r.message);
    const items = gradable(r.paper, byId);
    const sets = Array.from({ length: attempts }, (_, k) => answersFor(items, byId, k));
    const totals: number[] = [];
    let passed = 0;
    for (let rep = 0; rep < 11; rep++) {
      passed = 0;
      const t = performance.now();
      for (const a of sets) if (gradeTheory(items, a).passed) passed++;
      totals.push(performance.now() - t);
    }
    const s = stats(totals.slice(1)); // the first repetition warms up
    rows.push({
      level,
      items: items.length,
      attempts,
      medianTotalMs: s.median,
      maxTotalMs: s.max,
      perAttemptUs: (s.median / attempts) * 1000,
      passed,
    });
  }
  return rows;
}

async function finalizeBench(attempts: number) {
  const dbFile = freshDatabase(path.join(WORK, "micro.db"));
  process.env.DATABASE_URL = `file:${dbFile}`;
  const S = await import("./lib/sitting-setup");
  const { finalizeAttempt } = await import("~/features/exam-taking/index.server");
  const { paperOf } = await import("~/domain/paper");
  const center = await S.benchCenter();
  const people = await S.createPeople(center.centerId, attempts);
  const sitting = await S.createSitting({
    center,
    title: "压测：评分",
    level: "L5",
    personIds: people,
    roomCapacity: 30,
    durationMinutes: 90,
    startsAt: new Date(),
  });
  const full = await S.db.sitting.findUniqueOrThrow({ where: { id: sitting.sittingId }, include: { paper: true, registrations: true } });
  const { paper, items } = paperOf(full.paper!);
  const byId = new Map([...items.values()].map((i) => [i.id, { ...i, law: null, retired: false } as BankItem]));
  const grad = gradable(paper, byId);
  const now = new Date();
  const ids: string[] = [];
  for (const [k, reg] of full.registrations.entries()) {
    const a = await S.db.attempt.create({
      data: { registrationId: reg.id, itemOrder: JSON.stringify(candidateOrder(paper, items, reg.id)), startedAt: now },
    });
    const answers = answersFor(grad, byId, k);
    await S.db.answer.createMany({
      data: [...answers].map(([itemId, v]) => ({
        attemptId: a.id,
        itemId,
        value: JSON.stringify(v),
        windowId: "bench",
        seq: 1,
        savedAt: now,
      })),
    });
    ids.push(a.id);
  }
  log(`finalize: ${ids.length} attempts with ${grad.length} questions each stored; grading and storing them one after another…`);
  const t = performance.now();
  for (const id of ids) await finalizeAttempt(id, "deadline", new Date());
  const ms = performance.now() - t;
  const { graded } = await S.attemptSummary(sitting.sittingId);
  await S.db.$disconnect();
  return { attempts: ids.length, items: grad.length, totalMs: ms, perAttemptMs: ms / ids.length, graded };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  const o = new Options(args);
  const size = o.num("bank-size", 20_000);
  const runs = o.num("runs", 200);
  const attempts = o.num("attempts", 3000);
  const skipDb = o.flag("skip-db");
  o.done();
  const machine = logMachine();
  const real = loadBankFromDisk();
  if (real.errors.length) throw new Error(real.errors.join("\n"));
  const bank = syntheticBank(real.items, size);
  const version = `synthetic-${size}`;
  log(`synthetic bank: ${bank.length} items with the shape of question-bank/ (${real.items.length} items)`);

  const assembly = assemblyBench(bank, version, runs);
  const assemblyReal = assemblyBench(real.items, real.version, Math.min(runs, 50));
  console.log(`\n## Paper assembly (${runs} seeds per level)\n`);
  console.log(
    markdownTable(
      ["level", "bank", "papers", "median ms", "p95 ms", "max ms", "failed"],
      [
        ...assembly.map((r) => [LEVEL_NAMES[r.level], size, r.runs, fmtMs(r.median), fmtMs(r.p95), fmtMs(r.max), r.failed]),
        ...assemblyReal.map((r) => [
          LEVEL_NAMES[r.level],
          `${real.items.length} (real)`,
          r.runs,
          fmtMs(r.median),
          fmtMs(r.p95),
          fmtMs(r.max),
          r.failed,
        ]),
      ],
    ),
  );

  const grading = gradingBench(bank, version, attempts);
  console.log(`\n## Grading ${attempts} attempts (gradeTheory; median of 10 repetitions)\n`);
  console.log(
    markdownTable(
      ["level", "questions", "attempts", "total ms", "µs per attempt", "passed"],
      grading.map((r) => [LEVEL_NAMES[r.level], r.items, r.attempts, fmtMs(r.medianTotalMs), r.perAttemptUs.toFixed(1), r.passed]),
    ),
  );

  let finalize: Awaited<ReturnType<typeof finalizeBench>> | null = null;
  if (!skipDb) {
    finalize = await finalizeBench(attempts);
    console.log(`\n## Grading and storing ${finalize.attempts} attempts on the server (finalizeAttempt, one after another)\n`);
    console.log(
      `total ${(finalize.totalMs / 1000).toFixed(2)} s = ${finalize.perAttemptMs.toFixed(2)} ms per attempt (${finalize.items} questions each); ${finalize.graded} attempts graded and stored`,
    );
  }

  const worstAssembly = Math.max(...assembly.map((r) => r.p95));
  const worstGrading = Math.max(...grading.map((r) => r.medianTotalMs));
  console.log("\n## Targets\n");
  const t1 = worstAssembly < 50;
  const t2 = worstGrading < 3000;
  console.log(
    `${t1 ? "PASS" : "FAIL"}  assembly < 50 ms per paper (${size}-item bank): worst level p95 ${fmtMs(worstAssembly)} ms, medians ${assembly.map((r) => `${r.level} ${fmtMs(r.median)}`).join(", ")} ms`,
  );
  console.log(
    `${t2 ? "PASS" : "FAIL"}  grading ${attempts} attempts < 3 s: worst level ${fmtMs(worstGrading)} ms${finalize ? `; with the server's database writes ${(finalize.totalMs / 1000).toFixed(2)} s` : ""}`,
  );
  const file = writeJson("results-micro.json", {
    at: new Date().toISOString(),
    machine,
    command: `npm run bench:micro -- ${process.argv.slice(2).join(" ")}`.trim(),
    size,
    runs,
    attempts,
    assembly,
    assemblyReal,
    grading,
    finalize,
  });
  console.log(`\nresults: ${path.relative(root, file)}`);
  process.exitCode = t1 && t2 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
