// Reads a Zendesk account page by page: the Incremental Export API (tickets and users by cursor,
// organizations by time), the ticket fields, and each ticket's comments. From the API (Basic auth
// `email/token:TOKEN`, 429 waited out as Retry-After asks) or from saved responses laid out like
// the API's paths:
//   DIR/ticket_fields.json
//   DIR/incremental/organizations.json      then DIR/incremental/organizations/<end_time>.json …
//   DIR/incremental/users/cursor.json       then DIR/incremental/users/cursor/<after_cursor>.json …
//   DIR/incremental/tickets/cursor.json     then DIR/incremental/tickets/cursor/<after_cursor>.json …
//   DIR/tickets/<id>/comments.json
// (a cursor in a file name is URI-encoded).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT } from '../cli/output.ts';
import type { ZdComment, ZdTicketField } from './zendesk.ts';

export type ZdStream = 'organizations' | 'users' | 'tickets';

/** Where a stream goes on: a cursor (cursor-based) or a start time (time-based); null: from the start. */
export interface ZdPage<T = any> { items: T[]; next: string | null; endOfStream: boolean }

export interface ZendeskSource {
  fields(): Promise<ZdTicketField[]>;
  page(stream: ZdStream, from: string | null, startTime: number): Promise<ZdPage | null>;
  comments(ticketId: number): Promise<ZdComment[]>;
}

const KEY: Record<ZdStream, string> = { organizations: 'organizations', users: 'users', tickets: 'tickets' };
const PATH: Record<ZdStream, string> = { organizations: 'incremental/organizations', users: 'incremental/users/cursor', tickets: 'incremental/tickets/cursor' };
const TIME_BASED = new Set<ZdStream>(['organizations']);

function pageOf(stream: ZdStream, body: any): ZdPage {
  const items = (body?.[KEY[stream]] ?? []) as any[];
  const endOfStream = body?.end_of_stream !== false;
  const next = TIME_BASED.has(stream) ? (body?.end_time != null ? String(body.end_time) : null) : (body?.after_cursor ?? null);
  return { items, next, endOfStream };
}

export function zendeskBasicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

export interface ZendeskApiOptions {
  /** https://SUBDOMAIN.zendesk.com, or a stand-in's address. */
  baseUrl: string;
  email: string;
  token: string;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function zendeskApi(o: ZendeskApiOptions): ZendeskSource {
  const base = o.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  const auth = zendeskBasicAuth(o.email, o.token);
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const sleep = o.sleep ?? wait;
  async function get(path: string): Promise<any> {
    const url = base + path;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json', authorization: auth } });
      } catch (e) {
        throw new CliError(`cannot reach Zendesk at ${base} (${(e as Error).message}); check --subdomain or --url.`, EXIT.unreachable);
      }
      if (res.status === 429 && attempt < 10) {
        const ra = res.headers.get('retry-after');
        const secs = ra && /^\d+$/.test(ra) ? Number(ra) : 2 ** Math.min(attempt, 6);
        log(`Zendesk: rate limited, waiting ${secs} s as asked (Retry-After)`);
        await res.body?.cancel();
        await sleep(secs * 1000);
        continue;
      }
      if (res.status === 401 || res.status === 403) throw new CliError(`Zendesk refused the credentials (${res.status} on ${new URL(url).pathname}); check --email and --token (an API token of an admin).`, EXIT.unauthenticated);
      if (res.status === 404) return null;
      if (!res.ok) throw new CliError(`Zendesk answered ${res.status} on ${new URL(url).pathname}; run the same command again to go on from the last page saved.`, EXIT.unavailable);
      return res.json();
    }
  }
  /** A `next_page` URL of Zendesk's, followed on our base (a stand-in or a proxy keeps its host). */
  const local = (next: string) => {
    const u = new URL(next, base);
    return u.pathname + u.search;
  };
  return {
    async fields() {
      const out: ZdTicketField[] = [];
      let path: string | null = '/api/v2/ticket_fields.json';
      while (path) {
        const body = await get(path);
        out.push(...((body?.ticket_fields ?? []) as ZdTicketField[]));
        path = body?.next_page ? local(body.next_page) : null;
      }
      return out;
    },
    async page(stream, from, startTime) {
      const q = from === null ? `start_time=${startTime}` : TIME_BASED.has(stream) ? `start_time=${encodeURIComponent(from)}` : `cursor=${encodeURIComponent(from)}`;
      const size = stream === 'organizations' ? '' : '&per_page=1000';
      const body = await get(`/api/v2/${PATH[stream]}.json?${q}${size}`);
      return body ? pageOf(stream, body) : null;
    },
    async comments(ticketId) {
      const out: ZdComment[] = [];
      let path: string | null = `/api/v2/tickets/${ticketId}/comments.json`;
      while (path) {
        const body = await get(path);
        out.push(...((body?.comments ?? []) as ZdComment[]));
        const next = body?.meta?.has_more ? body?.links?.next : body?.next_page;
        path = next ? local(next) : null;
      }
      return out;
    },
  };
}

/** Saved responses (air-gapped moves): the layout in this file's header. */
export function zendeskDir(dir: string): ZendeskSource {
  if (!existsSync(dir)) throw new CliError(`--from ${dir}: no such directory; give the folder that holds the saved Zendesk responses.`, EXIT.usage);
  const read = (rel: string): any => {
    const file = join(dir, rel);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CliError(`${file} is not JSON (${(e as Error).message}).`, EXIT.usage);
    }
  };
  return {
    async fields() {
      return (read('ticket_fields.json')?.ticket_fields ?? []) as ZdTicketField[];
    },
    async page(stream, from) {
      const body = read(from === null ? `${PATH[stream]}.json` : `${PATH[stream]}/${encodeURIComponent(from)}.json`);
      return body === undefined ? null : pageOf(stream, body);
    },
    async comments(ticketId) {
      return (read(`tickets/${ticketId}/comments.json`)?.comments ?? []) as ZdComment[];
    },
  };
}
