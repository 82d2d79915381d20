// Where a vendor's JSON comes from: its REST API (paged, waiting out 429 + Retry-After, progress on
// stderr) or a directory of saved responses for air-gapped moves, laid out like the API's paths
// (`DIR/users.json`, `DIR/schedules/PXXXX.json`, `DIR/schedules/PXXXX/overrides.json`).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT } from '../cli/output.ts';

/** How a vendor pages a list: offset + `more` (PagerDuty), offset + `paging.next` (Opsgenie), `next` URL (Grafana OnCall). */
export type Paging = 'offset-more' | 'offset-next' | 'next-url';

export interface Source {
  list(path: string, key: string): Promise<any[]>;
  get(path: string, opts?: { optional?: boolean }): Promise<any>;
}

export interface ApiOptions {
  baseUrl: string;
  headers: Record<string, string>;
  paging: Paging;
  vendor: string;
  pageSize?: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function apiSource(o: ApiOptions): Source {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const sleep = o.sleep ?? wait;
  const limit = o.pageSize ?? 100;
  const base = o.baseUrl.replace(/\/+$/, '');
  async function fetchJson(url: string, optional = false): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json', ...o.headers } });
      } catch (e) {
        throw new CliError(`cannot reach ${o.vendor} at ${base} (${(e as Error).message}); check --api-url.`, EXIT.unreachable);
      }
      if (res.status === 429 && attempt < 8) {
        const ra = res.headers.get('retry-after');
        const secs = ra && /^\d+$/.test(ra) ? Number(ra) : ra ? Math.max(0, (Date.parse(ra) - Date.now()) / 1000) : 2 ** attempt;
        log(`${o.vendor}: rate limited, waiting ${secs} s as asked (Retry-After)`);
        await sleep(secs * 1000);
        continue;
      }
      if (res.status === 404 && optional) return null;
      if (res.status === 401 || res.status === 403) throw new CliError(`${o.vendor} refused the token (${res.status} on ${new URL(url).pathname}); check --token and its read scope.`, EXIT.unauthenticated);
      if (!res.ok) throw new CliError(`${o.vendor} answered ${res.status} on ${new URL(url).pathname}; try again later or import from saved responses with --from DIR.`, res.status === 404 ? EXIT.not_found : EXIT.unavailable);
      return res.json();
    }
  }
  const withQuery = (path: string, q: Record<string, string>) => {
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
    return u.toString();
  };
  return {
    async list(path, key) {
      const items: any[] = [];
      let url: string | null = o.paging === 'next-url' ? base + path : withQuery(path, { limit: String(limit), offset: '0' });
      while (url) {
        const body = await fetchJson(url);
        const page = (body?.[key] ?? []) as any[];
        items.push(...page);
        log(`${o.vendor}: ${path.split('?')[0].replace(/^\//, '')} ${items.length}${body?.total ? `/${body.total}` : ''}`);
        if (o.paging === 'next-url') url = body?.next ?? null;
        else if (o.paging === 'offset-more') url = body?.more && page.length ? withQuery(path, { limit: String(limit), offset: String(items.length) }) : null;
        else url = body?.paging?.next && page.length ? withQuery(path, { limit: String(limit), offset: String(items.length) }) : null;
      }
      return items;
    },
    async get(path, opts) {
      return fetchJson(base + path, opts?.optional);
    },
  };
}

/** Saved responses: one JSON file per API path; a list file holds the whole list. */
export function dirSource(dir: string): Source {
  if (!existsSync(dir)) throw new CliError(`--from ${dir}: no such directory; give the folder that holds the saved JSON responses.`, EXIT.usage);
  const read = (path: string, optional: boolean): any => {
    const file = join(dir, `${path.split('?')[0].replace(/^\/+/, '')}.json`);
    if (!existsSync(file)) {
      if (optional) return null;
      throw new CliError(`${file} is missing; save the API's response for ${path} there (see README, "Moving to Hotline").`, EXIT.usage);
    }
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CliError(`${file} is not JSON (${(e as Error).message}).`, EXIT.usage);
    }
  };
  return {
    async list(path, key) {
      const body = read(path, false);
      return Array.isArray(body) ? body : (body?.[key] ?? []);
    },
    async get(path, opts) {
      return read(path, !!opts?.optional);
    },
  };
}
