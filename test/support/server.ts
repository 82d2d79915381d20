// A real Hotline node for integration and browser tests: real HTTP on loopback, a fresh
// database on the chosen engine, optionally the demo workspace, and an admin with a known token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/kernel/clock.ts';
import type { Engine } from '../../src/store/db.ts';
import { createTestDatabase } from '../../src/store/test-db.ts';
import { startHotline, type Hotline, type StartOptions } from '../../src/main/server.ts';

export const DEMO_PASSWORD = 'hotline-demo';
const ADMIN = { email: 'admin@example.com', password: 'admin-password-123', token: 'hl_test_admin_token_0123456789abcdef' };

export interface TestServer {
  url: string;
  admin: { email: string; password: string; token: string };
  hotline: Hotline;
  /** Where its database is, for a command run beside it (`--database-url` on PostgreSQL, else `--data`). */
  store: { databaseUrl?: string; dataDir?: string };
  close(): Promise<void>;
}

export async function startTestServer(opts: { demo?: boolean; engine?: Engine; /** An SQLite data directory already prepared (e.g. with a demo history); the server removes it when closed. */ dataDir?: string; clock?: Clock; runJobs?: boolean; rateLimits?: StartOptions['rateLimits']; logLevel?: string; logStream?: StartOptions['logStream'] } = {}): Promise<TestServer> {
  const engine = opts.engine ?? 'sqlite';
  const t = engine === 'postgres' ? await createTestDatabase('postgres') : null;
  const dir = t ? null : opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hotline-server-'));
  const hotline = await startHotline({
    databaseUrl: t?.url,
    dataDir: dir ?? undefined,
    port: 0,
    demo: opts.demo,
    clock: opts.clock,
    runJobs: opts.runJobs,
    logLevel: opts.logLevel ?? process.env.HOTLINE_TEST_LOG ?? 'silent',
    logStream: opts.logStream,
    admin: ADMIN,
    rateLimits: opts.rateLimits,
  });
  return {
    url: hotline.url,
    // with the demo, admin@example.com already exists with the demo password
    admin: { ...ADMIN, password: opts.demo ? DEMO_PASSWORD : ADMIN.password },
    hotline,
    store: t ? { databaseUrl: t.url } : { dataDir: dir! },
    async close() {
      await hotline.close();
      if (t) await t.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small HTTP client for tests: JSON in and out, bearer token or cookie session. */
export function http(base: string, auth?: { token?: string; cookie?: string; csrf?: string }) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...headers };
    if (auth?.token) h.authorization = `Bearer ${auth.token}`;
    if (auth?.cookie) h.cookie = auth.cookie;
    if (auth?.csrf) h['x-csrf-token'] = auth.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(base + path, { method, headers: h, body: payload });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text, headers: res.headers };
  };
}
