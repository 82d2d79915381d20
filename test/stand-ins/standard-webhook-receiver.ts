// A loopback receiver for Standard Webhooks (https://www.standardwebhooks.com), built the way a
// customer would build one: every request is checked with the `standardwebhooks` library's
// `new Webhook(secret).verify(body, headers)`, a bad or stale signature is answered 401, and a
// message is accepted once by its `webhook-id` (a retry of an accepted id is answered 200 and
// not counted again). It can be told to fail the next N requests (to show retries), to answer 410,
// or to take the next requests and never answer (a sender that dies mid-request never hears back).
import { Webhook } from 'standardwebhooks';
import { listenLoopback, readBody } from './http-util.ts';

export interface StandardRequest {
  headers: Record<string, string>;
  rawBody: string;
  /** What verify() said: null when it accepted the signature, else its error message. */
  rejected: string | null;
  /** The answer given (0: held, never answered). */
  status: number;
}

export interface StandardWebhookReceiver {
  url: string;
  /** Every request as it arrived (raw attempts). */
  requests: StandardRequest[];
  /** Accepted messages by webhook-id, each once, in arrival order. */
  accepted: Map<string, { type: string; body: any; attempts: number }>;
  /** Answer `status` to the next `n` correctly signed requests. */
  failNext(n: number, status?: number): void;
  /** Take the next `n` correctly signed requests without answering them (they stay open until close). */
  holdNext(n: number): void;
  /** Answer `status` to every request from now on (null: back to normal). */
  always(status: number | null): void;
  setSecret(secret: string): void;
  close(): Promise<void>;
}

export async function startStandardWebhookReceiver(secret: string): Promise<StandardWebhookReceiver> {
  let wh = new Webhook(secret);
  const requests: StandardRequest[] = [];
  const accepted = new Map<string, { type: string; body: any; attempts: number }>();
  const seen = new Map<string, number>();
  let failing = 0;
  let failStatus = 500;
  let forced: number | null = null;
  let holding = 0;
  const l = await listenLoopback((req, res) => {
    void (async () => {
      const raw = (await readBody(req)).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let rejected: string | null = null;
      let body: any = null;
      try {
        body = wh.verify(raw, headers);
      } catch (e) {
        rejected = (e as Error).message;
      }
      const id = headers['webhook-id'] ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (!rejected && holding > 0) {
        holding--;
        requests.push({ headers, rawBody: raw, rejected, status: 0 });
        return; // no answer, ever: closed with the receiver
      }
      let status = 200;
      if (rejected) status = 401;
      else if (forced !== null) status = forced;
      else if (failing > 0) {
        failing--;
        status = failStatus;
      } else if (!accepted.has(id)) accepted.set(id, { type: body.type, body, attempts: seen.get(id)! });
      requests.push({ headers, rawBody: raw, rejected, status });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'no');
    })();
  });
  return {
    url: `${l.url}/hotline-events`,
    requests,
    accepted,
    failNext: (n, status = 500) => {
      failing = n;
      failStatus = status;
    },
    holdNext: (n) => {
      holding = n;
    },
    always: (s) => {
      forced = s;
    },
    setSecret: (s) => {
      wh = new Webhook(s);
    },
    close: l.close,
  };
}
