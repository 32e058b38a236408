// `npm run bench:faults` — fault runs during a sitting (issue 7):
//   kill    the server is killed with SIGKILL mid-sitting and restarted; the simulated pages keep
//           their unsaved answers and retry (as app/features/exam-taking/routes/exam-paper.tsx does), the candidates'
//           exam sessions stay valid; every save acknowledged before the kill must be in the
//           database (checked right after the kill, before the restart, and again at the end).
//   import  the app's own question-bank import (`npm run bank -- import`, scripts/bank.ts) runs
//           in another process during the sitting — a 20,000-item synthetic bank (every item new,
//           the real bank's items retired), then a revision of it (every item changed) — and no
//           candidate may see an error (SQLITE_BUSY surfacing as a 5xx, a timeout, anything non-2xx).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Options, parseArgs } from "./lib/args";
import { checkStored, sleep, type Sent } from "./lib/candidate";
import { ensureBuild, freshDatabase, log, logMachine, root, snapshotBuild, WORK, writeJson, writeResult } from "./lib/prepare";
import { failureKinds, line, runSitting, splitFailures } from "./lib/run";
import { BenchServer, track } from "./lib/server";
import { endpointTable, fmtMs } from "./lib/stats";
import { syntheticBank, writeBankYaml } from "./lib/synthetic-bank";

const USAGE = `npm run bench:faults -- [options]
  --only kill|import      run one of the two (default: both)
  --candidates N          candidates per run (default 300)
  --duration T            sitting length from the start code to 0:00 (default 3m)
  --save-interval T       mean think time between answer changes (default 3s: a compressed sitting)
  --start-window T        logins spread over this (default 20s)
  --kill-at F             the kill, as a share of the sitting after the start window (default 0.5)
  --downtime T            how long the server stays down before the restart (default 3s)
  --bank-size N           items in the synthetic bank imported during the sitting (default 20000)
  --port N                server port (default 3210)
  --rebuild               run \`npm run build\` first
  --checkout DIR          another checkout (e.g. the code before a change): serve DIR/build and run
                          DIR's bank import instead of this one's`;

type Setup = Awaited<ReturnType<typeof prepare>>;

async function prepare(name: string, N: number, durationSeconds: number, rebuild: boolean, checkout: string) {
  if (!checkout) ensureBuild(rebuild);
  const cwd = snapshotBuild(`${name}-run`, checkout ? path.resolve(checkout, "build") : undefined);
  const dbFile = freshDatabase(path.join(WORK, `${name}.db`));
  process.env.DATABASE_URL = `file:${dbFile}`;
  const S = await import("./lib/sitting-setup");
  const center = await S.benchCenter();
  const people = await S.createPeople(center.centerId, N);
  const durationMinutes = Math.ceil(durationSeconds / 60);
  const sitting = await S.createSitting({
    center,
    title: `压测故障：${name}`,
    level: "L5",
    personIds: people,
    roomCapacity: 30,
    durationMinutes,
    startsAt: new Date(),
  });
  return { S, cwd, dbFile, sitting, durationMinutes };
}

/** A compressed sitting: no arrival window, no assets, a save every few seconds. */
function startSitting(setup: Setup, server: BenchServer, o: { duration: number; startWindow: number; saveInterval: number }) {
  return runSitting({
    origin: server.url,
    S: setup.S,
    sitting: setup.sitting,
    durationMinutes: setup.durationMinutes,
    timeline: { ...o, arrivalWindow: 0, pollInterval: 10, earlyShare: 0.3, minWorkMs: 30_000, fetchAssets: false },
  });
}

async function killRun(o: {
  N: number;
  duration: number;
  saveInterval: number;
  startWindow: number;
  killAt: number;
  downtime: number;
  port: number;
  rebuild: boolean;
  checkout: string;
}) {
  log(
    `kill run: ${o.N} candidates, ${o.duration} s sitting, a save every ~${o.saveInterval} s; SIGKILL at ${Math.round(o.killAt * 100)} % after the logins, ${o.downtime} s down`,
  );
  const setup = await prepare("kill", o.N, o.duration, o.rebuild, o.checkout);
  const serverLog = path.join(WORK, "kill-server.log");
  fs.writeFileSync(serverLog, "");
  let server = new BenchServer({ cwd: setup.cwd, port: o.port, dbFile: setup.dbFile, log: serverLog });
  await server.start();
  const run = startSitting(setup, server, o);
  const killTime = run.tOpen + o.startWindow * 1000 + o.killAt * (run.deadline - run.tOpen - o.startWindow * 1000);
  await sleep(killTime - Date.now());
  // What every candidate had acknowledged at the moment of the kill.
  const ackedAtKill = new Map<string, Map<string, Sent>>(run.sims.map((s) => [s.c.ticket, new Map(s.acked)]));
  const inFlight = run.sims.reduce((n, s) => n + s.inFlight.size, 0);
  const killedAt = Date.now();
  await server.stop("SIGKILL");
  const preKillAcks = [...ackedAtKill.values()].reduce((n, m) => n + m.size, 0);
  log(
    `SIGKILL sent to the server (pid ${server.pid}) with ${inFlight} saves in flight; ${preKillAcks} (candidate, question) answers acknowledged so far`,
  );
  const afterKill = checkStored(run.sims, await setup.S.storedAnswers(setup.sitting.sittingId), ackedAtKill);
  log(`checked in the database right after the kill: ${afterKill.checked} acknowledged answers, lost ${afterKill.lost}`);
  await sleep(o.downtime * 1000 - (Date.now() - killedAt));
  server = new BenchServer({ cwd: setup.cwd, port: o.port, dbFile: setup.dbFile, log: serverLog });
  await server.start();
  const upAt = Date.now();
  log(`server restarted (pid ${server.pid}) after ${((upAt - killedAt) / 1000).toFixed(1)} s; candidates retry what is unsaved`);
  await run.done;
  await run.pool.close();
  await server.stop();
  const final = checkStored(run.sims, await setup.S.storedAnswers(setup.sitting.sittingId));
  const preKillFinal = checkStored(run.sims, await setup.S.storedAnswers(setup.sitting.sittingId), ackedAtKill);
  const attempts = await setup.S.attemptSummary(setup.sitting.sittingId);
  await setup.S.db.$disconnect();
  const { outage, other } = splitFailures(run.http.failures, killedAt - 60_000, upAt + 1000, (f) => f.outcome.startsWith("network"));
  const submitted = run.sims.filter((s) => s.submitted).length;
  const signedIn = run.sims.filter((s) => s.loggedIn).length;
  console.log(`\n## Kill and restart (${o.N} candidates)\n`);
  console.log(endpointTable(run.rec.all()));
  console.log(`\nnetwork errors while the server was down (connection refused/reset, retried by the pages): ${outage.length}`);
  const pass = [
    line(
      afterKill.lost === 0 && afterKill.mismatched === 0,
      `kill: ${afterKill.checked} answers acknowledged before the SIGKILL, ${afterKill.lost} missing from the database right after it`,
    ),
    line(
      preKillFinal.lost === 0,
      `kill: after the restart and the end of the sitting, ${preKillFinal.lost} of them lost (a newer answer of the same question may have replaced them: ${preKillFinal.newerUnacked} newer, all sent by the candidate)`,
    ),
    line(final.lost === 0 && final.mismatched === 0, `resume: ${final.checked} acknowledged answers at the end, ${final.lost} lost`),
    line(
      signedIn === o.N && submitted === o.N,
      `resume: ${submitted}/${o.N} candidates submitted after the restart without signing in again (${signedIn} signed in once)`,
    ),
    line(
      other.length === 0,
      `resume: ${other.length} errors other than the outage's refused connections${other.length ? `: ${failureKinds(other)}` : ""}`,
    ),
  ];
  return {
    name: "kill",
    pass: pass.every(Boolean),
    afterKill,
    preKillFinal,
    final,
    attempts,
    outageErrors: outage.length,
    otherErrors: other.length,
    submitted,
    endpoints: run.rec.all(),
    problems: Object.fromEntries(run.http.problems),
  };
}

function runImport(
  label: string,
  env: Record<string, string>,
  logFile: string,
  checkout: string,
): Promise<{ label: string; code: number | null; seconds: number; started: number; ended: number; summary: string }> {
  const started = Date.now();
  const cwd = checkout ? path.resolve(checkout) : root;
  const p = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.json", "scripts/bank.ts", "import"], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(p);
  let out = "";
  p.stdout!.on("data", (d) => (out += d));
  p.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve) =>
    p.on("exit", (code) => {
      fs.appendFileSync(logFile, `--- ${label} (exit ${code})\n${out}\n`);
      const ended = Date.now();
      resolve({
        label,
        code,
        seconds: +((ended - started) / 1000).toFixed(1),
        started,
        ended,
        summary: out
          .trim()
          .split("\n")
          .filter((l) => /题库/.test(l))
          .join(" / "),
      });
    }),
  );
}

async function importRun(o: {
  N: number;
  duration: number;
  saveInterval: number;
  startWindow: number;
  bankSize: number;
  port: number;
  rebuild: boolean;
  checkout: string;
}) {
  log(
    `import run: ${o.N} candidates, ${o.duration} s sitting, a save every ~${o.saveInterval} s; bank imports of ${o.bankSize} items during it`,
  );
  const setup = await prepare("import", o.N, o.duration, o.rebuild, o.checkout);
  const { loadBankFromDisk } = await import("~/features/bank/files.server");
  const real = loadBankFromDisk().items;
  const bankDir = path.join(WORK, "bank-synthetic");
  const revisedDir = path.join(WORK, "bank-synthetic-revised");
  const files = writeBankYaml(syntheticBank(real, o.bankSize), bankDir);
  writeBankYaml(syntheticBank(real, o.bankSize, { revision: 1 }), revisedDir);
  log(`synthetic bank: ${o.bankSize} items in ${files} YAML files under ${path.relative(root, bankDir)} (and a revision of every item)`);
  const serverLog = path.join(WORK, "import-server.log");
  const importLog = path.join(WORK, "import-cli.log");
  fs.writeFileSync(serverLog, "");
  fs.writeFileSync(importLog, "");
  const server = new BenchServer({ cwd: setup.cwd, port: o.port, dbFile: setup.dbFile, log: serverLog });
  await server.start();
  const run = startSitting(setup, server, o);
  await sleep(run.tOpen + o.startWindow * 1000 + 5000 - Date.now());
  const env = { DATABASE_URL: `file:${setup.dbFile}` };
  log("import 1: the synthetic bank (every item new)…");
  const first = await runImport("synthetic bank", { ...env, BANK_DIR: bankDir }, importLog, o.checkout);
  log(`import 1 exit ${first.code} after ${first.seconds} s: ${first.summary}`);
  log("import 2: its revision (every item changed)…");
  const second = await runImport("revised bank", { ...env, BANK_DIR: revisedDir }, importLog, o.checkout);
  log(`import 2 exit ${second.code} after ${second.seconds} s: ${second.summary}`);
  const importsEnded = Date.now();
  if (importsEnded > run.deadline) log("note: the imports outlasted the sitting; use a longer --duration for full overlap");
  await run.done;
  await run.pool.close();
  await server.stop();
  const final = checkStored(run.sims, await setup.S.storedAnswers(setup.sitting.sittingId));
  const attempts = await setup.S.attemptSummary(setup.sitting.sittingId);
  await setup.S.db.$disconnect();
  const during = run.rec.all();
  const failures = run.http.failures;
  const duringImport = failures.filter((f) => f.at >= first.started && f.at <= importsEnded);
  const busyLike = [...run.http.problems.keys()].filter((k) => /busy|locked|timed out|timeout|5\d\d/i.test(k));
  const submitted = run.sims.filter((s) => s.submitted).length;
  console.log(`\n## Bank import during the sitting (${o.N} candidates)\n`);
  console.log(endpointTable(during));
  console.log(
    `\nimports: ${first.label} ${first.seconds} s (exit ${first.code}), ${second.label} ${second.seconds} s (exit ${second.code}); log ${path.relative(root, importLog)}`,
  );
  const before = run.rec.window("save", run.tOpen, first.started);
  const inside = run.rec.window("save", first.started, importsEnded);
  const outside = run.rec.window("save", importsEnded, run.deadline);
  console.log(`saves before the imports: ${before.requests}, p50 ${fmtMs(before.p50)} ms, p99 ${fmtMs(before.p99)} ms`);
  console.log(
    `saves while an import ran: ${inside.requests}, p50 ${fmtMs(inside.p50)} ms, p99 ${fmtMs(inside.p99)} ms, max ${fmtMs(inside.max)} ms; after the imports: ${outside.requests}, p50 ${fmtMs(outside.p50)} ms, p99 ${fmtMs(outside.p99)} ms`,
  );
  const pass = [
    line(
      first.code === 0 && second.code === 0,
      `import: both imports finished (exit ${first.code}, ${second.code}): ${first.summary} | ${second.summary}`,
    ),
    line(
      failures.length === 0,
      `import: ${failures.length} errors reached candidates (${duringImport.length} while an import ran)${busyLike.length ? `: ${busyLike.slice(0, 3).join("; ")}` : ""}`,
    ),
    line(final.lost === 0 && final.mismatched === 0, `import: ${final.checked} acknowledged answers, ${final.lost} lost`),
    line(submitted === o.N, `import: ${submitted}/${o.N} candidates submitted`),
  ];
  return {
    name: "import",
    pass: pass.every(Boolean),
    imports: [first, second],
    savesBeforeImport: before,
    savesDuringImport: inside,
    savesAfterImport: outside,
    errors: failures.length,
    errorsDuringImport: duringImport.length,
    final,
    attempts,
    submitted,
    endpoints: during,
    problems: Object.fromEntries(run.http.problems),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  const opt = new Options(args);
  const only = opt.str("only", "both");
  const common = {
    N: opt.num("candidates", 300),
    duration: opt.seconds("duration", 180),
    saveInterval: opt.seconds("save-interval", 3),
    startWindow: opt.seconds("start-window", 20),
    port: opt.num("port", 3210),
    rebuild: opt.flag("rebuild"),
    checkout: opt.str("checkout", ""),
  };
  const killAt = opt.num("kill-at", 0.5);
  const downtime = opt.seconds("downtime", 3);
  const bankSize = opt.num("bank-size", 20_000);
  opt.done();
  const machine = logMachine();
  const results: unknown[] = [];
  let ok = true;
  // Each run imports the app's modules against its own database: run them in child processes.
  if (only === "both") {
    for (const which of ["kill", "import"]) {
      const child = spawn(
        path.join(root, "node_modules", ".bin", "tsx"),
        ["--tsconfig", "tsconfig.json", path.join(root, "bench", "faults.ts"), ...process.argv.slice(2), "--only", which],
        { cwd: root, stdio: "inherit" },
      );
      track(child);
      const code = await new Promise<number | null>((r) => child.on("exit", r));
      ok &&= code === 0;
    }
    console.log(`\nfault runs: ${ok ? "PASS" : "FAIL"}`);
    process.exitCode = ok ? 0 : 1;
    return;
  }
  if (only === "kill") {
    const r = await killRun({ ...common, killAt, downtime });
    results.push(r);
    ok = r.pass;
  } else if (only === "import") {
    const r = await importRun({ ...common, bankSize });
    results.push(r);
    ok = r.pass;
  } else throw new Error("--only is kill or import");
  const figures = {
    at: new Date().toISOString(),
    machine,
    command: `npm run bench:faults -- ${process.argv.slice(2).join(" ")}`.trim(),
    config: { ...common, killAt, downtime, bankSize },
    results,
  };
  const file = writeJson(`results-faults-${only}.json`, figures);
  const kept = writeResult(`faults-${only}`, figures);
  console.log(`\nresults: ${path.relative(root, kept)} (and ${path.relative(root, file)})`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
