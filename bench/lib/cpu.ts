// Whole-machine CPU accounting, to tell how much of a run's CPU time was neither the server's nor
// the load generator's (another build or test on the same machine shares the 2 cores).
import fs from "node:fs";

/** Busy CPU seconds of the whole machine since boot (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

export class CpuWindow {
  private machine0 = machineBusySeconds();
  private self0 = process.cpuUsage();
  private wall0 = performance.now();

  /** Seconds of wall time, machine busy time, this process's CPU time, and the rest ("other"). */
  read(serverCpuSeconds: number) {
    const wall = (performance.now() - this.wall0) / 1000;
    const machine = machineBusySeconds() - this.machine0;
    const u = process.cpuUsage(this.self0);
    const self = (u.user + u.system) / 1e6;
    return {
      wall: +wall.toFixed(1),
      machineBusy: +machine.toFixed(1),
      loadGenerator: +self.toFixed(1),
      server: +serverCpuSeconds.toFixed(1),
      other: +Math.max(0, machine - self - serverCpuSeconds).toFixed(1),
    };
  }
}
