// RP-1's hand-computed fixture, built through the real API on the demo workspace with a fake clock:
// two weeks of March 2026 around the United States' spring-forward (8 March), so the same UTC hour
// lands in two different New York hours. Every figure the report tests expect is derived in the
// comments here, by hand.
//
//  E1 Tue 3 Mar 14:30Z (09:30 EST) rita@acme (Acme Robotics, America/Chicago → AMER), self_managed
//     acknowledged +4m, public reply +10m, qualified strict; an escalation filed, resolved 'Response-Time'
//  E2 Tue 3 Mar 14:50Z (09:50 EST) rita@acme, arrives while E1 is open (concurrent)
//     acknowledged +12m, public reply +20m, qualified exception (legal); E1 and E2 solved 16:00Z
//  E3 Tue 10 Mar 14:30Z (10:30 EDT) rita@acme: acknowledged +2m, public reply +40m, qualified not an emergency
//     (downgraded to high); solved 16:00Z
//  E4 Wed 11 Mar 09:00Z (09:00 GMT) gus@globex (Globex Cloud, Europe/London → EMEA), saas:
//     acknowledged +30m, never answered: its 30-minute first-reply target breaches at 09:30Z
//  T5 Wed 11 Mar 12:00Z rita@acme, normal priority: public reply +2h
//  T6 Wed 11 Mar 12:00Z rita@acme, normal priority: no reply
import { FakeClock } from '../../src/kernel/clock.ts';
import type { Engine } from '../../src/store/db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';

export const SINCE = '2026-03-02';
export const UNTIL = '2026-03-15';

export async function reportsFixture(engine: Engine) {
  const n = await emergencyNode(engine, '2026-03-03T14:30:00Z');
  const clock = n.clock as FakeClock;
  // Moves the clock to `iso` stopping at every timer due on the way, so each fires at its own time
  // (the SLA breach at its target, the WF-5 bridge closing 30 minutes after a reply).
  const at = async (iso: string) => {
    const target = Date.parse(iso);
    if (target < clock.now().epochMilliseconds) throw new Error(`the fixture's clock cannot go back to ${iso}`);
    for (;;) {
      const next = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('m')).where('status', '=', 'pending')
        .where('kind', '<>', 'escalations.first-response-watch').executeTakeFirst(); // every 5 minutes: it just runs at the stops
      const due = next?.m ? Math.max(Date.parse(String(next.m)), clock.now().epochMilliseconds) : Infinity;
      const step = Math.min(due, target);
      clock.advance({ milliseconds: step - clock.now().epochMilliseconds });
      await n.drain();
      if (step >= target) return;
    }
  };
  const ok = <R extends { status: number; text: string }>(r: R, what: string): R => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r;
  };
  const engineer = await n.as('greta.muller@example.com');
  const manager = await n.as('tara.brooks@example.com');
  const emergency = async (requester: string, form: string) => {
    const t = await n.urgent(requester, 'Production down', form);
    const e = ok(await n.admin('GET', `/api/v1/emergencies/${t.number}`), 'emergency').body;
    return { ...t, pageId: e.pageId as string };
  };
  const users: { id: string; email: string }[] = (await n.admin('GET', '/api/v1/users')).body.items;
  /** The page's first target acknowledges (whoever the demo rotation has on call then). */
  const ack = async (e: { pageId: string; number: number }) => {
    const page = await n.s.hotline.ctx.db.kysely.selectFrom('pages').select('target_user_ids').where('id', '=', e.pageId).executeTakeFirstOrThrow();
    const target = users.find((u) => u.id === JSON.parse(page.target_user_ids)[0])!;
    acked.push(target.email);
    return ok(await (await n.as(target.email))('POST', `/api/v1/emergencies/${e.number}/acknowledge`, {}), 'acknowledge');
  };
  const acked: string[] = [];
  const reply = async (t: { id: string }, who: Api = engineer) => ok(await who('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'We are on it.', public: true }), 'reply');
  const qualify = async (t: { number: number }, body: object) => ok(await engineer('POST', `/api/v1/emergencies/${t.number}/qualify`, body), 'qualify');
  const solve = async (t: { id: string }) => ok(await n.admin('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' }), 'solve');

  const e1 = await emergency('rita@acme.example', 'self_managed');
  await at('2026-03-03T14:34:00Z');
  await ack(e1);
  await at('2026-03-03T14:40:00Z');
  await reply(e1);
  await qualify(e1, { verdict: 'strict' });
  const esc = ok(await engineer('POST', '/api/v1/escalations', { ticket: e1.number, need: 'A second pair of eyes', businessCase: 'Production is down for 250 seats', urgency: 'high' }), 'escalate').body;
  await at('2026-03-03T14:50:00Z');
  const e2 = await emergency('rita@acme.example', 'self_managed');
  await at('2026-03-03T15:02:00Z');
  await ack(e2);
  await at('2026-03-03T15:10:00Z');
  await reply(e2);
  await qualify(e2, { verdict: 'exception', criterion: 'legal' });
  ok(await manager('POST', `/api/v1/escalations/${esc.number}/acknowledge`, {}), 'escalation ack');
  ok(await manager('POST', `/api/v1/escalations/${esc.number}/resolve`, { labels: ['Response-Time'], comment: 'Owner found.' }), 'escalation resolve');
  await at('2026-03-03T16:00:00Z');
  await solve(e1);
  await solve(e2);

  await at('2026-03-10T14:30:00Z');
  const e3 = await emergency('rita@acme.example', 'self_managed');
  await at('2026-03-10T14:32:00Z');
  await ack(e3);
  await at('2026-03-10T15:10:00Z');
  await qualify(e3, { verdict: 'not_emergency' }); // its public reply is the downgrade message, at +40m
  await at('2026-03-10T16:00:00Z');
  await solve(e3);

  await at('2026-03-11T09:00:00Z');
  const e4 = await emergency('gus@globex.example', 'saas');
  await at('2026-03-11T09:08:00Z');
  await ack(e4);
  await at('2026-03-11T10:00:00Z');
  await solve(e4);
  await at('2026-03-11T12:00:00Z');
  const t5 = ok(await n.admin('POST', '/api/v1/tickets', { subject: 'Question about backups', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'How often?' }), 't5').body.ticket;
  const t6 = ok(await n.admin('POST', '/api/v1/tickets', { subject: 'Another question', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'And this?' }), 't6').body.ticket;
  await at('2026-03-11T14:00:00Z');
  await reply(t5);
  await at('2026-03-12T08:00:00Z');
  const e5 = await emergency('rachael@tyrell.example', 'us_government');
  await at('2026-03-12T08:05:00Z');
  await ack(e5);
  await at('2026-03-12T08:20:00Z');
  await solve(e5);
  await at('2026-03-16T12:00:00Z');
  return { n, acked, e1, e2, e3, e4, e5, t5, t6, manager, engineer };
}
