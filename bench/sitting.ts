// `npm run bench` — the exam-day sitting simulator (issue 7).
//
// Against the production build (node server.js on a private copy of build/) and a scratch copy
// of the demo database under bench/.work/: creates a sitting of N candidates through the app's
// server functions, measures the raw SQLite commit rate, then N simulated browsers sign in within
// the start window, answer with think-time jitter (a save per change), poll, and submit at the
// end; then a closed-loop phase finds the maximum save throughput. Prints per-endpoint latency and
// throughput, the server's peak memory, the lost-answer check and PASS/FAIL per target.
import fs from "node:fs";
import path from "node:path";
import { Pool } from "undici";
import { Options, parseArgs } from "./lib/args";
import { Http, SimulatedCandidate, checkStored, type Flow } from "./lib/candidate";
import { CpuWindow } from "./lib/cpu";
import { ensureBuild, freshDatabase, log, logMachine, root, snapshotBuild, WORK, writeJson, writeResult } from "./lib/prepare";
import { rawCommitRate } from "./lib/raw-sqlite";
import { measureStartRate, type StartRate } from "./lib/calibrate";
import { outcomeLine, phaseReport, printProblems, progressLog, runSitting, sittingTargets } from "./lib/run";
import { httpCeiling, saturate, signIn, type SaturationRow } from "./lib/saturation";
import { BenchServer } from "./lib/server";
import { endpointOrder, endpointTable, fmtMs, markdownTable, Recorder } from "./lib/stats";
import type { Level } from "~/domain/levels";

const USAGE = `npm run bench -- [options]
  --candidates N          candidates in the sitting (default 3000)
  --duration T            sitting length from the start code to 0:00, e.g. 600, 10m, 90m (default 10m)
  --save-interval T       mean think time between answer changes, ±50 % jitter (default 30s)
  --poll-interval T       the page's state poll (default 10s)
  --start-window T        logins spread over this after the rooms open (default 60s)
  --arrival-window T      login pages (and assets) opened over this before the rooms open (default 120s; 0 skips)
  --no-assets             do not fetch the pages' JS/CSS assets
  --flow js|document      js (default): as Chromium with the app's JavaScript (form to /exam.data, paper as
                          route data); document: the same forms without JavaScript (server-rendered pages)
  --early-submit F        share of candidates who submit by hand in the last 30 % (default 0.3); the rest auto-submit at 0:00
  --room-capacity N       seats per room (default 30)
  --level L5|L4|L3        paper level (default L5)
  --saturation LIST       concurrency levels of the max-save-throughput phase (default 1,4,16,64,256; "none" skips)
  --saturation-seconds T  length of each level (default 15s)
  --raw-seconds T         length of each raw SQLite commit measurement, NORMAL and FULL (default 5s)
  --calibration N         candidates of the start-rate calibration before the sitting (default 300; 0 skips it)
  --admit-per-second N    the start queue's rate for the sitting (default: 60 % of the calibrated start rate)
  --write-capacity        write the admission capacity to data/exam-capacity.json (what \`npm start\` then uses)
  --port N                server port (default 3200)
  --rebuild               run \`npm run build\` first (otherwise only when build/ is missing)
  --checkout DIR          serve DIR/build (another checkout, e.g. the code before a change) instead of build/
  --cpu-prof              start the server with --cpu-prof (profile in bench/.work/prof/)
  --tag NAME              name of the JSON result file (default: sitting-<candidates>)`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  const o = new Options(args);
  const N = o.num("candidates", 3000);
  const duration = o.seconds("duration", 600);
  const saveInterval = o.seconds("save-interval", 30);
  const pollInterval = o.seconds("poll-interval", 10);
  const startWindow = o.seconds("start-window", 60);
  const arrivalWindow = o.seconds("arrival-window", 120);
  const noAssets = o.flag("no-assets");
  const flow = o.str("flow", "js") as Flow;
  if (flow !== "js" && flow !== "document") throw new Error("--flow is js or document");
  const earlyShare = o.num("early-submit", 0.3);
  const roomCapacity = o.num("room-capacity", 30);
  const level = o.str("level", "L5") as Level;
  const satArg = o.str("saturation", "1,4,16,64,256");
  const satLevels = satArg === "none" ? [] : satArg.split(",").map(Number);
  const satSeconds = o.seconds("saturation-seconds", 15);
  const rawSeconds = o.seconds("raw-seconds", 5);
  const calibCount = o.num("calibration", 300);
  const admitArg = o.num("admit-per-second", 0);
  const writeCapacity = o.flag("write-capacity");
  const port = o.num("port", 3200);
  const rebuild = o.flag("rebuild");
  const checkout = o.str("checkout", "");
  const cpuProf = o.flag("cpu-prof");
  const tag = o.str("tag", `sitting-${N}`);
  o.done();
  if (duration < startWindow + 60) throw new Error("--duration must exceed the start window by at least a minute");

  const machine = logMachine();
  if (!checkout) ensureBuild(rebuild);
  const cwd = snapshotBuild("sitting-run", checkout ? path.resolve(checkout, "build") : undefined);
  const dbFile = freshDatabase(path.join(WORK, "sitting.db"));
  process.env.DATABASE_URL = `file:${dbFile}`;
  const S = await import("./lib/sitting-setup");

  // ---- setup through the app's own functions ----
  const t = performance.now();
  const satCount = satLevels.length ? Math.max(...satLevels) : 0;
  const center = await S.benchCenter();
  const people = await S.createPeople(center.centerId, Math.max(N, satCount, calibCount));
  const durationMinutes = Math.ceil(duration / 60);
  const startsAt = new Date(Date.now() + arrivalWindow * 1000);
  const sitting = await S.createSitting({
    center,
    title: `压测：${N} 人理论考试`,
    level,
    personIds: people.slice(0, N),
    roomCapacity,
    durationMinutes,
    startsAt,
  });
  const satSitting = satCount
    ? await S.createSitting({
        center,
        title: "压测：保存吞吐",
        level,
        personIds: people.slice(0, satCount),
        roomCapacity,
        durationMinutes: 90,
        startsAt,
      })
    : null;
  const calibSitting = calibCount
    ? await S.createSitting({
        center,
        title: "压测：开考速率标定",
        level,
        personIds: people.slice(0, calibCount),
        roomCapacity,
        durationMinutes: 90,
        startsAt,
      })
    : null;
  log(
    `setup: ${N} candidates in ${sitting.rooms.length} rooms, ${sitting.paperItems}-item ${level} paper${satSitting ? `, saturation sitting of ${satCount}` : ""} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  // ---- raw SQLite commit rate (before the server starts, so nothing else competes) ----
  const raw = rawCommitRate(path.join(WORK, "raw-commit.db"), rawSeconds);
  const rawFull = rawCommitRate(path.join(WORK, "raw-commit.db"), rawSeconds, "FULL");
  log(`raw SQLite single-row commits (WAL): ${rawFull.perSecond}/s with synchronous=FULL (as the app), ${raw.perSecond}/s with NORMAL`);

  const serverLog = path.join(WORK, "sitting-server.log");
  fs.writeFileSync(serverLog, "");

  // ---- the start rate of this machine (no start queue) ----
  let calibration: StartRate | null = null;
  if (calibSitting) {
    const calServer = new BenchServer({ cwd, port, dbFile, log: serverLog, env: { EXAM_ADMIT_PER_SECOND: "1000000" } });
    await calServer.start();
    const codes = await S.openRooms(calibSitting.sittingId, new Date());
    const calSims = calibSitting.candidates.map((c) => new SimulatedCandidate(null as never, c, codes.get(c.roomId)!, flow));
    calibration = await measureStartRate(calServer.url, calSims, 16);
    await calServer.stop();
    log(
      `start rate: ${calibration.starts} starts (sign-in, page, paper, claim) in ${calibration.seconds} s at 16 in flight = ${calibration.perSecond}/s (p50 ${fmtMs(calibration.p50)} ms, p99 ${fmtMs(calibration.p99)} ms); admission capacity ${calibration.admitPerSecond}/s`,
    );
  }
  const admitPerSecond = admitArg || calibration?.admitPerSecond || 50;
  if (writeCapacity) {
    const capFile = path.join(root, "data", "exam-capacity.json");
    fs.mkdirSync(path.dirname(capFile), { recursive: true });
    fs.writeFileSync(
      capFile,
      JSON.stringify({ perSecond: admitPerSecond, measuredAt: new Date().toISOString().slice(0, 10), calibration }, null, 2) + "\n",
    );
    log(`admission capacity ${admitPerSecond}/s written to ${path.relative(root, capFile)}`);
  }

  // ---- the server ----
  const profDir = path.join(WORK, "prof");
  const server = new BenchServer({
    cwd,
    port,
    dbFile,
    log: serverLog,
    nodeArgs: cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
    env: { EXAM_ADMIT_PER_SECOND: String(admitPerSecond) },
  });
  await server.start();
  server.resetCpu();
  log(`server pid ${server.pid} on ${server.url}`);

  // ---- the sitting ----
  const cpu = new CpuWindow();
  const run = runSitting({
    origin: server.url,
    S,
    sitting,
    durationMinutes,
    flow,
    timeline: {
      arrivalWindow,
      startWindow,
      duration,
      saveInterval,
      pollInterval,
      earlyShare,
      minWorkMs: 60_000,
      fetchAssets: !noAssets,
    },
    onOpen: (rooms) => log(`rooms opened: ${rooms} start codes announced`),
  });
  const { rec, http, sims, tOpen, deadline } = run;
  log(
    `sitting: ${N} candidates; arrivals over ${arrivalWindow} s, rooms open at +${arrivalWindow} s, logins over ${startWindow} s, 0:00 at +${arrivalWindow + duration} s; a save every ~${saveInterval} s, a poll every ${pollInterval} s`,
  );
  const stopProgress = progressLog(run, log, () => {
    const st = server.snapshot();
    return `, server RSS ${st.lastRssMiB} MiB, server CPU ${st.cpuSeconds} s`;
  });
  await run.done;
  stopProgress();
  const sittingServer = server.snapshot();
  const sittingCpu = cpu.read(sittingServer.cpuSeconds);
  await run.pool.close();
  const summaries = rec.all().sort((a, b) => endpointOrder(a.endpoint) - endpointOrder(b.endpoint));
  log("sitting finished");

  const stored = await S.storedAnswers(sitting.sittingId);
  const check = checkStored(sims, stored);
  const attempts = await S.attemptSummary(sitting.sittingId);

  // ---- maximum save throughput ----
  let satRows: SaturationRow[] = [];
  let satCheck: ReturnType<typeof checkStored> | null = null;
  let ceiling: Awaited<ReturnType<typeof httpCeiling>> | null = null;
  if (satSitting) {
    const codes = await S.openRooms(satSitting.sittingId, new Date());
    const satRec = new Recorder();
    const satPool = new Pool(server.url, { connections: 32 });
    const satSims = satSitting.candidates.map(
      (c) => new SimulatedCandidate(new Http(server.url, satPool, satRec), c, codes.get(c.roomId)!),
    );
    await signIn(satSims, 32);
    await satPool.close();
    log(`max save throughput: ${satSims.length} candidates signed in; levels ${satLevels.join(", ")} × ${satSeconds} s`);
    satRows = await saturate(server.url, satSims, satLevels, satSeconds, (r) =>
      log(`  c=${r.concurrency}: ${r.perSecond} saves/s, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms, errors ${r.errors}`),
    );
    satCheck = checkStored(satSims, await S.storedAnswers(satSitting.sittingId));
    const top = Math.max(...satLevels);
    ceiling = await httpCeiling(server.url, top, satSeconds);
    log(`  HTTP ceiling (GET /health, c=${top}): ${ceiling.perSecond}/s, p99 ${fmtMs(ceiling.p99)} ms, errors ${ceiling.errors}`);
  }
  const finalServer = server.snapshot();
  await server.stop();
  await S.db.$disconnect();
  const serverErrors = server.stderrLines.length;

  // ---- report ----
  const save = summaries.find((s) => s.endpoint === "save");
  const allIn = sims.filter((s) => s.loggedIn).length;
  const allSubmitted = sims.filter((s) => s.submitted).length;
  const maxSat = satRows.reduce<SaturationRow | null>((m, r) => (!m || r.perSecond > m.perSecond ? r : m), null);
  const ratio = maxSat ? maxSat.perSecond / rawFull.perSecond : NaN;
  const ratioNormal = maxSat ? maxSat.perSecond / raw.perSecond : NaN;
  const offeredRatio = save ? save.ratePerSec / rawFull.perSecond : NaN;
  const queuedSims = sims.filter((s) => s.queuedReplies > 0);
  const longestQueue = Math.max(0, ...sims.map((s) => s.queuedMs));
  console.log(
    `\n## Sitting: ${N} candidates, ${level}, ${duration} s, save every ~${saveInterval} s, poll every ${pollInterval} s, ${flow} flow\n`,
  );
  console.log(endpointTable(summaries));
  const { phaseRows, slow } = phaseReport(rec, { tOpen, startWindow, deadline }, ["save", "poll"]);
  console.log(`\n${outcomeLine(N, allIn, allSubmitted, attempts)}`);
  const requests = summaries.reduce((n, s) => n + s.requests, 0);
  console.log(
    `server: peak RSS (VmHWM) ${finalServer.peakRssMiB} MiB (during the sitting ${sittingServer.peakRssMiB} MiB); CPU ${sittingServer.cpuSeconds} s over the sitting = ${((sittingServer.cpuSeconds * 1000) / requests).toFixed(2)} ms per request (${requests} requests); stderr lines ${serverErrors}`,
  );
  console.log(
    `CPU over the sitting (s): wall ${sittingCpu.wall}, machine busy ${sittingCpu.machineBusy} of ${(sittingCpu.wall * machine.cores).toFixed(0)}, server ${sittingCpu.server}, load generator ${sittingCpu.loadGenerator}, other processes ${sittingCpu.other}`,
  );
  console.log(
    `answers: ${sims.reduce((n, s) => n + s.savesAcked, 0)} saves acknowledged, ${check.checked} (candidate, question) pairs checked, lost ${check.lost}, newer-than-acknowledged ${check.newerUnacked}, never-sent ${check.mismatched}`,
  );
  for (const e of check.examples) console.log(`  ${e}`);
  printProblems(http);
  console.log(`\n## Raw SQLite and save throughput\n`);
  console.log(
    `raw single-row commit rate (WAL): synchronous=FULL ${rawFull.perSecond}/s (${rawFull.commits} commits in ${rawFull.seconds} s; what the app runs), NORMAL ${raw.perSecond}/s`,
  );
  console.log(
    `sitting save throughput (offered load): ${save ? save.ratePerSec.toFixed(1) : "–"}/s = ${(offeredRatio * 100).toFixed(2)} % of raw FULL`,
  );
  console.log(
    `start queue: admission at ${admitPerSecond}/s; ${queuedSims.length} candidates were answered 排队中 (${sims.reduce((n, s) => n + s.queuedReplies, 0)} queue replies), longest wait ${(longestQueue / 1000).toFixed(1)} s (credited to their clocks)`,
  );
  if (satRows.length) {
    console.log(
      markdownTable(
        ["in flight", "saves", "errors", "saves/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        satRows.map((r) => [r.concurrency, r.saves, r.errors, r.perSecond, fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.p99), fmtMs(r.max)]),
      ),
    );
    console.log(
      `max save throughput ${maxSat!.perSecond}/s at ${maxSat!.concurrency} in flight = ${ratio.toFixed(2)} × the raw FULL commit rate, ${ratioNormal.toFixed(2)} × raw NORMAL; saturation lost answers ${satCheck!.lost} of ${satCheck!.checked}`,
    );
    console.log(
      `HTTP ceiling of this server (GET /health back to back, c=${Math.max(...satLevels)}): ${ceiling!.perSecond}/s; saves reach ${(maxSat!.perSecond / ceiling!.perSecond).toFixed(2)} × of it, and the ceiling itself is ${(ceiling!.perSecond / rawFull.perSecond).toFixed(2)} × raw FULL`,
    );
  }
  const targets = [
    ...sittingTargets({
      N,
      signedIn: allIn,
      submitted: allSubmitted,
      summaries,
      rec,
      deadline,
      answers: {
        lost: check.lost + (satCheck?.lost ?? 0),
        checked: check.checked + (satCheck?.checked ?? 0),
        mismatched: check.mismatched,
      },
    }),
    {
      name: "max save throughput ≥ 2 × raw single-row FULL commit rate",
      ok: ratio >= 2,
      detail: maxSat ? `${maxSat.perSecond}/s vs ${rawFull.perSecond}/s = ${ratio.toFixed(2)}` : "not measured",
    },
    {
      name: "stretch: max save throughput ≥ 0.5 × raw NORMAL commit rate",
      ok: ratioNormal >= 0.5,
      detail: maxSat ? `${maxSat.perSecond}/s vs ${raw.perSecond}/s = ${ratioNormal.toFixed(2)}` : "not measured",
    },
  ];
  console.log("\n## Targets\n");
  for (const x of targets) console.log(`${x.ok ? "PASS" : "FAIL"}  ${x.name}: ${x.detail}`);
  const result = {
    at: new Date().toISOString(),
    machine,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    config: {
      checkout: checkout || ".",
      N,
      flow,
      duration,
      saveInterval,
      pollInterval,
      startWindow,
      arrivalWindow,
      assets: !noAssets,
      earlyShare,
      roomCapacity,
      level,
      satLevels,
      satSeconds,
    },
    rooms: sitting.rooms.length,
    paperItems: sitting.paperItems,
    endpoints: summaries,
    phases: phaseRows,
    signedIn: allIn,
    submitted: allSubmitted,
    attempts,
    server: { sitting: sittingServer, final: finalServer, stderrLines: serverErrors },
    cpu: sittingCpu,
    answers: check,
    problems: Object.fromEntries(http.problems),
    raw,
    rawFull,
    saturation: satRows,
    httpCeiling: ceiling,
    saturationCheck: satCheck,
    targets,
    slowOverOneSecondBySecondFromOpen: slow,
    calibration,
    admitPerSecond,
    startQueue: { queuedCandidates: queuedSims.length, longestWaitMs: longestQueue },
  };
  const file = writeJson(`results-${tag}.json`, result);
  const kept = writeResult(tag, result);
  console.log(
    `\nresults: ${path.relative(root, kept)} (and ${path.relative(root, file)}); server log: ${path.relative(root, serverLog)}${cpuProf ? `; CPU profile in ${path.relative(root, profDir)}` : ""}`,
  );
  process.exitCode = targets.filter((x) => !x.name.startsWith("stretch")).every((x) => x.ok) ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
