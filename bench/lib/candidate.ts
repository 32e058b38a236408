// One simulated candidate at a browser, doing what the exam pages do (app/features/exam-taking/routes/exam-*.tsx):
// open the login page (and its assets), sign in with ticket + ID number + start code (POST
// /exam/api/sign-in, waiting in the start queue when answered 202), load the paper page and the
// paper payload, claim the window, save each answer as it changes (one request
// in flight per question, failed saves kept and retried every 3 s), poll the state every 10 s,
// flush and submit at the end (by hand before the deadline, or the page's auto-submit at 0:00),
// then (without the page script only) load the result page. Every acknowledged save is remembered for the lost-answer check.
import { randomUUID } from "node:crypto";
import zlib from "node:zlib";
import type { Pool } from "undici";
import type { SimCandidate, SimItem } from "./sitting-setup";
import type { Recorder } from "./stats";

export type Value = string | string[] | null;
export type Sent = { seq: number; value: string }; // value as the server stores it (JSON text)

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
export const sleepUntil = (t: number) => sleep(t - Date.now());

export type Resp = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** The HTTP side: one undici Pool per origin (a connection per browser), timing and outcomes. */
export class Http {
  readonly problems = new Map<string, number>();
  /** Every failed request (start time, endpoint, outcome): the fault runs split them by time window. */
  readonly failures: { at: number; endpoint: string; outcome: string }[] = [];
  constructor(
    readonly origin: string,
    readonly pool: Pool,
    readonly rec: Recorder,
  ) {}

  private note(key: string) {
    this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
  }

  async call(
    endpoint: string,
    opts: { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string },
    ok: (r: Resp) => boolean,
  ): Promise<Resp | null> {
    const method = opts.method ?? "GET";
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br", "user-agent": "zw-bench", ...opts.headers };
    if (method === "POST") headers.origin = this.origin;
    const wall = Date.now();
    const t = performance.now();
    try {
      const r = await this.pool.request({ method, path: opts.path, headers, body: opts.body });
      const bytes = Buffer.from(await r.body.arrayBuffer());
      const skip = opts.path.startsWith("/assets/") && !opts.path.includes("/manifest-");
      const text = skip ? "" : decode(bytes, r.headers["content-encoding"]);
      const resp: Resp = { status: r.statusCode, headers: r.headers as Resp["headers"], text };
      const good = ok(resp);
      this.rec.record(endpoint, wall, performance.now() - t, r.statusCode, good);
      if (!good) {
        this.note(`${endpoint} ${r.statusCode}: ${text.replace(/\s+/g, " ").slice(0, 160)}`);
        this.failures.push({ at: wall, endpoint, outcome: String(r.statusCode) });
      }
      return resp;
    } catch (e) {
      this.rec.record(endpoint, wall, performance.now() - t, "network", false);
      const code = (e as { code?: string }).code ?? (e as Error).message;
      this.note(`${endpoint} network: ${code}`);
      this.failures.push({ at: wall, endpoint, outcome: `network ${code}` });
      return null;
    }
  }
}

/** The body as text, decompressed like a browser would (the server compresses what is over 1 kB). */
function decode(bytes: Buffer, encoding: string | string[] | undefined): string {
  switch (String(encoding ?? "")) {
    case "gzip":
      return zlib.gunzipSync(bytes).toString("utf8");
    case "br":
      return zlib.brotliDecompressSync(bytes).toString("utf8");
    case "deflate":
      return zlib.inflateSync(bytes).toString("utf8");
    default:
      return bytes.toString("utf8");
  }
}

function pick<T>(a: readonly T[]): T {
  return a[Math.floor(Math.random() * a.length)];
}

/** A valid answer for the item's type (as the page would send it). */
export function randomValue(item: SimItem): Value {
  if (item.type === "判断") return Math.random() < 0.5 ? "正确" : "错误";
  if (item.type === "单选") return pick(item.options);
  const n = 2 + Math.floor(Math.random() * (item.options.length - 1));
  return [...item.options]
    .sort(() => Math.random() - 0.5)
    .slice(0, n)
    .sort();
}

const storedForm = (v: Value) => JSON.stringify(Array.isArray(v) ? [...new Set(v)].sort() : v);

/**
 * "js": what Chromium does with the app's JavaScript (sign-in through /exam/api/sign-in, the page
 * as route data, /exam/paper.data, the questions from /exam/api/paper). "document": the sign-in
 * form without JavaScript (POST /exam → 302) and the server-rendered page: heavier for the server.
 */
export type Flow = "js" | "document";

/** The exam-paper route's JS (module, imports, CSS) from the client manifest: what the browser loads on navigating there. */
let paperRouteAssets: string[] | null = null;
function learnRouteAssets(manifest: string) {
  if (paperRouteAssets) return;
  const m = /"routes\/exam-paper":(\{[^}]*\})/.exec(manifest);
  if (!m) return;
  const r = JSON.parse(m[1]) as { module: string; imports?: string[]; css?: string[] };
  paperRouteAssets = [r.module, ...(r.imports ?? []), ...(r.css ?? [])];
}

export type CandidatePlan = {
  arriveAt: number | null; // opens the login page (null: skip the login page and assets)
  loginAt: number;
  submitAt: number;
  deadline: number;
  saveIntervalMs: number; // mean think time between answer changes (jitter ±50 %)
  pollIntervalMs: number;
  retryIntervalMs: number;
  fetchAssets: boolean;
  gate?: Promise<unknown>; // resolves when the rooms are open (the start codes are known)
};

export class SimulatedCandidate {
  cookie = "";
  windowId = randomUUID().toLowerCase();
  seq = 0;
  next = 0; // index of the next unanswered item
  readonly pending = new Map<string, { value: Value; seq: number }>();
  readonly inFlight = new Map<string, Promise<void>>();
  readonly acked = new Map<string, Sent>(); // newest acknowledged save per item
  readonly unsure = new Map<string, Sent[]>(); // sent without a clear answer (network error, 5xx)
  readonly fetched = new Set<string>(); // browser cache of assets
  loggedIn = false;
  claimed = false;
  submitted = false;
  savesAcked = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    public http: Http,
    readonly c: SimCandidate,
    public startCode: string,
    readonly flow: Flow = "js",
  ) {}

  /** The assets a page references (and the browser has not cached yet). */
  private async assets(urls: string[]) {
    for (const u of urls) {
      if (this.fetched.has(u)) continue;
      this.fetched.add(u);
      const r = await this.http.call("assets", { path: u }, (r) => r.status === 200);
      if (r && u.includes("/manifest-")) learnRouteAssets(r.text);
    }
  }

  private static assetUrls(html: string) {
    return [
      ...new Set(
        [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"|import\("(\/assets\/[^"]+)"\)|"(\/assets\/manifest-[^"]+)"/g)].map(
          (m) => m[1] ?? m[2] ?? m[3],
        ),
      ),
    ];
  }

  async loginPage(fetchAssets: boolean) {
    const r = await this.http.call("login page", { path: "/exam" }, (r) => r.status === 200);
    if (r && fetchAssets) await this.assets(SimulatedCandidate.assetUrls(r.text));
  }

  /** Longest time spent in the start queue before being admitted (0 if admitted at once). */
  queuedMs = 0;
  queuedReplies = 0;

  /**
   * The sign-in as the page does it: POST /exam/api/sign-in (JSON) with JavaScript, the form POST
   * /exam without. A 202 (or the page's 排队中) is a place in the start queue: asked again after
   * the time the server names, as the page does. Other failures that are not refusals are retried
   * like a person would (after 3 s).
   */
  async login(tries = 5): Promise<boolean> {
    const js = this.flow === "js";
    const cookieOf = (r: Resp) => ([] as string[]).concat(r.headers["set-cookie"] ?? []).find((c) => c.startsWith("zw_exam="));
    const queuedStart = Date.now();
    let queued = false;
    for (let i = 0; i < tries;) {
      const fields = { ticket: this.c.ticket, idNumber: this.c.idNumber, startCode: this.startCode };
      const r = js
        ? await this.http.call(
            "login",
            { method: "POST", path: "/exam/api/sign-in", headers: { "content-type": "application/json" }, body: JSON.stringify(fields) },
            (r) => (r.status === 200 && !!cookieOf(r)) || (r.status === 202 && r.text.includes('"queued"')),
          )
        : await this.http.call(
            "login",
            {
              method: "POST",
              path: "/exam",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams(fields).toString(),
            },
            (r) => (r.status === 302 && !!cookieOf(r)) || (r.status === 200 && r.text.includes("排队中")),
          );
      const cookie = r ? cookieOf(r) : undefined;
      if (r && cookie && (r.status === 200 || r.status === 302)) {
        this.cookie = cookie.split(";")[0];
        this.loggedIn = true;
        if (queued) this.queuedMs = Date.now() - queuedStart;
        return true;
      }
      if (r && (r.status === 202 || (r.status === 200 && !js))) {
        // In the start queue: no try used up.
        queued = true;
        this.queuedReplies++;
        const retry = js ? (JSON.parse(r.text) as { queued: { retryAfterMs: number } }).queued.retryAfterMs : 2000;
        await sleep(retry);
        continue;
      }
      if (r && r.status >= 400 && r.status < 500) return false;
      i++;
      await sleep(3000);
    }
    return false;
  }

  /** The exam page's route data (or the page without JavaScript), then the paper payload it fetches. */
  async paperPage(fetchAssets: boolean): Promise<boolean> {
    const path = this.flow === "js" ? "/exam/paper.data" : "/exam/paper";
    for (let i = 0; i < 5; i++) {
      const r = await this.http.call(
        "paper page",
        { path, headers: { cookie: this.cookie } },
        (r) => r.status === 200 && r.text.includes(this.c.ticket),
      );
      if (r?.status === 200) {
        if (fetchAssets) await this.assets(this.flow === "js" ? (paperRouteAssets ?? []) : SimulatedCandidate.assetUrls(r.text));
        break;
      }
      if (i === 4) return false;
      await sleep(3000);
    }
    for (let i = 0; i < 5; i++) {
      const r = await this.http.call(
        "paper",
        { path: "/exam/api/paper", headers: { cookie: this.cookie } },
        (r) => r.status === 200 && r.text.includes('"questions"'),
      );
      if (r?.status === 200) return true;
      await sleep(2000);
    }
    return false;
  }

  private api(endpoint: string, body: object, ok: (r: Resp) => boolean) {
    return this.http.call(
      endpoint,
      {
        method: "POST",
        path: "/exam/api",
        headers: { cookie: this.cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      ok,
    );
  }

  async claim(): Promise<boolean> {
    for (let i = 0; i < 5; i++) {
      const r = await this.api("claim", { op: "claim", windowId: this.windowId }, (r) => r.status === 200);
      if (r?.status === 200) {
        this.seq = Date.now(); // as the page does
        this.claimed = true;
        return true;
      }
      await sleep(3000);
    }
    return false;
  }

  async poll() {
    await this.http.call("poll", { path: "/exam/api", headers: { cookie: this.cookie } }, (r) => r.status === 200);
  }

  /**
   * Sends one pending answer: one request per question in flight (a second call while one is in
   * flight returns that request), like the page.
   */
  send(itemId: string, endpoint = "save"): Promise<void> {
    const running = this.inFlight.get(itemId);
    if (running) return running;
    const p = this.pending.get(itemId);
    if (!p) return Promise.resolve();
    const job = this.sendNow(itemId, p, endpoint).finally(() => this.inFlight.delete(itemId));
    this.inFlight.set(itemId, job);
    return job;
  }

  private async sendNow(itemId: string, p: { value: Value; seq: number }, endpoint: string) {
    const sent = { seq: p.seq, value: storedForm(p.value) };
    const r = await this.api(
      endpoint,
      { op: "save", windowId: this.windowId, itemId, value: p.value, seq: p.seq },
      (r) => r.status === 200,
    );
    if (r?.status === 200) {
      if (this.pending.get(itemId)?.seq === p.seq) this.pending.delete(itemId);
      const prev = this.acked.get(itemId);
      if (!prev || prev.seq < sent.seq) this.acked.set(itemId, sent);
      this.savesAcked++;
    } else if (!r || r.status >= 500) {
      // No clear answer: it may or may not be stored. Keep it pending (the retry loop resends it).
      if (!this.unsure.has(itemId)) this.unsure.set(itemId, []);
      this.unsure.get(itemId)!.push(sent);
    } else if (r.status !== 423) {
      // 409 (another window) / 410 (submitted) / 400: the page stops sending this answer.
      if (this.pending.get(itemId)?.seq === p.seq) this.pending.delete(itemId);
    }
  }

  /** Waits for the saves in flight, then sends what is still pending (before a submit, too). */
  async flush(endpoint = "save") {
    await Promise.all([...this.inFlight.values()]);
    await Promise.all([...this.pending.keys()].map((id) => this.send(id, endpoint)));
  }

  /** The candidate changes one answer: mostly the next question, sometimes an earlier one. */
  change(endpoint = "save", send = true): string {
    const items = this.c.items;
    let item: SimItem;
    if (this.next < items.length && (this.next === 0 || Math.random() < 0.85)) item = items[this.next++];
    else item = items[Math.floor(Math.random() * Math.max(1, this.next))];
    this.pending.set(item.id, { value: randomValue(item), seq: ++this.seq });
    if (send) void this.send(item.id, endpoint);
    return item.id;
  }

  async submit(): Promise<boolean> {
    await this.flush();
    for (let i = 0; i < 5; i++) {
      const r = await this.api(
        "submit",
        { op: "submit", windowId: this.windowId },
        (r) => r.status === 200 && r.text.includes("submitted"),
      );
      if (r?.status === 200) {
        this.submitted = true;
        // The page shows 已交卷 from the submit's answer alone (results are not published while
        // rooms are open); a candidate without the page's script loads the submitted view.
        if (this.flow === "document")
          await this.http.call(
            "result page",
            { path: "/exam/paper", headers: { cookie: this.cookie } },
            (r) => r.status === 200 && /已交卷|考试时间到/.test(r.text),
          );
        return true;
      }
      await sleep(3000);
      await this.flush();
    }
    return false;
  }

  stopTimers() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** The whole sitting for this candidate. */
  async run(plan: CandidatePlan) {
    if (plan.arriveAt !== null) {
      await sleepUntil(plan.arriveAt);
      await this.loginPage(plan.fetchAssets);
    }
    await sleepUntil(plan.loginAt);
    if (plan.gate) await plan.gate;
    if (!(await this.login())) return;
    if (!(await this.paperPage(plan.fetchAssets))) return;
    if (!(await this.claim())) return;
    // The page polls every 10 s and resends unsaved answers every 3 s.
    const poll = setInterval(() => void this.poll(), plan.pollIntervalMs);
    const retry = setInterval(() => void this.flush(), plan.retryIntervalMs);
    this.timers.push(poll, retry);
    try {
      let t = Date.now() + Math.random() * plan.saveIntervalMs;
      while (t < plan.submitAt) {
        await sleepUntil(t);
        this.change();
        t += plan.saveIntervalMs * (0.5 + Math.random());
      }
      await sleepUntil(plan.submitAt);
    } finally {
      this.stopTimers();
    }
    await this.submit();
  }
}

/** The lost-answer check: the newest acknowledged save of every candidate and question is stored. */
export function checkStored(
  candidates: readonly SimulatedCandidate[],
  stored: { ticket: string; itemId: string; value: string; seq: bigint | number }[],
  acceptAfter?: Map<string, Map<string, Sent>>,
) {
  const db = new Map(stored.map((s) => [`${s.ticket}|${s.itemId}`, s]));
  let checked = 0,
    lost = 0,
    newerUnacked = 0,
    mismatched = 0;
  const examples: string[] = [];
  for (const sc of candidates) {
    const acks = acceptAfter?.get(sc.c.ticket) ?? sc.acked;
    for (const [itemId, ack] of acks) {
      checked++;
      const row = db.get(`${sc.c.ticket}|${itemId}`);
      const seq = row ? Number(row.seq) : -1;
      if (!row || seq < ack.seq || (seq === ack.seq && row.value !== ack.value)) {
        lost++;
        if (examples.length < 5)
          examples.push(
            `${sc.c.ticket} ${itemId}: acknowledged seq ${ack.seq} ${ack.value}, stored ${row ? `seq ${seq} ${row.value}` : "nothing"}`,
          );
      } else if (seq > ack.seq) {
        // A newer save than the newest acknowledged one: it must be one that was sent (its answer lost on the way).
        const sent = [...(sc.unsure.get(itemId) ?? []), ...(sc.acked.get(itemId) ? [sc.acked.get(itemId)!] : [])].find(
          (s) => s.seq === seq && s.value === row.value,
        );
        if (sent) newerUnacked++;
        else {
          mismatched++;
          if (examples.length < 5) examples.push(`${sc.c.ticket} ${itemId}: stored seq ${seq} ${row.value} was never sent`);
        }
      }
    }
  }
  return { checked, lost, newerUnacked, mismatched, examples };
}
