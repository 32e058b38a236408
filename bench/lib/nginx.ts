// nginx in front of the bench's nodes, configured from the committed deploy/nginx.conf: the node
// lines (between "# BEGIN nodes" and "# END nodes", parameters kept), the bank node (the first
// node), the listen port and the
// pid/log paths are replaced; everything else is what a center installs. Runs as a foreground
// child (daemon off), never the system service.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { request } from "undici";
import { root } from "./prepare";
import { processTreeCpu, track } from "./server";

export const TEMPLATE = path.join(root, "deploy", "nginx.conf");

function replaceOnce(text: string, re: RegExp, by: (m: RegExpExecArray) => string, what: string): string {
  const m = re.exec(text);
  if (!m) throw new Error(`deploy/nginx.conf: ${what} not found (the bench renders it; keep the directive)`);
  return text.slice(0, m.index) + by(m) + text.slice(m.index + m[0].length);
}

/** The template with `nodes` ("host:port") as the upstream, listening on `listen`, its pid and logs under `dir`. */
export function renderNginxConf(template: string, o: { listen: string; nodes: string[]; dir: string }): string {
  let t = replaceOnce(
    template,
    /^([ \t]*)# BEGIN nodes\n[ \t]*server \S+( [^;\n]*)?;\n(?:[^\n]*\n)*?[ \t]*# END nodes\n/m,
    (m) => `${m[1]}# BEGIN nodes\n${o.nodes.map((n) => `${m[1]}server ${n}${m[2] ?? ""};\n`).join("")}${m[1]}# END nodes\n`,
    "the node lines",
  );
  t = replaceOnce(
    t,
    /^([ \t]*)# BEGIN bank node\n[ \t]*server \S+( [^;\n]*)?;\n[ \t]*# END bank node\n/m,
    (m) => `${m[1]}# BEGIN bank node\n${m[1]}server ${o.nodes[0]}${m[2] ?? ""};\n${m[1]}# END bank node\n`,
    "the bank node line",
  );
  t = replaceOnce(t, /^([ \t]*)listen 80\b/m, (m) => `${m[1]}listen ${o.listen}`, "listen 80");
  t = replaceOnce(t, /^pid [^;]+;/m, () => `pid ${path.join(o.dir, "nginx.pid")};`, "pid");
  t = replaceOnce(t, /^error_log \S+/m, () => `error_log ${path.join(o.dir, "error.log")}`, "error_log");
  t = replaceOnce(t, /^([ \t]*)access_log \/\S+/m, (m) => `${m[1]}access_log ${path.join(o.dir, "access.log")}`, "access_log");
  return t;
}

export class BenchNginx {
  proc!: ChildProcess;
  readonly url: string;
  readonly conf: string;
  exited: Promise<number | null> = Promise.resolve(null);

  constructor(private readonly o: { listenPort: number; nodes: string[]; dir: string }) {
    this.url = `http://127.0.0.1:${o.listenPort}`;
    this.conf = path.join(o.dir, "nginx.conf");
  }

  /** Renders the config, checks it with `nginx -t` and starts nginx; resolves when it answers through to a node. */
  async start(timeoutMs = 20_000) {
    fs.mkdirSync(this.o.dir, { recursive: true });
    const text = renderNginxConf(fs.readFileSync(TEMPLATE, "utf8"), {
      listen: `127.0.0.1:${this.o.listenPort}`,
      nodes: this.o.nodes,
      dir: this.o.dir,
    });
    fs.writeFileSync(this.conf, text);
    const args = ["-p", this.o.dir, "-e", path.join(this.o.dir, "error.log"), "-c", this.conf];
    const check = spawnSync("nginx", [...args, "-t", "-q"], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx -t failed for ${this.conf}: ${check.stderr}`);
    this.proc = spawn("nginx", [...args, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
    track(this.proc);
    this.exited = new Promise((resolve) => this.proc.once("exit", (code) => resolve(code)));
    const t0 = Date.now();
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`nginx exited with ${this.proc.exitCode}; see ${this.o.dir}/error.log`);
      try {
        const r = await request(`${this.url}/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
        await r.body.dump();
        if (r.statusCode === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`nginx did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** CPU seconds of the master and its workers so far. */
  cpuSeconds(): number {
    return this.proc?.pid ? processTreeCpu(this.proc.pid) : NaN;
  }

  /** SIGQUIT: graceful shutdown (the workers finish their requests). */
  async stop() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill("SIGQUIT");
      await this.exited;
    }
  }
}
