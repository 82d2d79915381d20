// Load for the HTTP benches, measured the way Hotline runs: the server is its own process
// (`hotline start`, as deployed), and this process only sends requests over keep-alive
// connections, so the figures are the server's and not a client sharing its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect as netConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../src/store/test-db.ts';
import type { Engine } from '../src/store/db.ts';

const BIN = fileURLToPath(new URL('../bin/hotline.js', import.meta.url));
export const ADMIN_TOKEN = 'hl_bench_admin_token_0123456789abcdef';

export interface ServerProcess {
  url: string;
  engine: Engine;
  /** The database file (SQLite) or URL (PostgreSQL), for reading results from this process. */
  database: string;
  /** CPU time the server process has used so far (user + system), ms; NaN where /proc is missing. */
  cpuMs(): number;
  pid: number;
  stop(): Promise<void>;
}

// utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux)
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `hotline start` in a child process on a fresh database. Logs go where a deployment sends them
 * (here: nowhere) at the default level. With HOTLINE_BENCH_CPU_PROF=<dir> the server writes a
 * V8 CPU profile there when it stops.
 */
export async function startServerProcess(engine: Engine, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  let t: TestDatabase | null = null;
  let dir: string | null = null;
  if (engine === 'postgres') t = await createTestDatabase('postgres');
  else dir = mkdtempSync(join(tmpdir(), 'hotline-bench-'));
  const port = await freePort();
  const prof = process.env.HOTLINE_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.HOTLINE_BENCH_CPU_PROF] : [];
  const args = [...prof, BIN, 'start', '--port', String(port), '--host', '127.0.0.1', ...(t ? ['--database-url', t.url] : ['--data', dir!])];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, HOTLINE_ADMIN_EMAIL: 'admin@bench.test', HOTLINE_ADMIN_PASSWORD: 'bench-password-123', HOTLINE_ADMIN_TOKEN: ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hotline start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error('hotline start did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    engine,
    database: t ? t.url : join(dir!, 'hotline.db'),
    cpuMs: () => processCpuMs(child.pid!),
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      if (t) await t.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Sent {
  status: number;
  body: string;
}

/** One request on a keep-alive agent. */
export function send(agent: http.Agent, url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      h['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(url, { method, agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface LoadResult {
  /** by HTTP status */
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection sending requests one after another (never pipelined):
 * the next request leaves once the whole answer is in. Written on a bare socket because
 * node:http's client costs about as much CPU per request as the server under test, and on a
 * shared 2-core machine that CPU would be taken from the server.
 */
function connection(url: URL): Promise<{ request(head: string, body?: Buffer): Promise<number>; close(): void }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: url.hostname, port: Number(url.port) }, () => resolve({ request, close: () => socket.destroy() }));
    socket.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let waiting: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;
    socket.on('error', (e) => (waiting ? waiting.reject(e) : reject(e)));
    socket.on('close', () => waiting?.reject(new Error('the server closed a keep-alive connection')));
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      const end = buf.indexOf(HEADER_END);
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      if (!Number.isFinite(length)) return waiting?.reject(new Error(`answer without content-length: ${head}`));
      if (buf.length < end + 4 + length) return;
      buf = buf.subarray(end + 4 + length);
      const w = waiting;
      waiting = null;
      w?.resolve(Number(head.slice(9, 12)));
    });
    function request(head: string, body?: Buffer): Promise<number> {
      return new Promise((res, rej) => {
        waiting = { resolve: res, reject: rej };
        socket.write(body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : head);
      });
    }
  });
}

/**
 * Sends `total` requests as fast as `connections` keep-alive connections allow, each waiting for
 * its answer before sending the next; request i is `make(i)`. The rate counts every answer.
 */
export async function closedLoop(url: string, total: number, connections: number, make: (i: number) => { method: string; body?: string; headers?: Record<string, string> }): Promise<LoadResult> {
  const u = new URL(url);
  const conns = await Promise.all(Array.from({ length: connections }, () => connection(u)));
  const statuses: Record<number, number> = {};
  let next = 0;
  const t0 = performance.now();
  try {
    await Promise.all(
      conns.map(async (c) => {
        while (next < total) {
          const r = make(next++);
          const body = r.body === undefined ? undefined : Buffer.from(r.body);
          const extra = r.headers ? Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') : '';
          const head = `${r.method} ${u.pathname} HTTP/1.1\r\nhost: ${u.host}\r\n${extra}${body ? `content-type: application/json\r\ncontent-length: ${body.length}\r\n` : ''}\r\n`;
          const status = await c.request(head, body);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
  } finally {
    for (const c of conns) c.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { statuses, seconds, perSecond: Math.round(total / seconds) };
}
