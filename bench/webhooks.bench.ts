// Event webhook fan-out over real HTTP against `hotline start` running as its own process (SQLite):
// 20 subscriptions to page.triggered, each with its own receiver path on one loopback server in
// this process, and new pages triggered at 200 events/s (open loop, each a new dedup key) on the
// Events API. Each delivery is verified with the `standardwebhooks` library, as a customer's
// receiver would; latency is from the moment the trigger left this process to the moment a
// delivery arrived, over every delivery. Target: p99 ≤ 250 ms. Both processes share the machine:
// the CPU each spends per delivery is printed beside the latencies, with the load average.
// Run: npm run bench -- webhooks   (WEBHOOKS_BENCH_SECONDS, WEBHOOKS_BENCH_RATE, WEBHOOKS_BENCH_SUBSCRIPTIONS change the load).
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ADMIN_TOKEN, send, startServerProcess } from './load.ts';

const KEY = 'benchwebhooksbenchwebhooks000001';
const SECONDS = Number(process.env.WEBHOOKS_BENCH_SECONDS) || 10;
const RATE = Number(process.env.WEBHOOKS_BENCH_RATE) || 200;
const SUBSCRIPTIONS = Number(process.env.WEBHOOKS_BENCH_SUBSCRIPTIONS) || 20;

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** CPU ms of each of a process's threads by thread id (Linux), to tell the main thread's share. */
function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(`${tid}:${readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()}`, (Number(f[11]) + Number(f[12])) * 10);
  }
  return out;
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function run(): Promise<Record<string, unknown>> {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  let duplicates = 0;
  const verifiers = new Map<string, Webhook>();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = performance.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        const body = verifiers.get(req.url ?? '')!.verify(raw, req.headers as Record<string, string>) as { data: { page: { title: string } } };
        const id = String(req.headers['webhook-id']);
        if (seen.has(id)) duplicates++;
        else {
          seen.add(id);
          const t = sent.get(body.data.page.title);
          if (t !== undefined) latencies.push(arrived - t);
        }
        res.writeHead(204).end();
      } catch {
        rejected++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const rxUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const s = await startServerProcess('sqlite', { HOTLINE_EVENTS_PER_MINUTE: '100000000' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await send(agent, s.url + path, method, body === undefined ? undefined : JSON.stringify(body), { authorization: `Bearer ${ADMIN_TOKEN}` });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.body}`);
    return r.body ? JSON.parse(r.body) : null;
  };
  try {
    const me = (await api('GET', '/api/v1/auth/me')).user;
    await api('POST', '/api/v1/escalation-policies', { id: 'bench', name: 'Bench', levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: me.id }] }] });
    await api('POST', '/api/v1/services', { id: 'bench', name: 'Bench', escalationPolicyId: 'bench', integrationKey: KEY });
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const r = await api('POST', '/api/v1/webhook-subscriptions', { name: `bench ${i}`, url: `${rxUrl}/r${i}`, eventTypes: ['page.triggered'], serviceIds: ['bench'] });
      verifiers.set(`/r${i}`, new Webhook(r.secret));
    }
    const trigger = (title: string) => send(agent, `${s.url}/v2/enqueue`, 'POST', JSON.stringify({ routing_key: KEY, event_action: 'trigger', dedup_key: title, payload: { summary: title, source: 'bench', severity: 'critical' } }));
    // warm-up (JIT, connections), not counted
    for (let i = 0; i < 50; i++) await trigger(`warm ${i}`);
    await new Promise((r) => setTimeout(r, 2_000));
    latencies.length = 0;
    const loadBefore = loadavg();
    const cpu0 = s.cpuMs();
    const own0 = process.cpuUsage();
    const threads0 = threadCpuMs(s.pid);
    const total = SECONDS * RATE;
    const started = performance.now();
    const answers: Promise<unknown>[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const title = `bench e${i}`;
      sent.set(title, performance.now());
      answers.push(trigger(title).then((r) => void (statuses[r.status] = (statuses[r.status] ?? 0) + 1), () => void (statuses[0] = (statuses[0] ?? 0) + 1)));
    }
    await Promise.all(answers);
    const sendSeconds = (performance.now() - started) / 1000;
    const expected = total * SUBSCRIPTIONS;
    const deadline = performance.now() + 120_000;
    while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const cpu = s.cpuMs() - cpu0;
    const own = process.cpuUsage(own0);
    const threads = threadCpuMs(s.pid);
    const mainKey = [...threads.keys()].find((k) => k.startsWith(`${s.pid}:`))!;
    const mainThread = threads.get(mainKey)! - threads0.get(mainKey)!;
    const loadAfter = loadavg();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      'load average before (1, 5, 15 min)': loadBefore,
      'events triggered (Events API)': `${total} in ${sendSeconds.toFixed(1)} s (${Math.round(total / sendSeconds)}/s); answers ${JSON.stringify(statuses)}`,
      subscriptions: SUBSCRIPTIONS,
      'deliveries expected': expected,
      'deliveries received (verified by standardwebhooks, once each)': latencies.length,
      'signatures rejected': rejected,
      'repeated webhook-ids': duplicates,
      'event → delivery p50, ms': Math.round(pct(sorted, 50)),
      'event → delivery p90, ms': Math.round(pct(sorted, 90)),
      'event → delivery p99, ms (target ≤ 250)': Math.round(pct(sorted, 99)),
      'event → delivery max, ms': Math.round(sorted.at(-1) ?? NaN),
      'p99 target met': pct(sorted, 99) <= 250 && latencies.length === expected,
      'server CPU per delivery (both its threads), µs': Math.round((cpu * 1000) / Math.max(1, latencies.length)),
      'server main thread CPU per delivery, µs': Math.round((mainThread * 1000) / Math.max(1, latencies.length)),
      'server threads CPU ms (main first)': [...threads].map(([k, ms]) => [k.split(':')[1], ms - (threads0.get(k) ?? 0)] as const).filter(([, ms]) => ms > 0).map(([name, ms]) => `${name} ${ms}`).join(', '),
      'this process CPU per delivery (triggers, receiver, verification), µs': Math.round((own.user + own.system) / Math.max(1, latencies.length)),
      'load average after': loadAfter,
    };
  } finally {
    agent.destroy();
    await s.stop();
    await new Promise((r) => receiver.close(r));
  }
}
