// Latency and outcome bookkeeping per endpoint, and the summary tables the benchmarks print.

export type Outcome = number | "network";

type Series = {
  latencies: number[]; // ms, every request
  starts: number[]; // ms since epoch, every request (same order)
  ok: number;
  errors: number;
  outcomes: Map<string, number>; // "200", "500", "network", ...
  first: number; // ms since epoch of the first request start
  last: number; // ms since epoch of the last response
  perSecond: Map<number, number>; // completions per wall-clock second
};

export type EndpointSummary = {
  endpoint: string;
  requests: number;
  errors: number;
  outcomes: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  ratePerSec: number; // requests / active interval of the endpoint
  peakPerSec: number; // the busiest wall-clock second
};

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export class Recorder {
  private series = new Map<string, Series>();

  /** `ok` decides whether the outcome counts as success (2xx, or 3xx where a redirect is expected). */
  record(endpoint: string, startedAt: number, ms: number, outcome: Outcome, ok: boolean) {
    let s = this.series.get(endpoint);
    if (!s) {
      s = { latencies: [], starts: [], ok: 0, errors: 0, outcomes: new Map(), first: Infinity, last: 0, perSecond: new Map() };
      this.series.set(endpoint, s);
    }
    s.latencies.push(ms);
    s.starts.push(startedAt);
    if (ok) s.ok++;
    else s.errors++;
    const key = String(outcome);
    s.outcomes.set(key, (s.outcomes.get(key) ?? 0) + 1);
    const end = startedAt + ms;
    s.first = Math.min(s.first, startedAt);
    s.last = Math.max(s.last, end);
    const sec = Math.floor(end / 1000);
    s.perSecond.set(sec, (s.perSecond.get(sec) ?? 0) + 1);
  }

  /** Latency percentiles of the requests of `endpoint` that started within [from, to). */
  window(endpoint: string, from: number, to: number) {
    const s = this.series.get(endpoint);
    const lat = s ? s.latencies.filter((_, i) => s.starts[i] >= from && s.starts[i] < to).sort((a, b) => a - b) : [];
    return {
      requests: lat.length,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      p99: percentile(lat, 99),
      max: lat.length ? lat[lat.length - 1] : NaN,
    };
  }

  /** Requests slower than `ms`, counted per endpoint and per second of their start (from `origin`). */
  slow(ms: number, origin: number): Record<string, Record<number, number>> {
    const out: Record<string, Record<number, number>> = {};
    for (const [endpoint, s] of this.series) {
      s.latencies.forEach((lat, i) => {
        if (lat < ms) return;
        const sec = Math.floor((s.starts[i] - origin) / 1000);
        (out[endpoint] ??= {})[sec] = (out[endpoint]?.[sec] ?? 0) + 1;
      });
    }
    return out;
  }

  endpoints(): string[] {
    return [...this.series.keys()];
  }

  summary(endpoint: string): EndpointSummary | null {
    const s = this.series.get(endpoint);
    if (!s) return null;
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const n = sorted.length;
    const span = Math.max(1, s.last - s.first) / 1000;
    return {
      endpoint,
      requests: n,
      errors: s.errors,
      outcomes: Object.fromEntries(s.outcomes),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[n - 1],
      mean: sorted.reduce((a, b) => a + b, 0) / n,
      ratePerSec: n / span,
      peakPerSec: Math.max(...s.perSecond.values()),
    };
  }

  all(): EndpointSummary[] {
    return this.endpoints().map((e) => this.summary(e)!);
  }
}

/** The order the endpoint tables list a candidate's requests in (the order of a sitting). */
export function endpointOrder(endpoint: string) {
  const i = ["login page", "assets", "login", "paper page", "paper", "claim", "save", "poll", "submit", "result page"].indexOf(endpoint);
  return i < 0 ? 99 : i;
}

export const fmtMs = (v: number) => (Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A GitHub-flavoured markdown table (also readable in a terminal). */
export function markdownTable(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join(" | ")} |`;
  return [line(cells[0]), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join("\n");
}

export function endpointTable(summaries: EndpointSummary[]): string {
  return markdownTable(
    ["endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean req/s", "peak req/s", "outcomes"],
    summaries.map((s) => [
      s.endpoint,
      s.requests,
      s.errors,
      fmtMs(s.p50),
      fmtMs(s.p95),
      fmtMs(s.p99),
      fmtMs(s.max),
      s.ratePerSec.toFixed(1),
      s.peakPerSec,
      Object.entries(s.outcomes)
        .map(([k, v]) => `${k}×${v}`)
        .join(" "),
    ]),
  );
}
