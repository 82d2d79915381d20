// The sender thread: takes batches of signed requests from the main thread, makes them side by side
// and answers in batches. Building requests, writing them to sockets and reading the answers is
// most of a delivery's CPU; here it runs beside the main thread's database work instead of taking
// turns with it.
import { parentPort } from 'node:worker_threads';
import { requestOnce, type HttpAnswer } from './adapter-http-request.ts';

/** One batch from the main thread: bodies once, requests naming theirs by index. */
export interface SendBatch {
  bodies: string[];
  requests: { id: number; url: string; headers: Record<string, string>; body: number; timeoutMs: number }[];
}

export type AnswerBatch = [id: number, answer: HttpAnswer][];

const port = parentPort;
if (port) {
  let answers: AnswerBatch = [];
  const flush = () => {
    const out = answers;
    answers = [];
    port.postMessage(out);
  };
  port.on('message', ({ bodies, requests }: SendBatch) => {
    for (const r of requests) {
      void requestOnce(r.url, r.headers, bodies[r.body], r.timeoutMs).then((a) => {
        if (answers.push([r.id, a]) === 1) setImmediate(flush);
      });
    }
  });
}
