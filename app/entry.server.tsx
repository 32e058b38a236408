// The server entry of the build. Renders pages as React Router's Node entry does (stream the
// shell, wait for everything for bots), and exports the exam runtime so that server.js — which
// only sees the build — can answer the exam's JSON API before React Router and host the writer.
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { type EntryContext, ServerRouter } from "react-router";
import { drainWrites, handleExamApi, handleHealth, startPrimary, startSingleProcess } from "~/features/exam-taking/index.server";

export const examRuntime = { handleExamApi, handleHealth, startPrimary, startSingleProcess, drainWrites };

export const streamTimeout = 5_000;

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || context.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough({
        final(done) {
          clearTimeout(timer);
          timer = undefined;
          done();
        },
      });
      headers.set("Content-Type", "text/html");
      pipe(body);
      resolve(new Response(createReadableStreamFromReadable(body), { status, headers }));
    };
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={context} url={request.url} />, {
      ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
      onShellError: reject,
      onError(error: unknown) {
        status = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
