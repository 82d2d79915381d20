// The support manager's side of the replayed day (SM-1..SM-4, SM-9, SM-10), through the same
// routes as the web app: an EMEA queue that builds up before anyone answers it (the watch tells the
// manager on call and the team channel once), a licensing escalation acknowledged, assigned from the
// skills directory and resolved with a label, an escalation attempted in an emergency's thread
// (answered with the standard anonymous reply) then filed and rejected with a reason, and cover
// requests between managers. Each line says what the server answered.
import { Temporal } from 'temporal-polyfill';
import { REPLAY_ZONE, wallClock } from './day.ts';
import { expectOk, short, type Stage } from './replay-node.ts';

const MANAGERS = ['tara.brooks@example.com', 'walter.kim@example.com', 'umar.farouk@example.com', 'valerie.ng@example.com'];
/** EMEA customers (London and Berlin) whose morning questions wait for a first reply. */
const EMEA_QUEUE = [
  ['gus@globex.example', 'Globex Cloud', 'Webhook deliveries retried for hours after the maintenance', 'saas'],
  ['alice@umbrella.example', 'Umbrella Starter', 'Project export is empty', 'self_managed'],
  ['gus@globex.example', 'Globex Cloud', 'SAML group sync stopped adding new members', 'saas'],
  ['alice@umbrella.example', 'Umbrella Starter', 'Backup retention after the upgrade', 'self_managed'],
] as const;
const EMEA_ENGINEER = 'greta.muller@example.com';
const ACME_ASE = 'bella.cruz@example.com';

type At = (hh: number, mm: number) => Promise<void>;
type Person = { name: string; email: string } | null;

export function managerDesk(s: Stage, day: Temporal.PlainDate, at: At) {
  const staff = (email: string) => s.as(email);
  /** Whoever the escalations channel named at filing, else a manager of the rotation (the demo always has one on call). */
  let managerOnCall: string | null = null;
  const manager = (named: Person) => named?.email ?? managerOnCall ?? MANAGERS[0]!;

  /** SM-10: four EMEA questions arrive before 08:00 London and nobody answers them yet. */
  async function emeaQueue(): Promise<number[]> {
    const out: number[] = [];
    for (const [i, [email, org, subject, form]] of EMEA_QUEUE.entries()) {
      await at(1, 40 + i * 6);
      const t = expectOk(await (await s.as(email))('POST', '/api/v1/portal/tickets', { subject, description: subject, form, priority: 'high' }), `${org} opens a ticket`).ticket;
      s.log(`#${t.number} ${org}: ticket "${subject}" (high, first reply owed in 4 business hours)`);
      out.push(t.number);
    }
    return out;
  }

  type Region = { region: string; count: number; building: boolean; toldAt: string | null };
  const emeaWatch = async () => (expectOk(await s.admin('GET', '/api/v1/escalations/first-response'), 'first-response watch').regions as Region[]).find((r) => r.region === 'EMEA');

  /**
   * SM-10: the EMEA engineer answers the queue ten minutes after the watch told (it looks every few
   * minutes; on a Monday the first-reply clock only starts at 00:00 Pacific, so the build-up comes
   * later), and by `latest` whatever happened. The line says what the watch told, read back.
   */
  async function answerEmeaQueue(numbers: number[], latest: [number, number]): Promise<void> {
    const cap = wallClock(day, ...latest).epochMilliseconds;
    let emea = await emeaWatch();
    while (!emea?.building && s.clock.now().epochMilliseconds + 5 * 60_000 <= cap) {
      await s.until(s.clock.now().add({ minutes: 5 }));
      emea = await emeaWatch();
    }
    if (emea?.building) await s.until(Temporal.Instant.fromEpochMilliseconds(Math.min(cap, s.clock.now().epochMilliseconds + 10 * 60_000)));
    emea = await emeaWatch();
    const told = emea?.building ? await s.h.ctx.db.kysely.selectFrom('timeline').select(['detail']).where('action', '=', 'first_response.build_up').where('subject_id', '=', 'EMEA').orderBy('at', 'desc').executeTakeFirst() : undefined;
    if (emea?.building && emea.toldAt && told) {
      const d = JSON.parse(String(told.detail)) as { count: number; manager: string | null; channel: string };
      const when = Temporal.Instant.from(emea.toldAt).toZonedDateTimeISO(REPLAY_ZONE).toPlainTime().toString({ smallestUnit: 'minute' });
      s.log(`SM-10 first-response watch: EMEA reached ${d.count} tickets near their target at ${when} NY; told ${d.manager ? `${short(d.manager)} (manager on call)` : 'nobody on call'} and ${d.channel}, once; ${emea.count} waiting now`);
    } else {
      s.log(`SM-10 first-response watch: no EMEA build-up (${emea?.count ?? 0} tickets near their target; off business hours the first-reply clock waits)`);
    }
    for (const n of numbers) expectOk(await (await staff(EMEA_ENGINEER))('POST', `/api/v1/tickets/${n}/comments`, { body: 'Thanks for waiting — I am on this now and will update you within the hour.', public: true }), `#${n} first reply`);
    s.log(`${short(EMEA_ENGINEER)} answers the EMEA queue: ${numbers.map((n) => `#${n}`).join(', ')}`);
  }

  /** Ordinary tickets of the night answered in the morning, so the Americas queue does not build up. */
  async function firstReplies(who: string, numbers: number[]): Promise<void> {
    for (const n of numbers) expectOk(await (await staff(who))('POST', `/api/v1/tickets/${n}/comments`, { body: 'Thanks — I have picked this up and will come back to you today.', public: true }), `#${n} first reply`);
    s.log(`${short(who)} answers the queue: ${numbers.map((n) => `#${n}`).join(', ')}`);
  }

  const act = async (who: string, num: number, path: string, body: unknown, what: string) =>
    expectOk(await (await staff(who))('POST', `/api/v1/escalations/${num}/${path}`, body), `escalation ${num} ${what}`);

  /** SM-1..SM-3: renewed seats not applied — filed, acknowledged, macro, owner from the skills directory, resolved with License-Issue. */
  async function licenceEscalation(): Promise<void> {
    await at(10, 24);
    const t = expectOk(await (await s.as('rita@acme.example'))('POST', '/api/v1/portal/tickets', { subject: 'Renewed licence seats not applied', description: 'We renewed for 500 seats last week; the instance still shows 380 and 120 new developers start on Monday.', form: 'licensing', priority: 'high' }), 'Acme opens a ticket').ticket;
    s.log(`#${t.number} Acme Robotics: ticket "Renewed licence seats not applied" (high)`);
    await at(10, 27);
    expectOk(await (await staff(EMEA_ENGINEER))('POST', `/api/v1/tickets/${t.number}/comments`, { body: 'Thank you — the new seats need the licensing team; I am asking for an owner today.', public: true }), `#${t.number} reply`);
    const e = expectOk(await (await staff(EMEA_ENGINEER))('POST', '/api/v1/escalations', { ticket: t.number, need: 'An owner from licensing to apply the renewed seats today.', businessCase: 'Acme renewed 500 seats last week; 120 developers start on Monday and cannot be added until the seats are applied.', urgency: 'high' }), 'file escalation');
    managerOnCall = e.manager?.email ?? null;
    s.log(`escalation ${e.number} (#${t.number}) filed by ${short(EMEA_ENGINEER)}: announced in ${e.channel} naming ${e.manager?.name ?? 'nobody'} (manager on call); internal note on the ticket`);
    await at(10, 31);
    const m = manager(e.manager);
    await act(m, e.number, 'acknowledge', undefined, 'acknowledge');
    await act(m, e.number, 'macro', undefined, 'macro');
    const tags = expectOk(await s.admin('GET', `/api/v1/tickets/${t.number}`), `#${t.number}`).ticket.tags as string[];
    s.log(`escalation ${e.number}: ${short(m)} acknowledges (:eyes:) and runs the escalated-ticket macro; #${t.number} tagged ${tags.includes('escalated') ? 'escalated' : 'NOT escalated'}`);
    await at(10, 34);
    const sug = expectOk(await (await staff(m))('GET', `/api/v1/escalations/${e.number}/suggestions`), 'suggestions').items as { email: string; subject: string; level: string; region: string | null }[];
    const owner = sug[0];
    const assigned = await act(m, e.number, 'assign', { owner: owner?.email ?? ACME_ASE }, 'assign');
    s.log(`escalation ${e.number}: assigned to ${short(assigned.owner.email)}${owner ? ` (${owner.subject} ${owner.level}, ${owner.region ?? 'no region'}) from the skills directory` : ''}`);
    await at(10, 52);
    expectOk(await (await staff(assigned.owner.email))('POST', `/api/v1/tickets/${t.number}/comments`, { body: 'The 500 renewed seats are applied; please refresh the licence page. The new developers can be added now.', public: true }), `#${t.number} owner reply`);
    const done = await act(m, e.number, 'resolve', { labels: ['License-Issue'], comment: 'Seats applied by the licensing owner; the customer can add the new developers.' }, 'resolve');
    s.log(`escalation ${e.number}: resolved by ${short(m)} with label ${done.labels.join(', ')}`);
  }

  /** SM-4 then SM-3: Acme's ASE asks for a manager in the emergency's thread; the redirect reply, then a filed escalation rejected with a reason. */
  async function redirectAndReject(emergency: number, dri: string): Promise<void> {
    await at(12, 31);
    const text = 'Can we escalate this to a manager? Acme\'s DR audit is today and their VP keeps asking for updates.';
    expectOk(await (await staff(ACME_ASE))('POST', `/api/v1/emergencies/${emergency}/notes`, { text }), `#${emergency} note`);
    const note = (await s.show(emergency)).thread.find((p: { kind: string; text: string }) => p.kind === 'note' && p.text === text);
    const r = expectOk(await (await staff(dri))('POST', `/api/v1/thread-entries/${note.id}/redirect`), 'redirect');
    s.say(emergency, `${short(ACME_ASE)} asks for an escalation in ${note.channel}; ${short(dri)} reacts :escalate: and the standard reply is posted ${r.reply?.author === null ? 'anonymously' : `as ${r.reply?.author}`} (SM-4)`);
    await at(12, 33);
    const e = expectOk(await (await staff(ACME_ASE))('POST', '/api/v1/escalations', { ticket: emergency, need: 'A manager to keep Acme\'s VP informed while the DRI works the replication.', businessCase: 'Acme\'s disaster-recovery audit is today; the VP asks for updates every few minutes.', urgency: 'medium' }), 'file escalation');
    managerOnCall = e.manager?.email ?? managerOnCall;
    s.log(`escalation ${e.number} (#${emergency}) filed by ${short(ACME_ASE)} through the form, naming ${e.manager?.name ?? 'nobody'}`);
    await at(12, 34);
    const m = manager(e.manager);
    await act(m, e.number, 'acknowledge', undefined, 'acknowledge');
    const rej = await act(m, e.number, 'reject', { reason: 'The emergency is already on the bridge with its DRI, and the customer gets updates there; ask the DRI for the next update time instead of an escalation.' }, 'reject');
    const told = (rej.thread as { kind: string; mentions: string[] }[]).some((p) => p.kind === 'mention' && p.mentions.includes(ACME_ASE));
    s.log(`escalation ${e.number}: rejected by ${short(m)}; ${short(ACME_ASE)} ${told ? 'told the reason in the thread and directly' : 'NOT told'}`);
  }

  /** SM-9: the manager on call asks a colleague to cover an afternoon later in the week (accepted: an override), and another posts an open request nobody has answered yet. */
  async function coverRequests(): Promise<void> {
    await at(15, 40);
    const asker = managerOnCall ?? MANAGERS[0]!;
    const colleague = MANAGERS.find((x) => x !== asker)!;
    const start = wallClock(day.add({ days: 2 }), 13, 0), end = wallClock(day.add({ days: 2 }), 17, 0);
    const c = expectOk(await (await staff(asker))('POST', '/api/v1/cover-requests', { start: start.toString(), end: end.toString(), ask: colleague, note: 'Customer visit in the afternoon.' }), 'cover request');
    s.log(`cover request ${c.number}: ${short(asker)} asks ${short(colleague)} to cover ${day.add({ days: 2 })} 13:00–17:00 NY`);
    await at(15, 52);
    const ok = expectOk(await (await staff(colleague))('POST', `/api/v1/cover-requests/${c.number}/accept`), 'accept cover');
    s.log(`cover request ${c.number}: ${short(colleague)} ${ok.state}${ok.overrideId ? '; the override is on the support-manager schedule' : ''}, ${short(asker)} told`);
    await at(15, 55);
    const other = MANAGERS.find((x) => x !== asker && x !== colleague)!;
    const week = day.add({ days: 7 });
    const open = expectOk(await (await staff(other))('POST', '/api/v1/cover-requests', { start: wallClock(week, 9, 0).toString(), end: wallClock(week, 13, 0).toString(), note: 'Training day; any manager?' }), 'open cover request');
    s.log(`cover request ${open.number}: ${short(other)} asks any manager to cover ${week} 09:00–13:00 NY; ${open.state}, waiting on the On call page`);
  }

  return { emeaQueue, answerEmeaQueue, firstReplies, licenceEscalation, redirectAndReject, coverRequests };
}
