// `npm run bench:cluster` — three app nodes on PostgreSQL behind nginx (issue 14).
//
// On this machine: a PostgreSQL cluster of the bench's own (created with the Debian tools when
// missing), a fresh schema migrated and seeded with the app's scripts, N nodes (node server.js,
// EXAM_WORKERS=1, TRUST_PROXY=1) on a private copy of build/, and nginx configured from the
// committed deploy/nginx.conf in front of them. It measures PostgreSQL's raw durable commit rate,
// runs a sitting of N candidates through nginx (the simulator of `npm run bench`, its targets),
// checks every acknowledged answer in the database, the app's save throughput at saturation
// through nginx and on one node alone, the database's size per candidate, and then fault runs
// on smaller sittings: a node killed with SIGKILL, PostgreSQL restarted.
import fs from "node:fs";
import path from "node:path";
import { Pool, request } from "undici";
import { Options, parseArgs } from "./lib/args";
import { Http, SimulatedCandidate, checkStored, sleep, type Sent } from "./lib/candidate";
import { CpuWindow } from "./lib/cpu";
import { BenchNginx } from "./lib/nginx";
import {
  ensureCluster,
  freshSchema,
  pgRawCommitRate,
  postmasterPid,
  restartCluster,
  schemaSize,
  type PgCluster,
  type PgRawRate,
} from "./lib/postgres";
import { ensureBuild, log, logMachine, root, snapshotBuild, WORK, writeJson, writeResult } from "./lib/prepare";
import {
  failureKinds,
  line,
  outcomeLine,
  phaseReport,
  printProblems,
  progressLog,
  runSitting,
  sittingTargets,
  splitFailures,
  type Target,
  type Timeline,
} from "./lib/run";
import { httpCeiling, saturate, signIn, type SaturationRow } from "./lib/saturation";
import { BenchServer, processTreeCpu } from "./lib/server";
import type * as SittingSetup from "./lib/sitting-setup";
import { endpointOrder, endpointTable, fmtMs, markdownTable, Recorder } from "./lib/stats";

const USAGE = `npm run bench:cluster -- [options]
  --candidates N          candidates in the sitting (default 3000; 0 runs only the faults)
  --duration T            sitting length from the start code to 0:00 (default 5m)
  --save-interval T       mean think time between answer changes (default 30s)
  --poll-interval T       the page's state poll (default 10s)
  --start-window T        sign-ins spread over this after the rooms open (default 60s)
  --arrival-window T      login pages and assets opened over this before the rooms open (default 60s)
  --nodes N               app nodes (default 3)
  --port N                nginx listens here, the nodes on the next N ports (default 3300: nodes 3301–3303)
  --admit-per-second N    the start queue's rate (EXAM_ADMIT_PER_SECOND of every node; default 100)
  --saturation LIST       concurrency levels of the max-save-throughput phase through nginx (default 1,16,64,256; "none" skips)
  --saturation-seconds T  length of each level (default 10s)
  --raw-concurrency LIST  connections of the raw PostgreSQL commit measurement (default 1,4,16)
  --raw-seconds T         length of each raw measurement (default 5s)
  --fault LIST            fault runs after the sitting: kill-node, restart-db, both (default), none
  --fault-candidates N    candidates of each fault run (default 300)
  --fault-duration T      sitting length of each fault run (default 150s)
  --fault-save-interval T save think time in the fault runs (default 3s: a compressed sitting)
  --fault-at F            the fault, as a share of the fault sitting after its start window (default 0.4)
  --db-restart fast|immediate  how PostgreSQL is restarted (default immediate: like a crash, the WAL is replayed)
  --pg-cluster NAME       PostgreSQL cluster (default bench, created on --pg-port when missing; main is the tests')
  --pg-port N             port of a cluster created by the bench (default 5433)
  --rebuild               run \`npm run build\` first (otherwise only when build/ is missing)
  --tag NAME              name of the JSON result file (default: cluster-<candidates>)`;

const SCHEMA = "zw_bench";
const MiB = 2 ** 20;

type Setup = typeof SittingSetup;
type Ctx = {
  S: Setup;
  center: Awaited<ReturnType<Setup["benchCenter"]>>;
  people: string[];
  nodes: BenchServer[];
  nginx: BenchNginx;
  cluster: PgCluster;
};

/** CPU seconds of each tier since the last call (nodes, PostgreSQL, nginx). */
function cpuMeter(ctx: Ctx) {
  const read = () => ({
    nodes: ctx.nodes.reduce((n, s) => n + s.snapshot().cpuSeconds, 0),
    postgres: processTreeCpu(postmasterPid(ctx.cluster)),
    nginx: ctx.nginx.cpuSeconds(),
  });
  let last = read();
  return () => {
    const now = read();
    const d = {
      nodes: +(now.nodes - last.nodes).toFixed(2),
      postgres: +(now.postgres - last.postgres).toFixed(2),
      nginx: +(now.nginx - last.nginx).toFixed(2),
    };
    last = now;
    return d;
  };
}

/** A query of the bench's own that survives a database restart (its pool's connections were cut). */
async function retrying<T>(work: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(500);
    }
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const r = await request(`${url}/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
    await r.body.dump();
    return r.statusCode === 200;
  } catch {
    return false;
  }
}

async function faultRun(
  ctx: Ctx,
  kind: "kill-node" | "restart-db",
  o: { N: number; duration: number; saveInterval: number; faultAt: number; dbRestart: "fast" | "immediate" },
) {
  const startWindow = 20;
  const durationMinutes = Math.ceil(o.duration / 60);
  const sitting = await ctx.S.createSitting({
    center: ctx.center,
    title: `压测故障：${kind}`,
    level: "L5",
    personIds: ctx.people.slice(0, o.N),
    roomCapacity: 30,
    durationMinutes,
    startsAt: new Date(),
  });
  const timeline: Timeline = {
    arrivalWindow: 0,
    startWindow,
    duration: o.duration,
    saveInterval: o.saveInterval,
    pollInterval: 10,
    earlyShare: 0.3,
    minWorkMs: 30_000,
    fetchAssets: false,
  };
  log(`fault run ${kind}: ${o.N} candidates through nginx, ${o.duration} s sitting, a save every ~${o.saveInterval} s`);
  const run = runSitting({ origin: ctx.nginx.url, S: ctx.S, sitting, durationMinutes, timeline });
  const stopProgress = progressLog(run, log);
  const faultTime = run.tOpen + startWindow * 1000 + o.faultAt * (run.deadline - run.tOpen - startWindow * 1000);
  await sleep(faultTime - Date.now());
  const acked = new Map<string, Map<string, Sent>>(run.sims.map((s) => [s.c.ticket, new Map(s.acked)]));
  const inFlight = run.sims.reduce((n, s) => n + s.inFlight.size, 0);
  const at = Date.now();
  const pidsBefore = ctx.nodes.map((n) => n.pid);
  let recoveredAt = at;
  let detail: Record<string, unknown> = {};
  let victim: BenchServer | null = null;
  if (kind === "kill-node") {
    victim = ctx.nodes[1];
    await victim.stop("SIGKILL");
    log(`SIGKILL to node 2 (pid ${victim.pid}) with ${inFlight} saves in flight across the sitting; the others carry on`);
    detail = { killedNode: victim.url, killedPid: victim.pid };
  } else {
    const seconds = await restartCluster(ctx.cluster, o.dbRestart);
    log(`PostgreSQL restarted (-m ${o.dbRestart}) in ${seconds} s with ${inFlight} saves in flight; waiting for every node's /health`);
    const back: number[] = [];
    for (const n of ctx.nodes) {
      while (!(await healthy(n.url))) await sleep(100);
      back.push(+((Date.now() - at) / 1000).toFixed(2));
    }
    recoveredAt = Date.now();
    log(`every node answers /health again ${((recoveredAt - at) / 1000).toFixed(1)} s after the restart began (${back.join(", ")} s)`);
    detail = { restartSeconds: seconds, mode: o.dbRestart, nodeHealthyAfterSeconds: back };
  }
  const afterFault = checkStored(run.sims, await retrying(() => ctx.S.storedAnswers(sitting.sittingId)), acked);
  log(`right after the fault: ${afterFault.checked} answers acknowledged before it, ${afterFault.lost} missing from the database`);
  await run.done;
  stopProgress();
  await run.pool.close();
  const stored = await retrying(() => ctx.S.storedAnswers(sitting.sittingId));
  const final = checkStored(run.sims, stored);
  const preFault = checkStored(run.sims, stored, acked);
  const attempts = await ctx.S.attemptSummary(sitting.sittingId);
  // Expected: what was in flight at the fault (a 502 from nginx for a POST that reached the killed
  // node, a 5xx while the database was away), which the pages send again; nothing after that.
  const { outage, other } = splitFailures(run.http.failures, at - 1000, recoveredAt + 5000, (f) => /^(5\d\d|network)/.test(f.outcome));
  const submitted = run.sims.filter((s) => s.submitted).length;
  const survivors = ctx.nodes.filter((n) => n !== victim);
  const sameProcesses = survivors.every((n) => n.proc.exitCode === null && n.proc.signalCode === null && pidsBefore.includes(n.pid));
  const servedAfter = run.rec.window("save", recoveredAt + 5000, run.deadline);
  console.log(`\n## Fault: ${kind} (${o.N} candidates)\n`);
  console.log(endpointTable(run.rec.all()));
  console.log(`\nfailures around the fault (retried by the pages): ${outage.length} (${failureKinds(outage) || "none"})`);
  const checks = [
    line(
      afterFault.lost === 0 && afterFault.mismatched === 0,
      `${kind}: ${afterFault.checked} answers acknowledged before the fault, ${afterFault.lost} missing right after it`,
    ),
    line(
      preFault.lost === 0,
      `${kind}: at the end, ${preFault.lost} of them lost (${preFault.newerUnacked} replaced by a newer answer the candidate sent)`,
    ),
    line(final.lost === 0 && final.mismatched === 0, `${kind}: ${final.checked} acknowledged answers at the end, ${final.lost} lost`),
    line(submitted === o.N, `${kind}: ${submitted}/${o.N} candidates submitted without signing in again`),
    line(
      other.length === 0,
      `${kind}: ${other.length} errors other than those during the fault${other.length ? `: ${failureKinds(other)}` : ""}`,
    ),
    line(
      sameProcesses && servedAfter.requests > 0,
      `${kind}: the ${survivors.length} remaining nodes kept running without a restart (same processes) and served ${servedAfter.requests} saves after it (p99 ${fmtMs(servedAfter.p99)} ms)`,
    ),
  ];
  if (victim) {
    // Back for whatever runs next.
    await victim.start();
  }
  return {
    kind,
    pass: checks.every(Boolean),
    ...detail,
    savesInFlightAtFault: inFlight,
    afterFault,
    preFault,
    final,
    attempts,
    submitted,
    expectedFailures: outage.length,
    otherFailures: other.length,
    savesAfterRecovery: servedAfter,
    endpoints: run.rec.all(),
    problems: Object.fromEntries(run.http.problems),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  const o = new Options(args);
  const N = o.num("candidates", 3000);
  const timeline: Timeline = {
    duration: o.seconds("duration", 300),
    saveInterval: o.seconds("save-interval", 30),
    pollInterval: o.seconds("poll-interval", 10),
    startWindow: o.seconds("start-window", 60),
    arrivalWindow: o.seconds("arrival-window", 60),
    earlyShare: 0.3,
    minWorkMs: 60_000,
    fetchAssets: true,
  };
  const nodeCount = o.num("nodes", 3);
  const port = o.num("port", 3300);
  const admit = o.num("admit-per-second", 100);
  const satArg = o.str("saturation", "1,16,64,256");
  const satLevels = satArg === "none" || N === 0 ? [] : satArg.split(",").map(Number);
  const satSeconds = o.seconds("saturation-seconds", 10);
  const rawLevels = o.str("raw-concurrency", "1,4,16").split(",").map(Number);
  const rawSeconds = o.seconds("raw-seconds", 5);
  const faultArg = o.str("fault", "both");
  const faults = (faultArg === "both" ? ["restart-db", "kill-node"] : faultArg === "none" ? [] : faultArg.split(",")) as (
    "kill-node" | "restart-db"
  )[];
  if (faults.some((f) => f !== "kill-node" && f !== "restart-db")) throw new Error("--fault is kill-node, restart-db, both or none");
  const faultOpts = {
    N: o.num("fault-candidates", 300),
    duration: o.seconds("fault-duration", 150),
    saveInterval: o.seconds("fault-save-interval", 3),
    faultAt: o.num("fault-at", 0.4),
    dbRestart: o.str("db-restart", "immediate") as "fast" | "immediate",
  };
  const pgClusterName = o.str("pg-cluster", "bench");
  const pgPort = o.num("pg-port", 5433);
  const rebuild = o.flag("rebuild");
  const tag = o.str("tag", `cluster-${N}`);
  o.done();
  if (N > 0 && timeline.duration < timeline.startWindow + 60)
    throw new Error("--duration must exceed the start window by at least a minute");

  const machine = logMachine();
  ensureBuild(rebuild);
  const cwd = snapshotBuild("cluster-run");

  // ---- PostgreSQL: the cluster, a fresh schema, the app's migrations and seed ----
  const { cluster, url: urlOf } = ensureCluster(pgClusterName, pgPort, "zw_bench");
  const url = urlOf(SCHEMA);
  let t = performance.now();
  freshSchema(url);
  log(
    `PostgreSQL ${cluster.version}/${cluster.name} on port ${cluster.port}: schema ${SCHEMA} migrated and seeded (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  process.env.DATABASE_URL = url;
  const S = await import("./lib/sitting-setup");
  const query = <T>(sql: string) => S.db.$queryRawUnsafe<T[]>(sql);
  const seeded = await schemaSize(query, SCHEMA);

  // ---- the sittings, through the app's own functions ----
  t = performance.now();
  const satCount = satLevels.length ? Math.max(...satLevels) : 0;
  const center = await S.benchCenter();
  const people = await S.createPeople(center.centerId, Math.max(N, satCount, faults.length ? faultOpts.N : 0));
  const durationMinutes = Math.ceil(timeline.duration / 60);
  const startsAt = new Date(Date.now() + timeline.arrivalWindow * 1000);
  const sitting = N
    ? await S.createSitting({
        center,
        title: `压测：${N} 人理论考试（多节点）`,
        level: "L5",
        personIds: people.slice(0, N),
        roomCapacity: 30,
        durationMinutes,
        startsAt,
      })
    : null;
  const beforeSitting = await schemaSize(query, SCHEMA);
  const satSitting = satCount
    ? await S.createSitting({
        center,
        title: "压测：保存吞吐（多节点）",
        level: "L5",
        personIds: people.slice(0, satCount),
        roomCapacity: 30,
        durationMinutes: 90,
        startsAt,
      })
    : null;
  log(
    `setup: ${people.length} people, a sitting of ${N} in ${sitting?.rooms.length ?? 0} rooms${satSitting ? `, a saturation sitting of ${satCount}` : ""} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  // ---- PostgreSQL's raw durable commit rate (before the nodes start) ----
  const raw: PgRawRate[] = [];
  for (const c of rawLevels) {
    const r = await pgRawCommitRate(url, c, rawSeconds);
    raw.push(r);
    log(`raw PostgreSQL single-row INSERT commits (synchronous_commit=on), ${c} connection(s): ${r.perSecond}/s`);
  }
  const rawBest = raw.reduce((m, r) => (r.perSecond > m.perSecond ? r : m), raw[0]);

  // ---- the nodes and nginx ----
  const serverLog = path.join(WORK, "cluster-nodes.log");
  fs.writeFileSync(serverLog, "");
  const nodes = Array.from(
    { length: nodeCount },
    (_, i) =>
      new BenchServer({
        cwd,
        port: port + 1 + i,
        databaseUrl: url,
        log: serverLog,
        env: { EXAM_WORKERS: "1", TRUST_PROXY: "1", EXAM_ADMIT_PER_SECOND: String(admit) },
      }),
  );
  await Promise.all(nodes.map((n) => n.start()));
  const nginx = new BenchNginx({ listenPort: port, nodes: nodes.map((n) => n.url.replace("http://", "")), dir: path.join(WORK, "nginx") });
  await nginx.start();
  log(
    `${nodeCount} nodes (${nodes.map((n) => `pid ${n.pid} on ${n.url}`).join(", ")}), nginx on ${nginx.url} (config ${path.relative(root, nginx.conf)})`,
  );
  const ctx: Ctx = { S, center, people, nodes, nginx, cluster };
  const meter = cpuMeter(ctx);

  const result: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine,
    command: `npm run bench:cluster -- ${process.argv.slice(2).join(" ")}`.trim(),
    config: {
      N,
      timeline,
      nodeCount,
      port,
      admit,
      satLevels,
      satSeconds,
      rawLevels,
      rawSeconds,
      faults,
      faultOpts,
      pgCluster: `${cluster.version}/${cluster.name}`,
    },
    raw,
  };
  const targets: Target[] = [];

  // ---- the sitting through nginx ----
  if (sitting) {
    const cpu = new CpuWindow();
    meter();
    const run = runSitting({
      origin: nginx.url,
      S,
      sitting,
      durationMinutes,
      timeline,
      onOpen: (rooms) => log(`rooms opened: ${rooms} start codes announced`),
    });
    log(
      `sitting: ${N} candidates through nginx; arrivals over ${timeline.arrivalWindow} s, logins over ${timeline.startWindow} s, 0:00 at +${timeline.arrivalWindow + timeline.duration} s; a save every ~${timeline.saveInterval} s, a poll every ${timeline.pollInterval} s`,
    );
    const stopProgress = progressLog(run, log, () => `, nodes CPU ${nodes.map((n) => n.snapshot().cpuSeconds).join("/")} s`);
    await run.done;
    stopProgress();
    const tiers = meter();
    const machineCpu = cpu.read(tiers.nodes + tiers.postgres + tiers.nginx);
    await run.pool.close();
    const summaries = run.rec.all().sort((a, b) => endpointOrder(a.endpoint) - endpointOrder(b.endpoint));
    const check = checkStored(run.sims, await S.storedAnswers(sitting.sittingId));
    const attempts = await S.attemptSummary(sitting.sittingId);
    const afterSitting = await schemaSize(query, SCHEMA);
    const signedIn = run.sims.filter((s) => s.loggedIn).length;
    const submitted = run.sims.filter((s) => s.submitted).length;
    const requests = summaries.reduce((n, s) => n + s.requests, 0);
    const perSecond = Object.values(run.rec.slow(0, run.t0)).reduce<Record<number, number>>((acc, m) => {
      for (const [sec, n] of Object.entries(m)) acc[Number(sec)] = (acc[Number(sec)] ?? 0) + n;
      return acc;
    }, {});
    const peakPerSecond = Math.max(...Object.values(perSecond));
    const save = summaries.find((s) => s.endpoint === "save");
    const queued = run.sims.filter((s) => s.queuedReplies > 0);
    const growth = afterSitting.bytes - beforeSitting.bytes;
    console.log(
      `\n## Sitting: ${N} candidates, ${nodeCount} nodes behind nginx, PostgreSQL; ${timeline.duration} s, a save every ~${timeline.saveInterval} s\n`,
    );
    console.log(endpointTable(summaries));
    const at = { tOpen: run.tOpen, startWindow: timeline.startWindow, deadline: run.deadline };
    const { phaseRows, slow } = phaseReport(run.rec, at, ["login", "claim", "save", "poll", "submit"]);
    console.log(`\n${outcomeLine(N, signedIn, submitted, attempts)}`);
    console.log(
      `answers: ${run.sims.reduce((n, s) => n + s.savesAcked, 0)} saves acknowledged, ${check.checked} (candidate, question) pairs checked, lost ${check.lost}, never-sent ${check.mismatched}`,
    );
    for (const e of check.examples) console.log(`  ${e}`);
    console.log(
      `start queue at ${admit}/s: ${queued.length} candidates answered 排队中, longest wait ${(Math.max(0, ...run.sims.map((s) => s.queuedMs)) / 1000).toFixed(1)} s`,
    );
    console.log(
      `CPU over the sitting (s): wall ${machineCpu.wall}, machine busy ${machineCpu.machineBusy} of ${(machineCpu.wall * machine.cores).toFixed(0)}; nodes ${tiers.nodes}, PostgreSQL ${tiers.postgres}, nginx ${tiers.nginx}, load generator ${machineCpu.loadGenerator}, other ${machineCpu.other}; ${requests} requests (peak ${peakPerSecond}/s)`,
    );
    console.log(
      `database: schema ${SCHEMA} ${(afterSitting.bytes / MiB).toFixed(1)} MiB after the sitting (${(seeded.bytes / MiB).toFixed(1)} MiB seeded, ${(beforeSitting.bytes / MiB).toFixed(1)} MiB with the sitting set up), grew ${(growth / MiB).toFixed(1)} MiB = ${(growth / N / 1024).toFixed(1)} KiB per candidate; the whole database ${(afterSitting.databaseBytes / MiB).toFixed(1)} MiB`,
    );
    printProblems(run.http);
    targets.push(...sittingTargets({ N, signedIn, submitted, summaries, rec: run.rec, deadline: run.deadline, answers: check }));
    Object.assign(result, {
      rooms: sitting.rooms.length,
      paperItems: sitting.paperItems,
      endpoints: summaries,
      phases: phaseRows,
      slowOverOneSecondBySecondFromOpen: slow,
      signedIn,
      submitted,
      attempts,
      answers: check,
      problems: Object.fromEntries(run.http.problems),
      startQueue: { queuedCandidates: queued.length, longestWaitMs: Math.max(0, ...run.sims.map((s) => s.queuedMs)) },
      cpu: {
        ...machineCpu,
        tiers,
        requests,
        peakRequestsPerSecond: peakPerSecond,
        meanRequestsPerSecond: +(requests / machineCpu.wall).toFixed(1),
      },
      offeredSavesPerSecond: save ? +save.ratePerSec.toFixed(1) : null,
      database: { seeded, beforeSitting, afterSitting, growthBytes: growth, bytesPerCandidate: Math.round(growth / N) },
      nodeStats: nodes.map((n) => n.snapshot()),
      nodeStderrLines: nodes.reduce((n, s) => n + s.stderrLines.length, 0),
    });
  }

  // ---- maximum save throughput: through nginx, then one node alone ----
  if (satSitting) {
    const codes = await S.openRooms(satSitting.sittingId, new Date());
    const satPool = new Pool(nginx.url, { connections: 32 });
    const satSims = satSitting.candidates.map(
      (c) => new SimulatedCandidate(new Http(nginx.url, satPool, new Recorder()), c, codes.get(c.roomId)!),
    );
    await signIn(satSims, 32);
    await satPool.close();
    log(`max save throughput: ${satSims.length} candidates signed in; levels ${satLevels.join(", ")} × ${satSeconds} s through nginx`);
    meter();
    const satCpu: Record<number, ReturnType<typeof meter>> = {};
    const rows = await saturate(nginx.url, satSims, satLevels, satSeconds, (r) => {
      satCpu[r.concurrency] = meter();
      log(
        `  c=${r.concurrency}: ${r.perSecond} saves/s, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms, errors ${r.errors}; CPU s nodes ${satCpu[r.concurrency].nodes}, PostgreSQL ${satCpu[r.concurrency].postgres}, nginx ${satCpu[r.concurrency].nginx}`,
      );
      meter();
    });
    const top = Math.max(...satLevels);
    const ceiling = await httpCeiling(nginx.url, top, satSeconds);
    log(`  HTTP ceiling through nginx (GET /health, c=${top}): ${ceiling.perSecond}/s, p99 ${fmtMs(ceiling.p99)} ms`);
    meter();
    const [single] = await saturate(nodes[0].url, satSims, [Math.min(64, top)], satSeconds);
    const singleCpu = meter();
    log(
      `  one node alone (${nodes[0].url}, c=${single.concurrency}): ${single.perSecond} saves/s, p99 ${fmtMs(single.p99)} ms; node CPU ${singleCpu.nodes} s, PostgreSQL ${singleCpu.postgres} s`,
    );
    const satCheck = checkStored(satSims, await S.storedAnswers(satSitting.sittingId));
    const best = rows.reduce((m, r) => (r.perSecond > m.perSecond ? r : m), rows[0]);
    console.log(`\n## Save throughput: PostgreSQL raw against the app through nginx\n`);
    console.log(
      markdownTable(
        ["connections", "raw commits/s"],
        raw.map((r) => [r.concurrency, r.perSecond]),
      ),
    );
    console.log();
    console.log(
      markdownTable(
        ["in flight", "saves/s", "errors", "p50 ms", "p99 ms", "× raw (same concurrency or nearest)", "CPU s nodes / PostgreSQL / nginx"],
        rows.map((r: SaturationRow) => {
          const near = raw.reduce(
            (m, x) => (Math.abs(x.concurrency - r.concurrency) < Math.abs(m.concurrency - r.concurrency) ? x : m),
            raw[0],
          );
          const c = satCpu[r.concurrency];
          return [
            r.concurrency,
            r.perSecond,
            r.errors,
            fmtMs(r.p50),
            fmtMs(r.p99),
            `${(r.perSecond / near.perSecond).toFixed(2)} (c=${near.concurrency})`,
            `${c.nodes} / ${c.postgres} / ${c.nginx}`,
          ];
        }),
      ),
    );
    console.log(
      `best: ${best.perSecond} saves/s at ${best.concurrency} in flight = ${(best.perSecond / rawBest.perSecond).toFixed(2)} × the best raw rate (${rawBest.perSecond}/s at ${rawBest.concurrency} connections); one node alone ${single.perSecond}/s; HTTP ceiling through nginx ${ceiling.perSecond}/s; saturation lost ${satCheck.lost} of ${satCheck.checked}`,
    );
    targets.push(
      {
        name: "saturation: 0 lost answers",
        ok: satCheck.lost === 0 && satCheck.mismatched === 0,
        detail: `${satCheck.lost} lost of ${satCheck.checked}`,
      },
      {
        name: "max save throughput through nginx ≥ 2 × PostgreSQL's best raw single-row commit rate",
        ok: best.perSecond >= 2 * rawBest.perSecond,
        detail: `${best.perSecond}/s vs ${rawBest.perSecond}/s = ${(best.perSecond / rawBest.perSecond).toFixed(2)}`,
      },
    );
    Object.assign(result, {
      saturation: rows,
      saturationCpu: satCpu,
      httpCeiling: ceiling,
      singleNode: { ...single, cpu: singleCpu },
      saturationCheck: satCheck,
    });
  }

  // ---- faults ----
  const faultResults = [];
  for (const kind of faults) {
    const r = await faultRun(ctx, kind, faultOpts);
    faultResults.push(r);
    targets.push({
      name: `fault ${kind}: 0 acknowledged answers lost, every candidate submitted, no error after the fault`,
      ok: r.pass,
      detail: `${r.final.lost} lost of ${r.final.checked}, ${r.submitted}/${faultOpts.N} submitted, ${r.expectedFailures} requests failed during the fault (sent again by the pages), ${r.otherFailures} other errors`,
    });
  }
  result.faults = faultResults;

  await nginx.stop();
  await Promise.all(nodes.map((n) => n.stop()));
  await S.db.$disconnect();

  if (sitting) result.projection = projection(result, nodeCount);
  console.log("\n## Targets\n");
  for (const x of targets) console.log(`${x.ok ? "PASS" : "FAIL"}  ${x.name}: ${x.detail}`);
  result.targets = targets;
  const file = writeJson(`results-${tag}.json`, result);
  const kept = writeResult(tag, result);
  console.log(
    `\nresults: ${path.relative(root, kept)} (and ${path.relative(root, file)}); node logs: ${path.relative(root, serverLog)}; nginx: ${path.relative(root, nginx.conf)}`,
  );
  process.exitCode = targets.every((x) => x.ok) ? 0 : 1;
}

/**
 * On paper, a sitting 10 × this one (30,000 candidates for the default 3,000): the same requests
 * per candidate, so 10 × the request rate, at this run's CPU per request of each tier, and the
 * database grown by this run's bytes per candidate. Printed and kept in the results file.
 */
function projection(result: Record<string, unknown>, nodeCount: number) {
  const r = result as {
    config: { N: number };
    cpu: {
      tiers: { nodes: number; postgres: number; nginx: number };
      requests: number;
      peakRequestsPerSecond: number;
      meanRequestsPerSecond: number;
    };
    offeredSavesPerSecond: number;
    database: { bytesPerCandidate: number };
    saturation?: SaturationRow[];
    singleNode?: SaturationRow;
  };
  const scale = 30_000 / r.config.N;
  const perReq = (s: number) => (s * 1000) / r.cpu.requests; // CPU ms per request
  const ms = { nodes: perReq(r.cpu.tiers.nodes), postgres: perReq(r.cpu.tiers.postgres), nginx: perReq(r.cpu.tiers.nginx) };
  const peak = r.cpu.peakRequestsPerSecond * scale;
  const mean = r.cpu.meanRequestsPerSecond * scale;
  const cores = (msPerReq: number, rate: number) => +((msPerReq * rate) / 1000).toFixed(2);
  const out = {
    candidates: 30_000,
    scale,
    cpuMsPerRequest: { nodes: +ms.nodes.toFixed(3), postgres: +ms.postgres.toFixed(3), nginx: +ms.nginx.toFixed(3) },
    requestsPerSecond: { mean: Math.round(mean), peak: Math.round(peak) },
    coresAtPeak: { nodes: cores(ms.nodes, peak), postgres: cores(ms.postgres, peak), nginx: cores(ms.nginx, peak) },
    coresAtMean: { nodes: cores(ms.nodes, mean), postgres: cores(ms.postgres, mean), nginx: cores(ms.nginx, mean) },
    savesPerSecond: Math.round(r.offeredSavesPerSecond * scale),
    measuredMaxSavesPerSecond: r.saturation ? Math.max(...r.saturation.map((x) => x.perSecond)) : null,
    singleNodeSavesPerSecond: r.singleNode?.perSecond ?? null,
    databaseGiB: +((r.database.bytesPerCandidate * 30_000) / 2 ** 30).toFixed(2),
    nodesMeasured: nodeCount,
  };
  console.log(`\n## On paper: a 30,000-candidate sitting (${scale} × this one)\n`);
  console.log(
    `CPU per request: nodes ${out.cpuMsPerRequest.nodes} ms, PostgreSQL ${out.cpuMsPerRequest.postgres} ms, nginx ${out.cpuMsPerRequest.nginx} ms; requests ${out.requestsPerSecond.mean}/s mean, ${out.requestsPerSecond.peak}/s at this run's peak second × ${scale}`,
  );
  console.log(
    `cores busy at that peak: nodes ${out.coresAtPeak.nodes}, PostgreSQL ${out.coresAtPeak.postgres}, nginx ${out.coresAtPeak.nginx} (mean: ${out.coresAtMean.nodes} / ${out.coresAtMean.postgres} / ${out.coresAtMean.nginx}); saves ${out.savesPerSecond}/s offered; database +${out.databaseGiB} GiB`,
  );
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
