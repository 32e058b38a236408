// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time per function and
// per package/file, and total (inclusive) time of the frames that matter for the exam routes.
//   npx tsx bench/profile.ts [file.cpuprofile]   (default: the newest in bench/.work/prof)
import fs from "node:fs";
import path from "node:path";
import { WORK } from "./lib/prepare";
import { markdownTable } from "./lib/stats";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const dir = path.join(WORK, "prof");
const file =
  process.argv[2] ??
  path.join(
    dir,
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .sort()
      .at(-1)!,
  );
const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfMs = new Map<number, number>();
prof.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

function where(url: string): string {
  if (!url) return "(native/V8)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return url;
  return path.basename(url);
}
const label = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfByFn = new Map<string, number>();
const selfByPkg = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id)!;
  selfByFn.set(label(n), (selfByFn.get(label(n)) ?? 0) + ms);
  const pkg = where(n.callFrame.url);
  selfByPkg.set(pkg, (selfByPkg.get(pkg) ?? 0) + ms);
}
// Inclusive time per function label (counted once per sample even under recursion).
const incl = new Map<string, number>();
prof.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) {
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
    }
  }
});
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => [name, ms.toFixed(0), ((ms / total) * 100).toFixed(1)]);
console.log(`${path.relative(process.cwd(), file)}: ${(total / 1000).toFixed(1)} s sampled\n`);
console.log("self time by package/file\n" + markdownTable(["where", "ms", "%"], top(selfByPkg, 20)));
console.log("\nself time by function\n" + markdownTable(["function", "ms", "%"], top(selfByFn, 30)));
const filter = process.env.PROFILE_MATCH
  ? new RegExp(process.env.PROFILE_MATCH)
  : /exam|loadExam|saveAnswer|finalize|paperOf|action|loader|\$transaction|request|render/i;
console.log(
  "\ninclusive time of matching frames\n" +
    markdownTable(["function", "ms", "%"], top(new Map([...incl].filter(([k]) => filter.test(k))), 30)),
);
