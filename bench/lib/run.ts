// A sitting's timeline, shared by the benchmarks: each candidate's plan (arrival, sign-in within the
// start window, think-time saves, submit by hand in the last 30 % or at 0:00), the proctors
// opening every room at the start, and the simulated browsers running against one origin (a
// single server, or nginx in front of several nodes). Also the PASS/FAIL bookkeeping the fault
// runs share.
import { Pool } from "undici";
import { Http, SimulatedCandidate, sleep, type CandidatePlan, type Flow } from "./candidate";
import type { BenchSitting } from "./sitting-setup";
import { fmtMs, markdownTable, Recorder, type EndpointSummary } from "./stats";

export type Timeline = {
  /** Login pages (and assets) opened over this many seconds before the rooms open (0: none). */
  arrivalWindow: number;
  /** Sign-ins spread over this many seconds after the rooms open. */
  startWindow: number;
  /** Seconds from the start code to 0:00. */
  duration: number;
  saveInterval: number;
  pollInterval: number;
  /** Share of candidates who submit by hand in the last 30 %; the rest at 0:00. */
  earlyShare: number;
  /** A hand submit comes at least this long after the sign-in. */
  minWorkMs: number;
  fetchAssets: boolean;
};

export function sittingPlans(count: number, t: Timeline, at: { t0: number; tOpen: number; deadline: number; gate: Promise<unknown> }) {
  return Array.from({ length: count }, (): CandidatePlan => {
    const loginAt = at.tOpen + 500 + Math.random() * t.startWindow * 1000;
    const early = Math.random() < t.earlyShare;
    return {
      arriveAt: t.arrivalWindow > 0 ? at.t0 + Math.random() * t.arrivalWindow * 1000 : null,
      loginAt,
      submitAt: early
        ? Math.max(loginAt + t.minWorkMs, at.deadline - 5000 - Math.random() * 0.3 * t.duration * 1000)
        : at.deadline + Math.random() * 1000,
      deadline: at.deadline,
      saveIntervalMs: t.saveInterval * 1000,
      pollIntervalMs: t.pollInterval * 1000,
      retryIntervalMs: 3000,
      fetchAssets: t.fetchAssets,
      gate: at.gate,
    };
  });
}

type Opener = { openRooms(sittingId: string, openedAt: Date): Promise<Map<string, string>> };

/**
 * Starts the sitting's browsers against `origin`: the rooms open (start codes announced) at
 * `tOpen`, with `openedAt` set so that 0:00 falls at `deadline`. `done` resolves when every
 * candidate has submitted (or given up).
 */
export function runSitting(o: {
  origin: string;
  S: Opener;
  sitting: BenchSitting;
  durationMinutes: number;
  timeline: Timeline;
  flow?: Flow;
  onOpen?: (rooms: number) => void;
}) {
  const rec = new Recorder();
  const pool = new Pool(o.origin, { connections: o.sitting.candidates.length + 16 });
  const http = new Http(o.origin, pool, rec);
  const sims = o.sitting.candidates.map((c) => new SimulatedCandidate(http, c, "", o.flow));
  const t0 = Date.now() + 1000;
  const tOpen = t0 + o.timeline.arrivalWindow * 1000;
  const deadline = tOpen + o.timeline.duration * 1000;
  const gate = sleep(tOpen - Date.now()).then(async () => {
    const codes = await o.S.openRooms(o.sitting.sittingId, new Date(deadline - o.durationMinutes * 60_000));
    for (const s of sims) s.startCode = codes.get(s.c.roomId)!;
    o.onOpen?.(codes.size);
  });
  const plans = sittingPlans(sims.length, o.timeline, { t0, tOpen, deadline, gate });
  const done = Promise.all(sims.map((s, i) => s.run(plans[i])));
  return { rec, pool, http, sims, t0, tOpen, deadline, done };
}

/** A progress line every 10 s while a sitting runs; `extra` appends the server side. Returns the stop function. */
export function progressLog(run: { rec: Recorder; sims: SimulatedCandidate[]; t0: number }, say: (s: string) => void, extra = () => "") {
  let lastCount = 0;
  const timer = setInterval(() => {
    const all = run.rec.all();
    const count = all.reduce((n, s) => n + s.requests, 0);
    const errors = all.reduce((n, s) => n + s.errors, 0);
    say(
      `+${Math.round((Date.now() - run.t0) / 1000)} s: signed in ${run.sims.filter((s) => s.loggedIn).length}, submitted ${run.sims.filter((s) => s.submitted).length}, requests ${count} (${((count - lastCount) / 10).toFixed(0)}/s), errors ${errors}${extra()}`,
    );
    lastCount = count;
  }, 10_000);
  return () => clearInterval(timer);
}

export function line(ok: boolean, text: string) {
  console.log(`${ok ? "PASS" : "FAIL"}  ${text}`);
  return ok;
}

type Failure = Http["failures"][number];

/**
 * A fault's failures split in two: those inside [from, to) that `expected` accepts (the outage the
 * pages ride out by retrying) and every other one (which must be none).
 */
export function splitFailures(failures: readonly Failure[], from: number, to: number, expected: (f: Failure) => boolean) {
  const outage = failures.filter((f) => f.at >= from && f.at < to && expected(f));
  const inOutage = new Set(outage);
  return { outage, other: failures.filter((f) => !inOutage.has(f)) };
}

/** "endpoint outcome" of the first few unexpected failures, for a FAIL line. */
export const failureKinds = (fs: readonly Failure[]) => [...new Set(fs.map((f) => `${f.endpoint} ${f.outcome}`))].slice(0, 5).join("; ");

export type Target = { name: string; ok: boolean; detail: string };

/**
 * The sitting's targets (`npm run bench` and `npm run bench:cluster` alike): everyone in and
 * submitted, 0 errors, 0 lost, every candidate-facing request p99 < 1 s, the 0:00 burst of submits p99 < 2 s.
 */
export function sittingTargets(o: {
  N: number;
  signedIn: number;
  submitted: number;
  summaries: EndpointSummary[];
  rec: Recorder;
  deadline: number;
  answers: { lost: number; checked: number; mismatched: number };
}): Target[] {
  const totalErrors = o.summaries.reduce((n, s) => n + s.errors, 0);
  const submit = o.rec.window("submit", o.deadline - 1000, Infinity);
  return [
    {
      name: `≥ 3,000 candidates, all signed in and submitted`,
      ok: o.N >= 3000 && o.signedIn === o.N && o.submitted === o.N,
      detail: `${o.N} candidates, ${o.signedIn} signed in, ${o.submitted} submitted`,
    },
    { name: "0 errors", ok: totalErrors === 0, detail: `${totalErrors} errors` },
    {
      name: "0 lost answers",
      ok: o.answers.lost === 0 && o.answers.mismatched === 0,
      detail: `${o.answers.lost} lost of ${o.answers.checked}`,
    },
    {
      name: "every candidate-facing request p99 < 1 s (start burst included; a queue position counts)",
      ok: o.summaries.every((x) => x.p99 < 1000),
      detail: o.summaries.map((x) => `${x.endpoint} ${fmtMs(x.p99)}`).join(", "),
    },
    {
      name: "submit at 0:00 p99 < 2 s",
      ok: submit.requests > 0 && submit.p99 < 2000,
      detail: `${submit.requests} submits from 0:00 − 1 s, p99 ${fmtMs(submit.p99)} ms`,
    },
  ];
}

/**
 * Latency by phase — the start (sign-ins), the steady middle, the end (flushes, submits, the 0:00
 * burst) — printed for `endpoints`, and the requests slower than 1 s counted per second after the
 * rooms opened.
 */
export function phaseReport(rec: Recorder, at: { tOpen: number; startWindow: number; deadline: number }, endpoints: string[]) {
  const startEnd = at.tOpen + (at.startWindow + 30) * 1000;
  const phases: [string, number, number][] = [
    ["start", at.tOpen, startEnd],
    ["middle", startEnd, at.deadline - 60_000],
    ["end", at.deadline - 60_000, Infinity],
  ];
  const phaseRows = endpoints.flatMap((e) => phases.map(([name, from, to]) => ({ endpoint: e, phase: name, ...rec.window(e, from, to) })));
  console.log(`\nby phase (start: rooms open + ${at.startWindow + 30} s; end: the last minute and after)\n`);
  console.log(
    markdownTable(
      ["endpoint", "phase", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      phaseRows.map((r) => [r.endpoint, r.phase, r.requests, fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.p99), fmtMs(r.max)]),
    ),
  );
  const slow = rec.slow(1000, at.tOpen);
  const slowSeconds = Object.values(slow).flatMap((m) => Object.keys(m).map(Number));
  if (slowSeconds.length)
    console.log(
      `\nrequests slower than 1 s started between +${Math.min(...slowSeconds)} s and +${Math.max(...slowSeconds)} s after the rooms opened (per second in the results file)`,
    );
  return { phaseRows, slow };
}

/** The distinct problems candidates saw (status and message, or the network error), most frequent first. */
export function printProblems(http: Http) {
  if (!http.problems.size) return;
  console.log("problems seen by candidates:");
  for (const [k, v] of [...http.problems].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${v}× ${k}`);
}

/** "signed in …, submitted …; attempts by status and reason; graded …" */
export function outcomeLine(
  N: number,
  signedIn: number,
  submitted: number,
  attempts: { byStatus: { status: string; reason: string | null; count: number }[]; graded: number },
) {
  return `signed in ${signedIn}/${N}, submitted ${submitted}/${N}; attempts ${attempts.byStatus.map((b) => `${b.status}/${b.reason ?? "-"}: ${b.count}`).join(", ")}; graded ${attempts.graded}`;
}
