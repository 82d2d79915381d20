// An on-call day as the handbook tells it, hour by hour in New York time: follow-the-sun
// emergencies from the demo's customers, each down one of the handbook's paths. The clock moves
// between the steps and the timers (WF-5 silence, WF-14 business hours, SCH-10 shift changes)
// fire on their own; the script only plays what people do.
import type { Temporal } from 'temporal-polyfill';
import { isWeekend, wallClock } from './day.ts';
import { acts } from './replay-acts.ts';
import { managerDesk } from './replay-manager.ts';
import { expectOk, short, type Stage } from './replay-node.ts';

const ACME = 'Acme Robotics';
const GLOBEX = 'Globex Cloud';
const INITECH = 'Initech Dedicated';

/** AMER engineers who may pick up an emergency the manager hands round (WF-6). */
const AMER = ['carmen.diaz@example.com', 'dmitri.volkov@example.com', 'elena.park@example.com', 'frank.osei@example.com', 'alice.nguyen@example.com', 'bruno.costa@example.com'];

export async function playDay(s: Stage, day: Temporal.PlainDate): Promise<{ incidents: number }> {
  const a = acts(s);
  const at = (hh: number, mm: number) => s.until(wallClock(day, hh, mm));
  const desk = managerDesk(s, day, at);

  // 00:40 — APAC hours. A SaaS customer who answers at minute 14: the silence timers stop (WF-5).
  await at(0, 40);
  const merge = await a.emergency('gus@globex.example', GLOBEX, 'Merge requests time out for every project', 'saas', 'Since 05:30 UTC every merge request page times out. Our release is blocked.');
  const apac = await a.responder(merge.number);
  await at(0, 44);
  await a.acknowledge(merge.number, apac);
  await a.qualify(merge.number, apac, { verdict: 'exception', criterion: 'financial_impact' });
  expectOk(await (await s.as(apac))('POST', `/api/v1/emergencies/${merge.number}/saas-category`, { category: 'regression' }), 'SaaS category');
  s.say(merge.number, 'SaaS category: regression (WF-11)');
  await a.reply(merge.number, apac, 'I am looking at your instance now. Can you join the bridge at https://meet.example/apac-bridge?');
  await a.resolvePage(merge.number, apac);
  // minute 14 after the first public reply (the qualification macro at 00:44)
  await at(0, 58);
  await a.customer(merge.number, 'gus@globex.example', 'Joining the bridge now, sorry for the wait.');
  await at(1, 10);
  await a.silenceState(merge.number);
  await at(1, 35);
  await a.postCall(merge.number, apac, { summary: 'A feature flag from the last deploy was rolled back; merge requests load again.', internalNotes: 'Regression in the MR diff cache; developer issue opened.', resolved: true });
  await a.resolve(merge.number, apac, { followUp: { kind: 'none' }, summary: 'Flag rolled back' });

  // 01:40 — EMEA customers' questions arrive before their office opens; nobody answers yet (SM-10).
  const emeaQueue = await desk.emeaQueue();

  // 02:10 — the entitled self-managed emergency, end to end (WF-1..WF-9).
  await at(2, 10);
  const gitaly = await a.emergency('rita@acme.example', ACME, 'Git pushes fail with 500 on all repositories', 'self_managed', 'Every push fails with a 500 since the storage move. 200 developers blocked.');
  const rita = await a.responder(gitaly.number);
  await at(2, 14);
  await a.acknowledge(gitaly.number, rita);
  await a.qualify(gitaly.number, rita, { verdict: 'strict' });
  await at(2, 16);
  await a.reply(gitaly.number, rita, 'Please join the bridge at https://meet.example/acme-gitaly so we can look at the Gitaly nodes together.');
  await a.resolvePage(gitaly.number, rita);
  await at(2, 21);
  await a.customer(gitaly.number, 'rita@acme.example', 'On the bridge now.');
  await at(2, 50);
  await a.postCall(gitaly.number, rita, { summary: 'Node 3 of the Gitaly cluster had a full disk after the storage move; we freed space and pushes work again.', internalNotes: 'Disk full on gitaly-3; storage move left a stale copy.', resolved: true });
  await at(2, 55);
  const gitalyFollowUp = await a.resolve(gitaly.number, rita, { followUp: { kind: 'new', subject: 'Acme: alerting on Gitaly disk space after the storage move', priority: 'normal' }, summary: 'Disk full on gitaly-3', pairing: [rita] });

  // 05:00 — 02:00 Pacific: a US-government 12x5 customer outside entitled hours (WF-14).
  await at(5, 0);
  const fed = await a.emergency('miles@cyberdyne.example', 'Cyberdyne Federal', 'Runner fleet offline', 'us_government', 'All runners went offline at 01:45 PT.');
  const fedTimer = (await s.show(fed.number)).timers.find((t: { kind: string }) => t.kind === 'usgov-business-hours');
  if (fedTimer) s.say(fed.number, `WF-14: two options sent, posted to the team channel; business hours timer at ${fedTimer.dueAt}`);

  // The EMEA queue nears its first-reply target: the watch tells the manager on call and the team
  // channel once; the EMEA engineer answers it soon after (SM-10).
  await desk.answerEmeaQueue(emeaQueue, [6, 25]);

  // 06:30 — EMEA hours. A customer who goes silent: follow-up at 15, bridge closed and HIGH at 30 (WF-5).
  await at(6, 30);
  const silent = await a.emergency('peter@initech.example', INITECH, 'Web UI returns 502 for all users', 'dedicated', 'Nobody can sign in; the load balancer shows 502.');
  const emea = await a.responder(silent.number);
  await at(6, 34);
  await a.acknowledge(silent.number, emea);
  await a.qualify(silent.number, emea, { verdict: 'strict' });
  await at(6, 36);
  await a.reply(silent.number, emea, 'I am here to help. Please join the bridge at https://meet.example/initech so we can check the load balancer.');
  await a.resolvePage(silent.number, emea);
  await at(6, 52);
  await a.silenceState(silent.number);
  await at(7, 7);
  await a.silenceState(silent.number);

  // 07:45 and 08:10 — requests from plans without emergency support (ENT-2/3): nobody is paged.
  await at(7, 45);
  await a.emergency('gavin@hooli.example', 'Hooli Community', 'CI minutes ran out', 'saas', 'Our pipelines stopped; we need them today.');

  // 08:05 — 05:05 Pacific: on a weekday the 12x5 customer's business hours have started.
  await at(8, 5);
  const fedPaged = (await s.show(fed.number)).pages.length > 0;
  const fedWho = fedPaged ? await a.responder(fed.number) : null;
  if (fedWho) {
    s.say(fed.number, `business hours: paged ${short(fedWho)}`);
    await a.acknowledge(fed.number, fedWho);
    await a.qualify(fed.number, fedWho, { verdict: 'strict' });
    await a.reply(fed.number, fedWho, 'Good morning, I am on your runner outage now. Bridge: https://meet.example/usgov');
    await a.resolvePage(fed.number, fedWho);
  } else {
    s.say(fed.number, isWeekend(day) ? 'weekend: waits for business hours on Monday' : 'not paged yet');
  }
  await at(8, 12);
  if (fedWho) await a.customer(fed.number, 'miles@cyberdyne.example', 'Joining.');
  await at(8, 15);
  await a.emergency('alice@umbrella.example', 'Umbrella Starter', 'Backups failing', 'self_managed', 'Nightly backups fail with a permissions error.');
  await at(8, 30);
  const slowCi = await a.request('sysadmin@acme.example', ACME, 'CI pipelines slower since the upgrade', 'self_managed');
  await at(8, 50);
  if (fedWho) {
    await a.postCall(fed.number, fedWho, { summary: 'The runner registration token had expired; new token rolled out.', resolved: true });
    await a.resolve(fed.number, fedWho, { followUp: { kind: 'none' } });
  }

  // 09:00 — a 24x7 government customer: needs more information first, then the verdict (WF-4).
  await at(9, 0);
  const tyrell = await a.emergency('rachael@tyrell.example', 'Tyrell Federal', 'Login problems', 'us_government', 'Some people cannot log in.');
  const usgov = await a.responder(tyrell.number);
  await at(9, 4);
  await a.acknowledge(tyrell.number, usgov);
  await a.qualify(tyrell.number, usgov, { verdict: 'needs_more_info' });
  await at(9, 20);
  await a.customer(tyrell.number, 'rachael@tyrell.example', 'Nobody in the agency can log in since the SAML certificate rotated at 06:00; our on-call ops team is locked out.');
  await at(9, 24);
  await a.qualify(tyrell.number, usgov, { verdict: 'exception', criterion: 'security' });
  await a.reply(tyrell.number, usgov, 'Thank you, that is an emergency. Bridge: https://meet.example/tyrell');
  await a.resolvePage(tyrell.number, usgov);
  await at(9, 30);
  await a.customer(tyrell.number, 'rachael@tyrell.example', 'Joining with our identity team.');
  await at(9, 35);
  await a.postCall(tyrell.number, usgov, { summary: 'The new SAML certificate fingerprint was configured; sign-in works again.', resolved: true });
  await a.resolve(tyrell.number, usgov, { followUp: { kind: 'none' } });

  // 09:40 — the silent customer of the morning is back; the engineer closes it with a follow-up.
  await at(9, 40);
  await a.customer(silent.number, 'peter@initech.example', 'Sorry, we were in an all-hands. A restart of the load balancer fixed it.');
  await at(9, 50);
  const silentDri = await a.responder(silent.number);
  await a.postCall(silent.number, silentDri, { summary: 'The load balancer restart resolved the 502s; we will look at the cause in a follow-up.', resolved: true });
  await a.resolve(silent.number, silentDri, { followUp: { kind: 'new', subject: 'Initech: cause of the 502s on the load balancer', priority: 'normal' } });

  // 09:55 — the night's ordinary tickets get their first reply before they reach their target.
  await at(9, 55);
  await desk.firstReplies('alice.nguyen@example.com', [...gitalyFollowUp, slowCi.number]);

  // 10:15 — not an emergency: the customer already has a ticket about it; downgraded there (WF-4).
  await at(10, 15);
  const notEm = await a.emergency('sysadmin@acme.example', ACME, 'CI is unbearably slow', 'self_managed', 'Pipelines take an hour instead of ten minutes.');
  const notWho = await a.responder(notEm.number);
  await at(10, 20);
  await a.acknowledge(notEm.number, notWho);
  await a.qualify(notEm.number, notWho, { verdict: 'not_emergency', relatedTicket: slowCi.number });

  // 10:24 — renewed seats not applied: an escalation, an owner from the skills directory, License-Issue (SM-1..SM-3).
  await desk.licenceEscalation();

  // 11:00 — a licence that expired 10 days ago (ENT-5, WF-12): the weekday or weekend path.
  await at(11, 0);
  const wayne = await a.emergency('lucius@wayne.example', 'Wayne Enterprises', 'Instance read-only after licence expiry', 'licensing', 'Our licence expired and the instance is read-only.');
  const wayneWho = await a.responder(wayne.number);
  await at(11, 5);
  await a.post(wayneWho, wayne.number, 'licence-path', {}, 'licence path');
  const path = (await s.show(wayne.number)).thread.find((p: { text: string }) => p.text.includes('[licence.path]'))?.text ?? '';
  s.say(wayne.number, `WF-12 licence path: ${path.replace(/^.*\[licence\.path\]\s*/, '')}`);
  await at(11, 40);
  const wayneTicket = (await s.show(wayne.number)).ticket;
  // the weekend grace path (ENT-5) already unblocked and closed it; the weekday team path waits for this
  if (wayneTicket.status === 'solved' || wayneTicket.status === 'closed') s.say(wayne.number, `ticket ${wayneTicket.status} by the licence path`);
  else {
    await a.post(wayneWho, wayne.number, 'licence-unblocked', undefined, 'licence unblocked');
    s.say(wayne.number, 'customer unblocked; licensing team alerted');
  }

  return playAfternoon(s, day, a, at, desk);
}

async function playAfternoon(s: Stage, day: Temporal.PlainDate, a: ReturnType<typeof acts>, at: (hh: number, mm: number) => Promise<void>, desk: ReturnType<typeof managerDesk>) {
  // 12:20 — AMER 1 alone on call: the DRI takes this one and it is still open at the shift change.
  await at(12, 20);
  const late = await a.emergency('rita@acme.example', ACME, 'Geo replication stopped', 'self_managed', 'The secondary site stopped syncing; our DR audit is today.');
  const dri = await a.responder(late.number);
  await at(12, 23);
  await a.acknowledge(late.number, dri);
  await a.qualify(late.number, dri, { verdict: 'exception', criterion: 'audit' });
  await a.reply(late.number, dri, 'Let us look at the replication queue together: https://meet.example/acme-geo');
  await a.resolvePage(late.number, dri);
  await at(12, 30);
  await a.customer(late.number, 'rita@acme.example', 'Thanks, joining.');
  // 12:31 — an escalation asked for in the thread gets the standard reply; the one filed is rejected (SM-4, SM-3).
  await desk.redirectAndReject(late.number, dri);

  // 12:35 — a second emergency in the single-engineer hour goes to the manager on call (WF-6).
  await at(12, 35);
  const conc = await a.emergency('gus@globex.example', GLOBEX, 'Container registry refuses pushes', 'saas', 'docker push returns 403 for every project.');
  const manager = await a.responder(conc.number);
  await at(12, 38);
  expectOk(await (await s.as(manager))('POST', `/api/v1/emergencies/${conc.number}/notes`, { text: `@support-team-americas the DRI is on #${late.number}; who can take emergency ${conc.number}?` }), 'manager pings the group');
  s.say(conc.number, `${short(manager)} (manager on call) pings @support-team-americas`);
  const taker = AMER.find((x) => x !== dri)!;
  await at(12, 44);
  const concPage = (await s.show(conc.number)).pages[0];
  expectOk(await (await s.as(manager))('POST', `/api/v1/pages/${concPage.id}/reassign`, { userIds: [s.idOf(taker)] }), 'manager hands the page on');
  s.say(conc.number, `${short(taker)} answers; ${short(manager)} reassigns the page`);
  await a.acknowledge(conc.number, taker);
  await a.qualify(conc.number, taker, { verdict: 'strict' });
  await a.reply(conc.number, taker, 'Taking this now. Bridge: https://meet.example/globex-registry');
  await a.resolvePage(conc.number, taker);
  await at(12, 52);
  await a.customer(conc.number, 'gus@globex.example', 'On it with you.');

  await at(13, 40);
  await a.postCall(conc.number, taker, { summary: 'A registry token scope changed in the last deploy; reverted.', resolved: true });
  await a.resolve(conc.number, taker, { followUp: { kind: 'none' } });

  const incidents = await playIncident(s, a, at);

  // 15:10 — a trial ending mid-migration: the extension waits for the customer's written confirmation (WF-12).
  await at(15, 10);
  const trial = await a.emergency('thorn@soylent.example', 'Soylent Trial', 'Trial ends during our migration', 'licensing', 'Our trial ends in the middle of the migration weekend.');
  const trialWho = await a.responder(trial.number);
  await a.post(trialWho, trial.number, 'licence-path', {}, 'licence path');
  await a.reply(trial.number, trialWho, 'We can extend the trial. Please confirm in writing that you accept the trial exclusions.');
  await at(15, 20);
  const confirmation = await a.customer(trial.number, 'thorn@soylent.example', 'I confirm the trial exclusions.');
  await at(15, 30);
  await a.post(trialWho, trial.number, 'trial-extension', { namespace: 'soylent-green', plan: 'ultimate', confirmationCommentId: confirmation }, 'trial extension');
  s.say(trial.number, 'trial extended after written confirmation');
  const trialTicket = (await s.show(trial.number)).ticket;
  if (trialTicket.status !== 'solved' && trialTicket.status !== 'closed') {
    await a.post(trialWho, trial.number, 'licence-unblocked', undefined, 'licence unblocked');
    s.say(trial.number, 'customer unblocked');
  }

  // 15:40 — cover between managers: one accepted (an override), one open on the On call page (SM-9).
  await desk.coverRequests();

  // 16:00 — one seat bought the same day: no call before the manager is engaged (ENT-4, WF-13).
  await at(16, 0);
  const solo = await a.emergency('sam@solodev.example', 'Solo Dev LLC', 'Instance will not start after install', 'self_managed', 'Fresh install, the instance does not come up.');
  const soloWho = await a.responder(solo.number);
  await at(16, 5);
  await a.acknowledge(solo.number, soloWho);
  s.say(solo.number, `call allowed: ${(expectOk(await (await s.as(soloWho))('GET', `/api/v1/emergencies/${solo.number}/call-allowed`), 'call allowed')).ok}`);
  await at(16, 12);
  await a.post('tara.brooks@example.com', solo.number, 'manager-engaged', undefined, 'manager engaged');
  s.say(solo.number, 'tara.brooks engaged; calls allowed');
  await a.qualify(solo.number, soloWho, { verdict: 'strict' });
  await a.reply(solo.number, soloWho, 'Bridge: https://meet.example/solo');
  await a.resolvePage(solo.number, soloWho);
  await at(16, 20);
  await a.customer(solo.number, 'sam@solodev.example', 'Joining.');
  await at(16, 50);
  await a.postCall(solo.number, soloWho, { summary: 'The instance needed more memory than the VM had; resized.', resolved: true });
  await a.resolve(solo.number, soloWho, { followUp: { kind: 'none' } });

  // 18:00 passes: the AMER 1 engineer's shift ends with #late still open (SCH-10, answered by the stage).
  // 19:10 — the engineer who took it over finishes the call.
  await at(19, 10);
  const after = await a.responder(late.number);
  await a.postCall(late.number, after, { summary: 'The replication queue was blocked by one oversized repository; it is excluded and sync caught up.', resolved: true });
  await a.resolve(late.number, after, { followUp: { kind: 'new', subject: 'Acme: replicate the oversized repository', priority: 'normal' } });

  // 19:30 — a licence 20 days expired on the self-managed form: beyond grace, not paged (ENT-5).
  await at(19, 30);
  await a.emergency('pepper@stark.example', 'Stark Industries', 'Cannot create projects', 'self_managed', 'Creating a project fails.');

  // 21:15 — APAC hours: a likely compromised instance; the manager comes first (WF-13).
  await at(21, 15);
  const hack = await a.emergency('peter@initech.example', INITECH, 'Unknown admin accounts appeared', 'dedicated', 'Three admin accounts we did not create.');
  const hackWho = await a.responder(hack.number);
  await at(21, 19);
  await a.acknowledge(hack.number, hackWho);
  await a.post(hackWho, hack.number, 'compromised', undefined, 'compromised instance');
  s.say(hack.number, 'compromised-instance guidance sent; call waits for the manager');
  await at(21, 30);
  await a.post('valerie.ng@example.com', hack.number, 'manager-engaged', undefined, 'manager engaged');
  s.say(hack.number, 'valerie.ng engaged');
  await a.qualify(hack.number, hackWho, { verdict: 'exception', criterion: 'security' });
  await a.reply(hack.number, hackWho, 'Please join the bridge with your security team: https://meet.example/initech-sec');
  await a.resolvePage(hack.number, hackWho);
  await at(21, 36);
  await a.customer(hack.number, 'peter@initech.example', 'Joining with security.');
  await at(22, 30);
  await a.postCall(hack.number, hackWho, { summary: 'The accounts were removed, tokens rotated and sessions revoked.', resolved: true });
  await a.resolve(hack.number, hackWho, { followUp: { kind: 'new', subject: 'Initech: security review after unknown admin accounts', priority: 'high' } });

  // The rest of the day runs on its own; every timer due before midnight fires on time.
  await s.until(wallClock(day.add({ days: 1 }), 0, 0));
  return { incidents };
}

/** 14:00 — several Globex people report the same outage: one incident, one bulk response (WF-10). */
async function playIncident(s: Stage, a: ReturnType<typeof acts>, at: (hh: number, mm: number) => Promise<void>): Promise<number> {
  const globex = expectOk(await s.admin('GET', `/api/v1/orgs?q=${encodeURIComponent(GLOBEX)}`), 'Globex').items.find((o: { name: string }) => o.name === GLOBEX);
  const people = [['gus@globex.example', 'Gus Hale'], ['ops@globex.example', 'Globex Ops'], ['sre@globex.example', 'Globex SRE']] as const;
  for (const [email, name] of people.slice(1)) {
    const known = expectOk(await s.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`), 'find user').items.some((u: { email: string }) => u.email === email);
    if (!known) expectOk(await s.admin('POST', '/api/v1/users', { email, name, role: 'customer', organizationId: globex.id }), `add ${email}`);
  }
  const tickets = [];
  for (const [i, [email]] of people.entries()) {
    await at(14, 2 + i * 3);
    tickets.push(await a.emergency(email, GLOBEX, ['Pipelines stuck in pending', 'Runners not picking up jobs', 'All CI jobs pending'][i]!, 'saas', 'No CI job has started for 10 minutes.'));
  }
  await at(14, 12);
  const who = await a.responder(tickets[0]!.number);
  const inc = expectOk(await (await s.as(who))('POST', '/api/v1/incidents', { tickets: tickets.map((t) => t.number), title: 'SaaS CI jobs stuck in pending' }), 'declare incident');
  s.log(`incident ${inc.number} (${inc.tag}) declared by ${who.split('@')[0]} over ${tickets.map((t) => `#${t.number}`).join(', ')}`);
  expectOk(await (await s.as(who))('POST', `/api/v1/incidents/${inc.number}/respond`, { statusPageUrl: 'https://status.example.com/incidents/ci-pending' }), 'incident response');
  await at(14, 14);
  const shown = expectOk(await s.admin('GET', `/api/v1/incidents/${inc.number}`), 'incident');
  s.log(`incident ${inc.number}: one bulk response sent to ${shown.counts?.responded ?? '?'} tickets`);
  await at(15, 0);
  expectOk(await (await s.as(who))('POST', `/api/v1/incidents/${inc.number}/respond`, { incidentIssueUrl: 'https://issues.example/prod/ci-pending', requestId: `replay-${inc.number}-issue` }), 'incident issue response');
  await at(15, 2);
  s.log(`incident ${inc.number}: incident issue posted; related tickets solved with "reply if trouble remains"`);
  return 1;
}
