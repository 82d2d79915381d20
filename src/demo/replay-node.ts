// The stage of the replay: a node on the operator's store with the demo workspace and a fake
// clock, people who act through the public HTTP API with their own tokens, and a clock that moves
// one minute at a time so every timer fires when it is due, as it would on a running node.
import { Temporal } from 'temporal-polyfill';
import { SYSTEM } from '../kernel/actor.ts';
import { FakeClock } from '../kernel/clock.ts';
import { createToken, findUser } from '../people/index.ts';
import { startHotline, type Hotline } from '../main/server.ts';
import { recordTimeline } from '../store/timeline.ts';
import { readTx } from '../store/tx.ts';
import { withTx } from '../runtime/context.ts';
import { nyTime } from './day.ts';

export interface Reply { status: number; body: any; text: string }
export type Api = (method: string, path: string, body?: unknown) => Promise<Reply>;

export class ReplayError extends Error {}

const MARK = 'demo.replay';
/** "alice.nguyen" for alice.nguyen@example.com on the progress lines. */
export const short = (email: string) => email.split('@')[0]!;

/** A reply the scenario relies on; anything else stops the replay with what the server said. */
export function expectOk(r: Reply, what: string): any {
  if (r.status < 200 || r.status >= 300) throw new ReplayError(`${what}: HTTP ${r.status} ${r.text.slice(0, 400)}`);
  return r.body;
}

function client(base: string, token: string): Api {
  return async (method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text };
  };
}

export interface StageOptions { databaseUrl?: string; dataDir?: string; start: Temporal.Instant; day: string; force: boolean; log: (line: string) => void }

export class Stage {
  readonly clock: FakeClock;
  private tokens = new Map<string, { api: Api; tokenId: string }>();
  private emailById = new Map<string, string>();
  private answeredOffers = new Set<string>();
  private offersSeen = -1;
  /** Emergencies of this replay by ticket number, with the organisation named on the lines. */
  readonly emergencies = new Map<number, { id: string; org: string }>();
  readonly counts = { handoffsAccepted: 0, jobsRun: 0 };
  admin!: Api;
  private constructor(readonly h: Hotline, private o: StageOptions) {
    this.clock = h.ctx.clock as FakeClock;
  }

  static async open(o: StageOptions): Promise<Stage> {
    const clock = new FakeClock(o.start);
    const h = await startHotline({ databaseUrl: o.databaseUrl, dataDir: o.dataDir, port: 0, host: '127.0.0.1', demo: true, clock, runJobs: false, logLevel: 'silent' });
    const s = new Stage(h, o);
    try {
      await s.claimDay();
      const adminUser = await findUser(readTx(h.ctx.db), { email: 'admin@example.com' });
      if (!adminUser) throw new ReplayError('The demo workspace has no admin@example.com.');
      const t = await createToken(h.ctx, { ...SYSTEM, via: 'cli' }, { name: `demo replay ${o.day}`, userId: adminUser.id });
      s.admin = client(h.url, t.token);
      s.tokens.set('admin@example.com', { api: s.admin, tokenId: t.id });
      for (const u of expectOk(await s.admin('GET', '/api/v1/users'), 'list users').items) s.emailById.set(u.id, u.email);
    } catch (e) {
      await h.close();
      throw e;
    }
    return s;
  }

  /** One replay per day unless forced: the mark is a timeline entry, so it travels with the store. */
  private async claimDay(): Promise<void> {
    const subjectId = this.o.day;
    const prior = await this.h.ctx.db.kysely.selectFrom('timeline').select('id').where('subject_type', '=', 'demo_replay').where('subject_id', '=', subjectId).executeTakeFirst();
    if (prior && !this.o.force) throw new ReplayError(`This store already holds a replay of ${this.o.day}. Browse it with \`npm start -- --demo\`, replay another --day, or add --force to replay it again.`);
    await withTx(this.h.ctx, undefined, (tx) => recordTimeline(tx, this.clock.now(), { ...SYSTEM, via: 'cli' }, { subjectType: 'demo_replay', subjectId, action: `${MARK}.started`, detail: { again: !!prior } }));
  }

  async finish(summary: Record<string, unknown>): Promise<void> {
    await withTx(this.h.ctx, undefined, (tx) => recordTimeline(tx, this.clock.now(), { ...SYSTEM, via: 'cli' }, { subjectType: 'demo_replay', subjectId: this.o.day, action: `${MARK}.finished`, detail: summary }));
    // the people's replay tokens have done their work; nobody holds their secrets
    for (const [email, t] of this.tokens) if (email !== 'admin@example.com') await this.admin('DELETE', `/api/v1/tokens/${t.tokenId}`);
    await this.admin('DELETE', `/api/v1/tokens/${this.tokens.get('admin@example.com')!.tokenId}`);
  }

  close(): Promise<void> {
    return this.h.close();
  }

  /** The API as this person (staff or customer), with a token of their own. */
  async as(email: string): Promise<Api> {
    const known = this.tokens.get(email);
    if (known) return known.api;
    const u = expectOk(await this.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`), `find ${email}`).items.find((x: { email: string }) => x.email === email);
    if (!u) throw new ReplayError(`No user ${email} in the demo workspace.`);
    const t = expectOk(await this.admin('POST', '/api/v1/tokens', { name: `demo replay ${this.o.day}`, userId: u.id }), `token for ${email}`);
    const api = client(this.h.url, t.token);
    this.tokens.set(email, { api, tokenId: t.id });
    this.emailById.set(u.id, email);
    return api;
  }

  idOf(email: string): string {
    for (const [id, e] of this.emailById) if (e === email) return id;
    throw new ReplayError(`No user ${email} in the demo workspace.`);
  }

  emailOf(userId: string): string {
    return this.emailById.get(userId) ?? userId;
  }

  log(text: string): void {
    this.o.log(`${nyTime(this.clock.now())}  ${text}`);
  }

  /** A line about one emergency: "#12 Acme Robotics: …". */
  say(num: number, text: string): void {
    this.log(`#${num} ${this.emergencies.get(num)?.org ?? ''}: ${text}`);
  }

  /**
   * Move the clock to `at`, stopping at each instant a job falls due on the way and running it
   * then, so nothing fires late and no empty minute costs a query.
   */
  async until(at: Temporal.Instant): Promise<void> {
    for (;;) {
      const due = await this.nextDue();
      if (!due || due.epochMilliseconds >= at.epochMilliseconds) break;
      const now = this.clock.now();
      if (due.epochMilliseconds > now.epochMilliseconds) this.clock.set(due);
      // a due job another claim holds (or one that just failed) must not stop the day
      if ((await this.drain()) === 0) this.clock.set(this.clock.now().add({ seconds: 1 }));
    }
    if (at.epochMilliseconds > this.clock.now().epochMilliseconds) this.clock.set(at);
    await this.drain();
  }

  private async nextDue(): Promise<Temporal.Instant | null> {
    const row = await this.h.ctx.db.kysely.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next')).where('status', '=', 'pending').executeTakeFirst();
    const next = row?.next as unknown;
    if (!next) return null;
    return next instanceof Date ? Temporal.Instant.fromEpochMilliseconds(next.getTime()) : Temporal.Instant.from(String(next));
  }

  async drain(): Promise<number> {
    const ran = await this.h.ctx.jobs.drain();
    this.counts.jobsRun += ran;
    if (ran > 0) await this.answerHandoffs();
    return ran;
  }

  /** SCH-10: whoever a shift change offers an open emergency to takes it as DRI. */
  private async answerHandoffs(): Promise<void> {
    // the board and threads are read only when a shift change has offered something new
    const offered = await this.h.ctx.db.kysely.selectFrom('timeline').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'emergency.handoff_offered').executeTakeFirst();
    const n = Number(offered?.n ?? 0);
    if (n === this.offersSeen) return;
    this.offersSeen = n;
    const board = expectOk(await this.admin('GET', '/api/v1/emergencies'), 'emergency board').items as { ticketNumber: number }[];
    for (const item of board) {
      if (!this.emergencies.has(item.ticketNumber)) continue;
      const e = await this.show(item.ticketNumber);
      for (const p of e.thread as { id: string; text: string }[]) {
        const m = /^Shift hand-off: (\S+) is offered emergency ticket (\d+)(?: from (\S+?))?\.$/.exec(p.text);
        if (!m || this.answeredOffers.has(p.id)) continue;
        this.answeredOffers.add(p.id);
        const incoming = m[1]!;
        this.say(item.ticketNumber, `shift hand-off (SCH-10): offered to ${short(incoming)}${m[3] ? ` from ${short(m[3])}` : ''}`);
        expectOk(await (await this.as(incoming))('POST', `/api/v1/emergencies/${item.ticketNumber}/handoff`, {}), `hand-off of #${item.ticketNumber}`);
        this.counts.handoffsAccepted++;
        this.say(item.ticketNumber, `${short(incoming)} accepts DRI`);
      }
    }
  }

  show(num: number): Promise<any> {
    return this.admin('GET', `/api/v1/emergencies/${num}`).then((r) => expectOk(r, `emergency #${num}`));
  }
}
