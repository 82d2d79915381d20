// The CLI talks to a running Hotline (HOTLINE_URL, HOTLINE_TOKEN) like any script would.
import { CliError, EXIT } from './output.ts';

export interface ClientOptions {
  url?: string;
  token?: string;
}

export function client(o: ClientOptions = {}) {
  const base = (o.url ?? process.env.HOTLINE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const token = o.token ?? process.env.HOTLINE_TOKEN;
  async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
    if (!token) throw new CliError('No API token. Set HOTLINE_TOKEN (create one with `hotline token create --local --email YOU` on the server, or in the web UI).', EXIT.unauthenticated);
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
        body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : String(body),
      });
    } catch (e) {
      throw new CliError(`Cannot reach Hotline at ${base} (${(e as Error).message}). Is it running? Set HOTLINE_URL if it listens elsewhere.`, EXIT.unreachable);
    }
    if (res.status === 204) return null;
    const type = res.headers.get('content-type') ?? '';
    const payload = type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      const err = (payload as any)?.error;
      const kind = res.status === 400 || res.status === 413 ? 'invalid' : res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : res.status === 409 ? 'conflict' : res.status === 429 ? 'rate_limited' : 'internal';
      throw new CliError(err ? `${err.message} (${err.code})` : `HTTP ${res.status} from ${path}`, EXIT[kind as keyof typeof EXIT], err?.code);
    }
    return payload;
  }
  return {
    base,
    get: (p: string) => call('GET', p),
    post: (p: string, b?: unknown, ct?: string) => call('POST', p, b ?? {}, ct),
    patch: (p: string, b: unknown) => call('PATCH', p, b),
    del: (p: string) => call('DELETE', p),
  };
}
