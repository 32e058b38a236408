// Starts the production server (node server.js on a build snapshot) against a bench database,
// samples its memory and CPU from /proc, and stops or kills it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { request } from "undici";
import { root } from "./prepare";

export type ServerStats = {
  peakRssMiB: number; // VmHWM: the kernel's high-water mark of resident memory
  sampledPeakRssMiB: number;
  lastRssMiB: number;
  cpuSeconds: number; // user + system
};

const live = new Set<ChildProcess>();
const groups = new Set<number>(); // process groups we lead (a server and its cluster workers)
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const g of groups) {
      try {
        process.kill(-g, "SIGKILL");
      } catch {
        // already gone
      }
    }
    for (const p of live) p.kill("SIGKILL");
  };
  process.on("exit", killAll);
  for (const s of ["SIGINT", "SIGTERM"] as const) {
    process.on(s, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** Tracks a child process so that it is killed if the benchmark itself exits or is interrupted. */
export function track(p: ChildProcess) {
  hookExit();
  live.add(p);
  p.once("exit", () => live.delete(p));
}

/** Direct children of a process (none for server.js today; counted if it ever forks workers). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function readProc(pid: number) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
    const waited = Number(f[13]) + Number(f[14]); // cutime + cstime: children that exited and were reaped
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024, cpu: ticks / 100, waited: waited / 100 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process and its direct children (a PostgreSQL postmaster and its backends,
 * an nginx master and its workers), exited children included once reaped.
 */
export function processTreeCpu(pid: number): number {
  const self = readProc(pid);
  if (!self) return NaN;
  return childrenOf(pid).reduce((n, c) => n + (readProc(c)?.cpu ?? 0), self.cpu + self.waited);
}

export class BenchServer {
  proc!: ChildProcess;
  readonly url: string;
  private timer: NodeJS.Timeout | null = null;
  private stats = { sampledPeak: 0, hwm: 0, last: 0 };
  private perPid = new Map<number, { hwm: number; cpu: number }>();
  private cpuBase = 0;
  private children: number[] = [];
  private ticks = 0;
  exited: Promise<number | null> = Promise.resolve(null);
  stderrLines: string[] = [];

  constructor(
    private readonly opts: {
      cwd: string;
      port: number;
      /** A SQLite file, or `databaseUrl` (PostgreSQL). */
      dbFile?: string;
      databaseUrl?: string;
      log: string;
      nodeArgs?: string[];
      env?: Record<string, string>;
    },
  ) {
    this.url = `http://127.0.0.1:${opts.port}`;
  }

  get pid() {
    return this.proc.pid!;
  }

  async start(timeoutMs = 60_000) {
    const out = fs.openSync(this.opts.log, "a");
    this.proc = spawn(process.execPath, [...(this.opts.nodeArgs ?? []), path.join(root, "server.js")], {
      cwd: this.opts.cwd,
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(this.opts.port),
        DATABASE_URL: this.opts.databaseUrl ?? `file:${this.opts.dbFile}`,
        ...this.opts.env,
      },
      stdio: ["ignore", out, "pipe"],
      detached: true, // its own process group: a SIGKILL reaches anything it started too
    });
    track(this.proc);
    groups.add(this.proc.pid!);
    this.proc.stderr!.setEncoding("utf8");
    this.proc.stderr!.on("data", (chunk: string) => {
      fs.appendFileSync(this.opts.log, chunk);
      for (const l of chunk.split("\n")) if (l.trim()) this.stderrLines.push(l);
    });
    this.exited = new Promise((resolve) => this.proc.once("exit", (code) => resolve(code)));
    this.stats = { sampledPeak: 0, hwm: 0, last: 0 };
    this.perPid.clear();
    const t0 = Date.now();
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`server exited with ${this.proc.exitCode}; see ${this.opts.log}`);
      try {
        const r = await request(`${this.url}/exam`, { headersTimeout: 2000, bodyTimeout: 2000 });
        await r.body.dump();
        if (r.statusCode === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`server did not answer within ${timeoutMs} ms; see ${this.opts.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.children = childrenOf(this.pid);
    this.sample();
    this.resetCpu();
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  private totalCpu() {
    let cpu = 0;
    for (const v of this.perPid.values()) cpu += v.cpu;
    return cpu;
  }

  /** CPU seconds are counted from here (after start-up and the first request). */
  resetCpu() {
    this.sample();
    this.cpuBase = this.totalCpu();
  }

  private sample() {
    if (!this.proc?.pid) return;
    if (++this.ticks % 25 === 0) this.children = childrenOf(this.pid);
    let rss = 0;
    for (const pid of [this.pid, ...this.children]) {
      const p = readProc(pid);
      if (!p) continue;
      rss += p.rss;
      const prev = this.perPid.get(pid);
      this.perPid.set(pid, { hwm: Math.max(prev?.hwm ?? 0, p.hwm), cpu: p.cpu });
    }
    if (rss === 0) return;
    this.stats.sampledPeak = Math.max(this.stats.sampledPeak, rss);
    this.stats.hwm = [...this.perPid.values()].reduce((n, v) => n + v.hwm, 0);
    this.stats.last = rss;
  }

  /** Memory of the server (and any children): the sum of each process's VmHWM (peak RSS), the sampled peak of their summed RSS. */
  snapshot(): ServerStats {
    this.sample();
    return {
      peakRssMiB: +this.stats.hwm.toFixed(1),
      sampledPeakRssMiB: +this.stats.sampledPeak.toFixed(1),
      lastRssMiB: +this.stats.last.toFixed(1),
      cpuSeconds: +(this.totalCpu() - this.cpuBase).toFixed(2),
    };
  }

  /** SIGTERM (graceful close) or SIGKILL (the whole process group at once); resolves when the process is gone. */
  async stop(signal: NodeJS.Signals = "SIGTERM") {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      if (signal === "SIGKILL") process.kill(-this.pid, "SIGKILL");
      else this.proc.kill(signal);
      const timeout = setTimeout(() => {
        try {
          process.kill(-this.pid, "SIGKILL");
        } catch {
          // gone
        }
      }, 10_000);
      await this.exited;
      clearTimeout(timeout);
    }
    groups.delete(this.pid);
  }
}
