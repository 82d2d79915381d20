// Shared by the import tests: a loopback stand-in of a vendor API that serves a fixture directory
// page by page (and answers the first request with 429 + Retry-After), and the 8-week comparison of
// a vendor's rendered schedule with what a running Hotline server answers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenLoopback, type Listening } from '../stand-ins/index.ts';
import { http, type TestServer } from '../support/server.ts';

export interface VendorStandIn extends Listening { requests: { path: string; auth: string | undefined; status: number }[] }

/**
 * Serves DIR/<path>.json. Lists are cut into pages of `pageSize` the vendor's way: offset + more
 * (PagerDuty), offset + paging.next (Opsgenie) or a `next` URL (Grafana OnCall).
 */
export async function startVendorStandIn(dir: string, o: { key: (path: string) => string | null; paging: 'offset-more' | 'offset-next' | 'next-url'; token: string; pageSize?: number }): Promise<VendorStandIn> {
  const requests: VendorStandIn['requests'] = [];
  let limited = false;
  const size = o.pageSize ?? 2;
  let base = '';
  const l = await listenLoopback((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const auth = req.headers.authorization;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ path: u.pathname + u.search, auth, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!limited) { limited = true; return send(429, { error: { message: 'Rate Limit Exceeded', code: 2020 } }, { 'retry-after': '1' }); }
    if (!auth?.includes(o.token)) return send(401, { error: { message: 'Unauthorized' } });
    const path = u.pathname.replace(/^\/api\/v1\//, '/').replace(/^\/v2\//, '/').replace(/\/$/, '');
    const file = join(dir, `${path.replace(/^\//, '')}.json`);
    if (!existsSync(file)) return send(404, { error: { message: 'Not Found' } });
    const body = JSON.parse(readFileSync(file, 'utf8'));
    const key = o.key(path);
    if (!key || !Array.isArray(body[key])) return send(200, body);
    const all = body[key] as unknown[];
    const offset = Number(u.searchParams.get('offset') ?? u.searchParams.get('page') ?? 0) * (u.searchParams.has('page') ? size : 1);
    const page = all.slice(offset, offset + size);
    const more = offset + size < all.length;
    if (o.paging === 'offset-more') return send(200, { ...body, [key]: page, offset, limit: size, more, total: all.length });
    if (o.paging === 'offset-next') return send(200, { ...body, [key]: page, paging: more ? { next: `${base}${u.pathname}?offset=${offset + size}&limit=${size}` } : {} });
    return send(200, { ...body, [key]: page, count: all.length, next: more ? `${base}${u.pathname}?page=${offset / size + 1}` : null, previous: null });
  });
  base = l.url.replace(/\/$/, '');
  return Object.assign(l, { requests });
}

export interface Rendered { scheduleId: string; entries: { start: string; end: string; user: string }[] }

/** At every hand-off instant of both sides inside [from, to): the people on call, vendor vs Hotline server. */
export async function compareWithServer(s: TestServer, r: Rendered, from: string, to: string): Promise<{ at: string; vendor: string[]; hotline: string[] }[]> {
  const api = http(s.url, { token: s.admin.token });
  const hotline: { s: number; e: number; user: string }[] = [];
  // the API renders at most a few weeks per request: ask week by week
  for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 86_400_000) {
    const res = await api('GET', `/api/v1/schedules/${r.scheduleId}/final?since=${new Date(t).toISOString()}&until=${new Date(Math.min(t + 7 * 86_400_000, Date.parse(to))).toISOString()}`);
    if (res.status !== 200) throw new Error(`final schedule of ${r.scheduleId}: ${res.status} ${res.text}`);
    for (const e of res.body.entries) if (!e.shadow) hotline.push({ s: Date.parse(e.start), e: Date.parse(e.end), user: e.user });
  }
  const vendor = r.entries.map((e) => ({ s: Date.parse(e.start), e: Date.parse(e.end), user: e.user }));
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const at = (xs: typeof vendor, t: number) => [...new Set(xs.filter((x) => x.s <= t && t < x.e).map((x) => x.user))].sort();
  const instants = [...new Set([lo, ...[...vendor, ...hotline].flatMap((x) => [x.s, x.e])])].filter((t) => t >= lo && t < hi).sort((a, b) => a - b);
  return instants.flatMap((t) => {
    const v = at(vendor, t);
    const h = at(hotline, t);
    return v.join() === h.join() ? [] : [{ at: new Date(t).toISOString(), vendor: v, hotline: h }];
  });
}
