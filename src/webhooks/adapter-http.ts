// Webhook requests leave through one sender thread per process (adapter-http-worker.ts), started at
// the first delivery: requests made in the same turn of the event loop go to it as one message, and
// its answers come back the same way. A redirect is not followed (it would re-send a signed body to
// an address nobody chose). If the thread dies, the requests it held are answered as failed (their
// deliveries are retried by the schedule) and the next request starts a new one.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HttpAnswer } from './adapter-http-request.ts';
import type { AnswerBatch, SendBatch } from './adapter-http-worker.ts';

export type { HttpAnswer } from './adapter-http-request.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;

// The thread runs TypeScript through the same loader as the rest of Hotline.
// (its ES module build: require() resolves the CommonJS one, which cannot load its own ESM half)
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const BOOT = `import { register } from ${JSON.stringify(TSX)}; register(); await import(${JSON.stringify(new URL('./adapter-http-worker.ts', import.meta.url).href)});`;

let worker: Worker | null = null;
const waiting = new Map<number, (a: HttpAnswer) => void>();
let nextId = 1;
let batch: SendBatch | null = null;
let bodyIndex = new Map<string, number>();

function sender(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(BOOT)}`));
  w.unref(); // an idle sender never keeps the process alive
  w.on('message', (answers: AnswerBatch) => {
    for (const [id, a] of answers) {
      waiting.get(id)?.(a);
      waiting.delete(id);
    }
    if (waiting.size === 0) w.unref();
  });
  const lost = (why: string) => {
    if (worker !== w) return;
    worker = null;
    for (const resolve of waiting.values()) resolve({ status: null, durationMs: 0, error: `the sender thread stopped (${why}); the outcome is unknown` });
    waiting.clear();
  };
  w.on('error', (e) => lost(e.message));
  w.on('exit', (code) => lost(`exit ${code}`));
  worker = w;
  return w;
}

/** One attempt: a POST of the signed body, answered within the timeout or counted as a failure. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    if (!batch) {
      batch = { bodies: [], requests: [] };
      bodyIndex = new Map();
      queueMicrotask(() => {
        const w = sender();
        w.ref(); // answers are awaited
        const b = batch!;
        batch = null;
        w.postMessage(b);
      });
    }
    let i = bodyIndex.get(body);
    if (i === undefined) bodyIndex.set(body, (i = batch.bodies.push(body) - 1));
    batch.requests.push({ id, url, headers, body: i, timeoutMs });
  });
}

/** Unix seconds by this machine's wall clock: what a receiver compares with its own to refuse replays. */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
