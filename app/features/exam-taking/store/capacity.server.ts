// How many candidate starts per second this deployment serves within the latency target: from
// EXAM_ADMIT_PER_SECOND, else from the last benchmark run on this machine (`npm run bench --
// --write-capacity` writes data/exam-capacity.json), else a conservative default.
import fs from "node:fs";
import path from "node:path";

export type Capacity = { perSecond: number; source: string };

export const DEFAULT_ADMIT_PER_SECOND = 50;

let cached: Capacity | undefined;

export function capacityConfig(): Capacity {
  if (cached) return cached;
  const fromEnv = Number(process.env.EXAM_ADMIT_PER_SECOND);
  if (fromEnv > 0) return (cached = { perSecond: fromEnv, source: "环境变量 EXAM_ADMIT_PER_SECOND" });
  try {
    const file = JSON.parse(fs.readFileSync(path.resolve("data/exam-capacity.json"), "utf8")) as {
      perSecond?: number;
      measuredAt?: string;
    };
    if (typeof file.perSecond === "number" && file.perSecond > 0)
      return (cached = { perSecond: file.perSecond, source: `本机压测实测，${file.measuredAt ?? "日期未记录"}` });
  } catch {
    // no measurement yet
  }
  return (cached = { perSecond: DEFAULT_ADMIT_PER_SECOND, source: "默认值，本机尚未压测" });
}
