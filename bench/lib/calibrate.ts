// The start rate of this machine: how many candidate starts per second (sign-in, the exam page,
// the paper payload, the first claim) the server completes back to back, with no start queue
// (the server runs with an unlimited EXAM_ADMIT_PER_SECOND). The admission capacity is a share of
// it: the candidates already writing need the rest of the machine.
import { Pool } from "undici";
import { Http, type SimulatedCandidate } from "./candidate";
import { percentile, Recorder } from "./stats";

/** Share of the measured start rate that admission lets in (the remainder serves saves and polls). */
export const ADMIT_SHARE = 0.6;

export type StartRate = {
  starts: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  concurrency: number;
  admitPerSecond: number;
};

export async function measureStartRate(url: string, sims: SimulatedCandidate[], concurrency: number): Promise<StartRate> {
  const pool = new Pool(url, { connections: concurrency });
  const http = new Http(url, pool, new Recorder());
  for (const s of sims) s.http = http;
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < sims.length) {
      const s = sims[next++];
      const t = performance.now();
      if (!(await s.login()) || !(await s.paperPage(false)) || !(await s.claim()))
        throw new Error(`calibration start of ${s.c.ticket} failed`);
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  times.sort((a, b) => a - b);
  const perSecond = times.length / seconds;
  return {
    starts: times.length,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Number(perSecond.toFixed(1)),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    concurrency,
    admitPerSecond: Math.max(1, Math.floor(perSecond * ADMIT_SHARE)),
  };
}
