// A Zendesk account on loopback, speaking its REST API as documented: Basic auth with
// `email/token:TOKEN` (401 otherwise), the Incremental Export endpoints (tickets and users by
// `cursor`, organizations by `start_time`), ticket fields and each ticket's comments, served from a
// directory of saved responses in `hotline import zendesk --from` layout. The first request is
// answered 429 with Retry-After (as Zendesk does over its rate limit); `failTicketPage(n)` makes
// the n-th tickets page (1-based) answer 503 once, as an outage mid-import.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenLoopback, type Listening } from './http-util.ts';

export interface ZendeskStandIn extends Listening {
  requests: { path: string; status: number }[];
  failTicketPage(n: number): void;
}

export async function startZendeskStandIn(dir: string, o: { email: string; token: string; retryAfter?: number }): Promise<ZendeskStandIn> {
  const requests: ZendeskStandIn['requests'] = [];
  const expected = `Basic ${Buffer.from(`${o.email}/token:${o.token}`).toString('base64')}`;
  let limited = false;
  let failPage = 0;
  let ticketPages = 0;
  const l = await listenLoopback((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ path: u.pathname + u.search, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!limited) {
      limited = true;
      return send(429, { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }, { 'retry-after': String(o.retryAfter ?? 1) });
    }
    if (req.headers.authorization !== expected) return send(401, { error: "Couldn't authenticate you" });
    const m = /^\/api\/v2\/(.+)\.json$/.exec(u.pathname);
    if (!m || req.method !== 'GET') return send(404, { error: 'InvalidEndpoint', description: 'Not found' });
    let rel = `${m[1]}.json`;
    const cursor = u.searchParams.get('cursor');
    if (m[1] === 'incremental/tickets/cursor' || m[1] === 'incremental/users/cursor') {
      if (!u.searchParams.has('cursor') && !u.searchParams.has('start_time')) return send(400, { error: 'InvalidPaginationParameter', description: 'start_time or cursor is required' });
      if (cursor) rel = `${m[1]}/${encodeURIComponent(cursor)}.json`;
      if (m[1] === 'incremental/tickets/cursor' && ++ticketPages === failPage) {
        failPage = 0;
        return send(503, { error: 'ServiceUnavailable', description: 'Please try again later' });
      }
      // The cursor of the last page leads to an empty page: nothing changed since.
      if (cursor && !existsSync(join(dir, rel))) return send(200, { [m[1].split('/')[1]]: [], after_url: null, after_cursor: cursor, before_url: null, before_cursor: null, end_of_stream: true });
    }
    const file = join(dir, rel);
    if (!existsSync(file)) return send(404, { error: 'RecordNotFound', description: 'Not found' });
    send(200, JSON.parse(readFileSync(file, 'utf8')));
  });
  return Object.assign(l, { requests, failTicketPage: (n: number) => { failPage = n; ticketPages = 0; } });
}
