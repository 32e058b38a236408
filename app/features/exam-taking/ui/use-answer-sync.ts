import { useEffect, useState, useSyncExternalStore } from "react";
import { useNavigate } from "react-router";
import { AnswerSync, remainingMs, type AnswerValue, type ServerClock } from "../answer-sync";

async function postJson(body: object) {
  const res = await fetch("/exam/api", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, json };
}

/** The offline-sync engine bound to this page: timers for retries (3 s), polls (10 s) and the countdown (1 s). */
export function useAnswerSync(attemptId: string, initial: { answers: Record<string, AnswerValue>; clock: ServerClock }) {
  const navigate = useNavigate();
  // One engine for the page's lifetime (created on the first render, never re-created).
  const [sync] = useState(
    () =>
      new AnswerSync(attemptId, initial, {
        post: postJson,
        poll: async () => (await (await fetch("/exam/api", { credentials: "same-origin" })).json()) as Record<string, unknown>,
        storage: {
          getItem: (k) => localStorage.getItem(k),
          setItem: (k, v) => localStorage.setItem(k, v),
          removeItem: (k) => localStorage.removeItem(k),
        },
        now: () => Date.now(),
        newWindowId: () => crypto.randomUUID().toLowerCase(),
        onDone: () => void navigate(".", { replace: true }),
        onReclaimed: () => window.location.reload(),
      }),
  );
  const state = useSyncExternalStore(sync.subscribe, sync.getState, sync.getState);
  const [localNow, setLocalNow] = useState(() => initial.clock.serverNow);

  useEffect(() => {
    void sync.start();
    const retry = setInterval(() => void sync.flush(), 3000);
    const poll = setInterval(() => void sync.poll(), 10_000);
    const tick = setInterval(() => setLocalNow(Date.now()), 1000);
    const goOnline = () => sync.goOnline();
    const goOffline = () => sync.goOffline();
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    return () => {
      clearInterval(retry);
      clearInterval(poll);
      clearInterval(tick);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
    };
  }, [sync]);

  return { sync, state, remaining: remainingMs(state.clock, localNow, state.offset) };
}
