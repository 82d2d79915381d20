// A loopback receiver for signed outbound webhooks. It verifies `v1=<hex HMAC-SHA256(raw body)>`
// with its own code (not Hotline's), answers 401 on a bad signature, and can be scripted to answer
// other statuses or to stall (for timeout tests). Everything received is recorded.
//
// Use: const rx = await startWebhookReceiver({ secret: 's' }); send to rx.url; rx.received[0].json
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { listenLoopback, readBody } from './http-util.ts';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: unknown;
  signatureValid: boolean;
  status: number;
}

export interface ScriptedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Hold the response this long before answering. */
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers used in order for the next requests; afterwards 202 Accepted. */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { secret: string; signatureHeader?: string }): Promise<WebhookReceiver> {
  const header = (options.signatureHeader ?? 'X-Hotline-Signature').toLowerCase();
  const received: ReceivedWebhook[] = [];
  const queue: ScriptedAnswer[] = [];
  const valid = (raw: Buffer, value: string | undefined) => {
    const expected = createHmac('sha256', options.secret).update(raw).digest();
    return (value ?? '').split(',').some((part) => {
      const m = /^\s*v1=([0-9a-f]+)\s*$/.exec(part);
      if (!m) return false;
      const got = Buffer.from(m[1]!, 'hex');
      return got.length === expected.length && timingSafeEqual(got, expected);
    });
  };
  const listening = await listenLoopback((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const signatureValid = valid(raw, req.headers[header] as string | undefined);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      const answer: ScriptedAnswer = signatureValid ? (queue.shift() ?? { status: 202 }) : { status: 401, body: 'bad signature' };
      received.push({ path: req.url ?? '/', headers: req.headers, rawBody: raw.toString('utf8'), json, signatureValid, status: answer.status });
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    })();
  });
  return {
    url: `${listening.url}/hooks/hotline`,
    received,
    script: (...answers) => {
      queue.push(...answers);
    },
    close: listening.close,
  };
}
