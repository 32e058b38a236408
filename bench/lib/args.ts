// A small command-line parser for the benchmarks: `--name value`, `--flag`, `--name=value`.

export type Args = Record<string, string | true>;

export function parseArgs(argv: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
      out[a.slice(2)] = argv[++i];
    } else {
      out[a.slice(2)] = true;
    }
  }
  return out;
}

/** Seconds from "90", "90s", "10m", "1.5h". */
export function parseSeconds(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new Error(`not a duration: ${v}`);
  const n = Number(m[1]);
  switch (m[2]) {
    case "ms":
      return n / 1000;
    case "m":
      return n * 60;
    case "h":
      return n * 3600;
    default:
      return n;
  }
}

export class Options {
  private used = new Set<string>();
  constructor(private readonly args: Args) {}

  num(name: string, fallback: number): number {
    this.used.add(name);
    const v = this.args[name];
    if (v === undefined) return fallback;
    const n = Number(v);
    if (v === true || !Number.isFinite(n)) throw new Error(`--${name} needs a number`);
    return n;
  }

  seconds(name: string, fallback: number): number {
    this.used.add(name);
    const v = this.args[name];
    if (v === undefined) return fallback;
    if (v === true) throw new Error(`--${name} needs a duration`);
    return parseSeconds(v);
  }

  str(name: string, fallback: string): string {
    this.used.add(name);
    const v = this.args[name];
    if (v === undefined) return fallback;
    if (v === true) throw new Error(`--${name} needs a value`);
    return v;
  }

  flag(name: string): boolean {
    this.used.add(name);
    const v = this.args[name];
    return v === true || v === "1" || v === "true";
  }

  /** Fails on options nobody asked for (typos). */
  done() {
    const unknown = Object.keys(this.args).filter((k) => !this.used.has(k));
    if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((k) => `--${k}`).join(", ")}`);
  }
}
