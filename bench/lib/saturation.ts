// Maximum save throughput: logged-in candidates save answers back to back (no think time) with a
// fixed number of requests in flight; one step per concurrency level.
import { Pool } from "undici";
import { Http, sleep, type SimulatedCandidate } from "./candidate";
import { Recorder } from "./stats";

export type SaturationRow = {
  concurrency: number;
  saves: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

/** Login + claim for every candidate, `concurrency` at a time (no page loads: only the saves matter here). */
export async function signIn(sims: SimulatedCandidate[], concurrency: number) {
  let i = 0;
  const worker = async () => {
    while (i < sims.length) {
      const s = sims[i++];
      if ((await s.login()) && (await s.claim())) continue;
      throw new Error(`saturation candidate ${s.c.ticket} could not sign in`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function saturate(
  url: string,
  sims: SimulatedCandidate[],
  levels: number[],
  seconds: number,
  onLevel?: (row: SaturationRow) => void,
): Promise<SaturationRow[]> {
  const rows: SaturationRow[] = [];
  for (const c of levels.filter((l) => l <= sims.length)) {
    const pool = new Pool(url, { connections: c });
    const rec = new Recorder();
    const http = new Http(url, pool, rec);
    const endpoint = `save c=${c}`;
    // Each worker owns its own candidates, so no two saves of one candidate's question race.
    const groups = Array.from({ length: c }, (_, w) => sims.filter((_, k) => k % c === w));
    for (const g of groups) for (const s of g) s.http = http;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    let saves = 0;
    await Promise.all(
      groups.map(async (g) => {
        let k = 0;
        while (performance.now() < end) {
          const s = g[k++ % g.length];
          const itemId = s.change(endpoint, false);
          await s.send(itemId, endpoint);
          saves++;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    // Whatever failed is retried once so that the lost-answer check sees a settled state.
    for (const g of groups) for (const s of g) await s.flush(endpoint);
    const sum = rec.summary(endpoint)!;
    const lat = [sum.p50, sum.p95, sum.p99];
    const row = {
      concurrency: c,
      saves,
      errors: sum.errors,
      perSecond: Math.round(saves / elapsed),
      p50: lat[0],
      p95: lat[1],
      p99: lat[2],
      max: sum.max,
    };
    rows.push(row);
    onLevel?.(row);
    await pool.close();
    await sleep(1000);
  }
  return rows;
}

/**
 * The ceiling any per-request API has on this server: GET /health (one trivial query, no
 * session, no write) back to back with `concurrency` in flight, with the same client as the saves.
 */
export async function httpCeiling(
  url: string,
  concurrency: number,
  seconds: number,
): Promise<{ perSecond: number; p99: number; errors: number }> {
  const pool = new Pool(url, { connections: concurrency });
  const rec = new Recorder();
  const http = new Http(url, pool, rec);
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await http.call("health", { path: "/health" }, (r) => r.status === 200);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  await pool.close();
  const sum = rec.summary("health")!;
  return { perSecond: Math.round(done / elapsed), p99: sum.p99, errors: sum.errors };
}
