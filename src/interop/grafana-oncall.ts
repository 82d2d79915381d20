// Grafana OnCall public API v1 objects → a Hotline workspace. Facts of the source shapes: a
// schedule (type calendar or web) lists its on-call shifts; a shift starts at a wall-clock
// date-time in its own zone (else the schedule's), recurs every `interval` hours/days/weeks
// (`frequency`), optionally only on `by_day` weekdays, and lasts `duration` seconds each time;
// `rolling_users` hands the shift to the next group of people every frequency frame counted from
// `start` (from `start_rotation_from_user_index`), `recurrent_event`/`single_event` put all their
// `users` on at once; where shifts overlap the higher `level` wins; an `override` shift puts its
// people on instead of everyone. An escalation chain is an ordered list of steps (wait, notify …),
// an integration routes by default to one chain, and `final_shifts` is what Grafana OnCall itself
// computed.
import { Temporal } from '../kernel/time.ts';
import { count, emptyDoc, emptyReport, slugger, type ImportResult, type Plain, type RenderedSchedule } from './document.ts';
import { pickByFilters, type Filters } from './filters.ts';
import { overridePieces } from './overrides.ts';
import { emailKey, mapPeople, type VendorPerson } from './people.ts';
import { hasEmptyTurns, hhmm, localText, note, rotate, turnAt, weeklyPieces } from './wall-clock.ts';

export interface GoUser { id: string; email: string | null; username?: string; name?: string | null; role?: string; timezone?: string | null; teams?: string[] }
export interface GoTeam { id: string; name: string; email?: string | null }
export interface GoSchedule { id: string; name: string; type: 'calendar' | 'web' | 'ical'; team_id?: string | null; time_zone?: string | null; shifts?: string[]; ical_url_primary?: string | null; ical_url_overrides?: string | null }
export interface GoShift {
  id: string; name: string; type: 'rolling_users' | 'recurrent_event' | 'single_event' | 'override'; team_id?: string | null; time_zone?: string | null; level?: number;
  start: string; rotation_start?: string | null; until?: string | null; duration: number; frequency?: 'hourly' | 'daily' | 'weekly' | 'monthly' | null; interval?: number | null;
  by_day?: string[] | null; by_month?: number[] | null; by_monthday?: number[] | null; week_start?: string | null;
  users?: string[] | null; rolling_users?: string[][] | null; start_rotation_from_user_index?: number | null;
}
export interface GoFinalShift { user_pk: string; user_email?: string; user_username?: string; shift_start: string; shift_end: string }
export interface GoChain { id: string; name: string; team_id?: string | null }
export interface GoStep {
  id: string; escalation_chain_id: string; position: number; type: string; duration?: number | null; important?: boolean;
  persons_to_notify?: string[] | null; persons_to_notify_next_each_time?: string[] | null; notify_on_call_from_schedule?: string | null; group_to_notify?: string | null; notify_to_team_members?: string | null;
}
export interface GoIntegration { id: string; name: string; type: string; team_id?: string | null; link?: string | null; inbound_email?: string | null; default_route?: { id?: string; escalation_chain_id?: string | null } | null }
export interface GoRoute { id: string; integration_id: string; escalation_chain_id?: string | null; routing_regex?: string | null; is_the_last_route?: boolean }
export interface GoNotificationRule { id: string; user_id: string; position: number; important?: boolean; type: string; duration?: number | null }

export interface GoBundle {
  users: GoUser[];
  teams: GoTeam[];
  schedules: GoSchedule[];
  shifts: GoShift[];
  finalShifts: Record<string, GoFinalShift[] | null>;
  chains: GoChain[];
  steps: GoStep[];
  integrations: GoIntegration[];
  routes: GoRoute[];
  notificationRules: GoNotificationRule[];
}

export interface GoMapOptions { asOf: Temporal.Instant; until: Temporal.Instant; existingPeople: readonly string[]; filters: Filters }

const UNIT = { hourly: 'hours', daily: 'days', weekly: 'weeks' } as const;
const UNIT_MIN = { hourly: 60, daily: 1440, weekly: 10080 } as const;
const ISO_DAY: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
/** Hotline's integration keys are 32 letters or digits (the Events API v2 routing key length). */
const HOTLINE_KEY = /^[A-Za-z0-9]{32}$/;

const at = (local: string, tz: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(tz, { disambiguation: 'compatible' }).toInstant();

function person(u: GoUser): VendorPerson {
  return {
    id: u.id, name: u.name || u.username || u.email || u.id, email: u.email, timeZone: u.timezone ?? null,
    role: u.role === 'admin' ? 'admin' : 'engineer',
    contacts: u.email ? [{ kind: 'email', address: emailKey(u.email) }] : [],
  };
}

/** The token at the end of an integration's URL (…/integrations/v1/alertmanager/<token>/). */
export function integrationToken(link: string | null | undefined): string | null {
  const m = link?.match(/\/integrations\/v1\/[^/]+\/([^/?#]+)\/?/);
  return m ? m[1] : null;
}

type Mapped = { ok: true; rotations: Plain[]; notes: string[] } | { ok: false; why: string };

/** One shift as Hotline rotations (several when rolling groups hold more than one person). */
function shiftRotations(sh: GoShift, tz: string, rid: string, name: string, asOf: Temporal.Instant, who: (id: string) => string | undefined): Mapped {
  const notes: string[] = [];
  const start = at(sh.start, tz);
  const end = sh.type === 'single_event' ? start.add({ seconds: sh.duration }) : sh.until ? at(sh.until, tz) : null;
  if (end && end.epochMilliseconds <= asOf.epochMilliseconds) return { ok: false, why: `ended ${end}; only current and future shifts come across` };
  const people = (ids: readonly string[]) => ids.map((id) => who(id)).filter((e): e is string => !!e);
  const lost = [...new Set([...(sh.users ?? []), ...(sh.rolling_users ?? []).flat()].filter((id) => !who(id)))];
  if (lost.length) notes.push(`left out ${lost.join(', ')} (not imported)`);

  if (sh.type === 'single_event') {
    const members = people(sh.users ?? []);
    if (!members.length) return { ok: false, why: 'no imported person is on it' };
    return { ok: true, notes, rotations: [{ id: rid, name, time_zone: tz, start: localText(start, tz), end: end!.toString(), handoff: { every: 1, unit: 'weeks' }, mode: 'all', members }] };
  }
  const freq = sh.frequency;
  if (!freq || freq === 'monthly' || sh.by_month?.length || sh.by_monthday?.length) {
    return { ok: false, why: `repeats ${freq ?? 'never'}${sh.by_monthday?.length ? ` on day ${sh.by_monthday.join(', ')} of the month` : ''}; Hotline rotations hand off every N hours, days or weeks` };
  }
  const every = Math.max(1, sh.interval ?? 1);
  const turn = every * UNIT_MIN[freq];
  const dur = Math.round(sh.duration / 60);
  const local = Temporal.PlainDateTime.from(sh.start);
  const clock = local.hour * 60 + local.minute;
  const days = (sh.by_day ?? []).map((d) => ISO_DAY[d]).filter(Boolean);
  // Occurrence windows on the weekly clock: [ISO weekday, start minute, length].
  let windows: [number, number, number][] = [];
  if (days.length) {
    if (freq === 'hourly') return { ok: false, why: 'hourly turns limited to weekdays have no Hotline equivalent' };
    if (every > 1) return { ok: false, why: `repeats every ${every} ${UNIT[freq]} on some weekdays; Hotline restrictions repeat every week` };
    windows = days.map((d): [number, number, number] => [d, clock, Math.min(dur, 10080)]);
  } else if (dur < turn) {
    if (freq === 'hourly') return { ok: false, why: `lasts ${dur} min of each ${turn} min turn; Hotline restrictions are times of day` };
    if (every > 1 && freq === 'daily') return { ok: false, why: `repeats every ${every} days for part of the day; Hotline restrictions repeat every week` };
    if (every > 1) return { ok: false, why: `repeats every ${every} weeks for part of the week; Hotline restrictions repeat every week` };
    windows = freq === 'daily' ? [1, 2, 3, 4, 5, 6, 7].map((d): [number, number, number] => [d, clock, dur]) : [[local.dayOfWeek, clock, dur]];
  } else if (dur > turn) {
    notes.push(`each occurrence lasts ${dur} min, longer than the ${turn} min turn; the Hotline turn ends at the next hand-off`);
  }
  const restrictions: (string | Plain)[] = days.length === 0 && freq === 'daily' && windows.length ? [`${hhmm(clock)}-${hhmm(clock + dur)}`] : windows.flatMap(([d, f, l]) => weeklyPieces(d, f, l));
  const rhythm = { every, unit: UNIT[freq] };
  if (sh.type === 'rolling_users' && hasEmptyTurns((local.dayOfWeek - 1) * 1440 + clock, turn, windows)) {
    notes.push('some turns fall wholly outside its days: Grafana OnCall still counts them, a Hotline rotation skips them, so who is next can differ (see the schedule proof)');
  }
  // Turns count from `start`; the shift is on from `rotation_start` (when later).
  const from = sh.rotation_start ? at(sh.rotation_start, tz) : start;
  const t = from.epochMilliseconds > start.epochMilliseconds ? turnAt(start, from, tz, rhythm) : { turn: 0, start };
  if (!t.start.equals(from) && from.epochMilliseconds > start.epochMilliseconds && from.epochMilliseconds > asOf.epochMilliseconds) notes.push(`starts mid-turn at ${from}; the Hotline rotation starts at that turn's beginning, ${t.start}`);
  const base = { time_zone: tz, start: localText(t.start, tz), ...(end ? { end: end.toString() } : {}), handoff: rhythm, ...(restrictions.length ? { restrictions } : {}) };
  if (sh.type === 'recurrent_event') {
    const members = people(sh.users ?? []);
    if (!members.length) return { ok: false, why: 'no imported person is on it' };
    return { ok: true, notes, rotations: [{ id: rid, name, ...base, mode: 'all', members }] };
  }
  const groups = (sh.rolling_users ?? []).map(people).filter((g) => g.length);
  if (!groups.length) return { ok: false, why: 'no imported person takes a turn' };
  if (groups.length !== (sh.rolling_users ?? []).length) notes.push('a group with nobody imported was left out, so later turns shift');
  const first = (sh.start_rotation_from_user_index ?? 0) + t.turn;
  const width = Math.max(...groups.map((g) => g.length));
  // Groups of several people: one rotation per place in the group, turning in step, so the set
  // of people on call each turn is the group (a smaller group repeats its people).
  const rotations = Array.from({ length: width }, (_, j) => ({
    id: width === 1 ? rid : `${rid}-${j + 1}`, name: width === 1 ? name : `${name} (${j + 1})`, ...structuredClone(base),
    members: rotate(groups.map((g) => g[j % g.length]), first),
  }));
  return { ok: true, notes, rotations };
}

export function mapGrafanaOnCall(b: GoBundle, o: GoMapOptions): ImportResult {
  const doc = emptyDoc();
  const report = emptyReport('grafana-oncall', o.asOf.toString());
  const shiftById = new Map(b.shifts.map((s) => [s.id, s]));
  const shiftsOf = (s: GoSchedule) => (s.shifts ?? []).map((id) => shiftById.get(id)).filter((x): x is GoShift => !!x);
  const stepsOf = (c: GoChain) => b.steps.filter((p) => p.escalation_chain_id === c.id).sort((x, y) => x.position - y.position);
  const picked = pickByFilters({
    schedules: b.schedules.map((s) => ({ id: s.id, name: s.name, teams: s.team_id ? [s.team_id] : [], users: shiftsOf(s).flatMap((x) => [...(x.users ?? []), ...(x.rolling_users ?? []).flat()]) })),
    policies: b.chains.map((c) => ({ id: c.id, name: c.name, teams: c.team_id ? [c.team_id] : [], users: stepsOf(c).flatMap((p) => [...(p.persons_to_notify ?? []), ...(p.persons_to_notify_next_each_time ?? [])]), schedules: stepsOf(c).flatMap((p) => (p.notify_on_call_from_schedule ? [p.notify_on_call_from_schedule] : [])) })),
    services: b.integrations.map((i) => ({ id: i.id, name: i.name, teams: i.team_id ? [i.team_id] : [], policy: i.default_route?.escalation_chain_id ?? null })),
    teams: b.teams.map((t) => ({ id: t.id, name: t.name, members: b.users.filter((u) => u.teams?.includes(t.id)).map((u) => u.id) })),
    users: b.users.map((u) => ({ id: u.id, email: u.email })),
  }, o.filters);
  const people = mapPeople(b.users.filter((u) => picked.users.has(u.id)).map(person), o.existingPeople, doc, report);
  const who = (id: string) => people.get(id);
  const nameOf = (id: string) => { const u = b.users.find((x) => x.id === id); return u?.email ?? u?.username ?? id; };

  const teamSlug = slugger();
  const handles = new Map<string, string>();
  for (const t of b.teams.filter((t) => picked.teams.has(t.id))) {
    const handle = `@${teamSlug(t.name, t.id)}`;
    handles.set(t.id, handle);
    doc.teams.push({ handle, name: t.name, kind: 'team', members: b.users.filter((u) => u.teams?.includes(t.id)).map((u) => who(u.id)).filter((e): e is string => !!e) });
    report.mapped.push({ kind: 'team', source: t.name, target: handle });
    count(report, 'teams');
  }

  // Schedules: one layer per shift level (a later Hotline layer wins where it has someone, as a
  // higher level does); shifts on the same level share it, so their people are on together.
  const schedSlug = slugger();
  const scheduleIds = new Map<string, string>();
  const rendered: RenderedSchedule[] = [];
  for (const s of b.schedules.filter((x) => picked.schedules.has(x.id))) {
    if (s.type === 'ical') {
      if (!s.ical_url_primary) { report.notMapped.push({ kind: 'schedule', source: s.name, why: 'an iCal schedule without a feed URL' }); continue; }
      // Hotline follows the same feed (read-only rotation, refreshed every 15 minutes).
      const sid = schedSlug(s.name, s.id);
      const tz = s.time_zone || 'UTC';
      doc.rotations.push({ id: `${sid}-feed`, name: `${s.name} — iCalendar`, time_zone: tz, start: localText(o.asOf, tz), ical_url: s.ical_url_primary });
      doc.schedules.push({ id: sid, name: s.name, time_zone: tz, layers: [{ id: 'feed', name: 'iCalendar feed', rotation: `${sid}-feed` }] });
      scheduleIds.set(s.id, sid);
      note(report.approximated, 'schedule', s.name, `follows the same iCalendar feed (${s.ical_url_primary}) from the server, read-only; its people are matched by the attendee or summary e-mail of each event, and no proof is made at import`);
      count(report, 'schedules');
      count(report, 'rotations');
      if (s.ical_url_overrides) report.notMapped.push({ kind: 'schedule_overrides', source: s.name, why: `overrides from an external iCalendar (${s.ical_url_overrides}) are not read; add them as Hotline overrides` });
      continue;
    }
    const sid = schedSlug(s.name, s.id);
    const stz = s.time_zone || 'UTC';
    const byLevel = new Map<number, string[]>();
    const rotSlug = slugger();
    const shifts = shiftsOf(s);
    for (const sh of shifts.filter((x) => x.type !== 'override')) {
      const src = `${s.name} / ${sh.name}`;
      const tz = sh.time_zone || stz;
      const m = shiftRotations(sh, tz, `${sid}-${rotSlug(sh.name, sh.id)}`, `${s.name} — ${sh.name}`, o.asOf, who);
      if (!m.ok) { report.notMapped.push({ kind: 'shift', source: src, why: m.why }); continue; }
      for (const n of m.notes) note(report.approximated, 'shift', src, n);
      doc.rotations.push(...m.rotations);
      const level = sh.level ?? 0;
      byLevel.set(level, [...(byLevel.get(level) ?? []), ...m.rotations.map((r) => String(r.id))]);
      report.mapped.push({ kind: 'shift', source: src, target: `rotation ${m.rotations.map((r) => r.id).join(', ')}` });
      count(report, 'rotations', m.rotations.length);
    }
    if (s.ical_url_overrides) report.notMapped.push({ kind: 'schedule_overrides', source: s.name, why: `overrides from an external iCalendar (${s.ical_url_overrides}) are not read; add them as Hotline overrides` });
    if (byLevel.size === 0) { report.notMapped.push({ kind: 'schedule', source: s.name, why: 'no current or future shift with people' }); continue; }
    scheduleIds.set(s.id, sid);
    const layers = [...byLevel.keys()].sort((x, y) => x - y).map((l) => ({ id: `level-${l}`, name: `Level ${l}`, rotations: byLevel.get(l)! }));
    doc.schedules.push({ id: sid, name: s.name, time_zone: stz, layers });
    report.mapped.push({ kind: 'schedule', source: s.name, target: `schedule ${sid}` });
    count(report, 'schedules');
    for (const x of shifts.filter((x) => x.type === 'override')) {
      const tz = x.time_zone || stz;
      const start = at(x.start, tz);
      const end = start.add({ seconds: x.duration });
      if (end.epochMilliseconds <= o.asOf.epochMilliseconds) continue;
      const users = (x.users ?? []).map((id) => who(id));
      if (!users[0]) { report.notMapped.push({ kind: 'override', source: `${s.name} ${x.name}`, why: `${(x.users ?? []).map(nameOf).join(', ') || 'nobody'} was not imported` }); continue; }
      if (users.length > 1) note(report.approximated, 'override', `${s.name} ${x.name}`, `puts ${users.length} people on; the Hotline override puts ${users[0]} on (add the others by hand)`);
      doc.schedule_overrides.push(...overridePieces(doc, sid, x.id, start, end, users[0]));
      count(report, 'overrides');
    }
    const finals = b.finalShifts[s.id];
    if (finals) {
      const entries = finals.map((f) => ({ start: Temporal.Instant.from(f.shift_start).toString(), end: Temporal.Instant.from(f.shift_end).toString(), user: who(f.user_pk) ?? `(not imported) ${f.user_email ?? f.user_pk}` }));
      rendered.push({ scheduleId: sid, source: s.name, from: o.asOf.toString(), to: o.until.toString(), entries });
    }
  }

  // Escalation chains: notify steps between two waits form one level that lasts the wait after it.
  const polSlug = slugger();
  const policyIds = new Map<string, string>();
  for (const c of b.chains.filter((x) => picked.policies.has(x.id))) {
    const pid = polSlug(c.name, c.id);
    policyIds.set(c.id, pid);
    const levels: { delay_minutes: number; targets: Plain[]; round_robin?: boolean }[] = [];
    let open: (typeof levels)[number] | null = null;
    let repeat = 0;
    let waitedFirst = 0;
    for (const p of stepsOf(c)) {
      const src = `${c.name} step ${p.position + 1}: ${p.type}`;
      if (p.type === 'wait') {
        const mins = Math.max(1, Math.ceil((p.duration ?? 60) / 60));
        if (open) { open.delay_minutes = mins; open = null; } else if (levels.length) levels[levels.length - 1].delay_minutes += mins; else waitedFirst += mins;
        continue;
      }
      if (p.type === 'repeat_escalation') { repeat = 5; continue; }
      const targets: Plain[] = [];
      let roundRobin = false;
      if (p.type === 'notify_persons' || p.type === 'notify_person_next_each_time') {
        const ids = p.type === 'notify_persons' ? p.persons_to_notify ?? [] : p.persons_to_notify_next_each_time ?? [];
        for (const id of ids) { const u = who(id); if (u) targets.push({ user: u }); else report.notMapped.push({ kind: 'escalation_target', source: `${src} ${nameOf(id)}`, why: 'the person was not imported' }); }
        roundRobin = p.type === 'notify_person_next_each_time';
      } else if (p.type === 'notify_on_call_from_schedule') {
        const sid = p.notify_on_call_from_schedule ? scheduleIds.get(p.notify_on_call_from_schedule) : undefined;
        if (sid) targets.push({ schedule: sid }); else report.notMapped.push({ kind: 'escalation_target', source: `${src} ${p.notify_on_call_from_schedule}`, why: 'its schedule was not imported' });
      } else if (p.type === 'notify_team_members') {
        const h = p.notify_to_team_members ? handles.get(p.notify_to_team_members) : undefined;
        if (h) targets.push({ team: h }); else report.notMapped.push({ kind: 'escalation_target', source: `${src} ${p.notify_to_team_members}`, why: 'its team was not imported' });
      } else {
        report.notMapped.push({ kind: 'escalation_step', source: src, why: p.type === 'notify_user_group' ? 'a Slack user group: Hotline pages people, schedules and teams' : `Hotline levels page people, schedules and teams; "${p.type}" has no equivalent` });
        continue;
      }
      if (p.important) note(report.approximated, 'escalation_step', src, 'marked important: Hotline pages with each person\'s own rules');
      if (!targets.length) continue;
      if (roundRobin) {
        if (open && open.targets.length) note(report.approximated, 'escalation_step', src, 'next-each-time shares a level with other targets; the whole level takes turns');
        if (targets.length < 2) roundRobin = false;
      }
      if (!open) { open = { delay_minutes: 15, targets: [] }; levels.push(open); }
      open.targets.push(...targets);
      if (roundRobin) open.round_robin = true;
    }
    if (waitedFirst) note(report.approximated, 'escalation_chain', c.name, `Grafana OnCall waits ${waitedFirst} min before the first notification; Hotline's first level pages at once`);
    if (open) note(report.approximated, 'escalation_chain', c.name, 'no wait after the last notification: the last Hotline level lasts 15 min');
    if (repeat) note(report.approximated, 'escalation_chain', c.name, 'repeat_escalation repeats the chain at most 5 times in Grafana OnCall; the Hotline policy repeats 5 times');
    if (!levels.length) { report.notMapped.push({ kind: 'escalation_chain', source: c.name, why: 'no step that Hotline can page' }); policyIds.delete(c.id); continue; }
    doc.escalation_policies.push({ id: pid, name: c.name, ...(repeat ? { repeat } : {}), levels });
    report.mapped.push({ kind: 'escalation_chain', source: c.name, target: `escalation policy ${pid}` });
    count(report, 'escalation_policies');
  }

  // Integrations become services routed to their default route's chain, keeping their token as
  // the service's integration key when it fits Hotline's key rule.
  const svcSlug = slugger();
  for (const i of b.integrations.filter((x) => picked.services.has(x.id))) {
    if (i.type === 'inbound_email' || (!i.link && i.inbound_email)) { report.notMapped.push({ kind: 'integration', source: `${i.name} (${i.type})`, why: 'e-mail integrations do not come across; Hotline services take events over HTTP' }); continue; }
    const id = svcSlug(i.name, i.id);
    const chain = i.default_route?.escalation_chain_id;
    const policy = chain ? policyIds.get(chain) : undefined;
    const token = integrationToken(i.link);
    const keep = token && HOTLINE_KEY.test(token) ? token : undefined;
    doc.services.push({ id, name: i.name, ...(policy ? { escalation_policy: policy } : {}), ...(keep ? { integration_key: keep } : {}) });
    if (!keep) note(report.approximated, 'integration', i.name, `service ${id}: its token ${token ? `(${token.length} characters)` : ''} is not a Hotline key (32 letters or digits), so the service gets a new one: point the sender at Hotline's Events API v2 or Opsgenie endpoint with it`);
    report.mapped.push({ kind: 'integration', source: `${i.name} (${i.type})`, target: `service ${id}${keep ? ' (integration key kept)' : ''}` });
    count(report, 'services');
    for (const r of b.routes.filter((r) => r.integration_id === i.id && r.id !== i.default_route?.id && !r.is_the_last_route)) {
      report.notMapped.push({ kind: 'route', source: `${i.name}: ${r.routing_regex ?? r.id}`, why: 'Hotline routes a service to one escalation policy; route these alerts to a service of their own' });
    }
  }

  for (const u of b.users.filter((x) => picked.users.has(x.id) && people.has(x.id))) {
    const rules = b.notificationRules.filter((r) => r.user_id === u.id).sort((x, y) => Number(!!x.important) - Number(!!y.important) || x.position - y.position);
    if (rules.length) report.notMapped.push({ kind: 'notification_rules', source: people.get(u.id)!, why: `${rules.map((r) => `${r.important ? 'important: ' : ''}${r.type === 'wait' ? `wait ${Math.round((r.duration ?? 0) / 60)} min` : r.type.replace(/^notify_by_/, '')}`).join(', ')}: the workspace file sets rules per role; each person sets theirs in Hotline` });
  }
  return { doc, report, rendered };
}
