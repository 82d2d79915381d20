// One attempt at a receiver, as the sender thread makes it (adapter-http-worker.ts): a POST of the
// signed body, answered within the timeout or counted as a failure. A redirect is not followed (it would re-send a signed body to an address nobody chose).
// node:http with keep-alive agents rather than fetch: a burst of deliveries to a few receivers
// reuses its connections, and costs a fraction of fetch's CPU and garbage per request.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

export interface HttpAnswer {
  status: number | null;
  durationMs: number;
  /** The network error, or the start of a non-2xx answer's body. */
  error: string | null;
}

// Connection pools only: they hold no state of a node's, so every node of a process may share them.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export function requestOnce(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return resolve({ status: null, durationMs: 0, error: `not a URL: ${url}` });
    }
    const client = u.protocol === 'https:' ? https : http;
    const agent = agents[u.protocol as keyof typeof agents];
    let done = false;
    const finish = (a: HttpAnswer) => {
      if (!done) {
        done = true;
        resolve(a);
      }
    };
    const req = client.request(u, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Hotline-Webhooks/1', ...headers },
    }, (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (!ok && size < 200) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 200);
        finish({ status, durationMs: took(), error: ok ? null : `http ${status}${text ? `: ${text}` : ''}` });
      });
      res.on('error', (e) => finish({ status, durationMs: took(), error: e.message }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      finish({ status: null, durationMs: took(), error: `no answer within ${timeoutMs / 1000} s` });
    });
    req.on('error', (e: Error & { code?: string }) => finish({ status: null, durationMs: took(), error: e.code ?? e.message }));
    req.end(body);
  });
}
