// Opsgenie API v2 objects → a Hotline workspace. Facts of the source shapes: a schedule's rotations
// are cumulative (everyone on call in any rotation is on call), each rotation hands off every
// `length` hours/days/weeks from `startDate`, optionally within time-of-day or weekday windows; an
// override takes the place of the people of the rotations it names (all when none); escalation
// rules carry a delay counted from the alert's creation; the schedule timeline is what Opsgenie
// itself computed.
import { Temporal } from '../kernel/time.ts';
import { count, emptyDoc, emptyReport, slugger, type ImportResult, type Plain, type RenderedSchedule } from './document.ts';
import { pickByFilters, type Filters } from './filters.ts';
import { overridePieces } from './overrides.ts';
import { mapPeople, type VendorPerson } from './people.ts';
import { hasEmptyTurns, hhmm, localText, note, weeklyPieces } from './wall-clock.ts';

type Who = { type: string; id?: string; name?: string; username?: string };
export interface OgUser { id: string; username: string; fullName: string; role?: { id?: string; name: string }; timeZone?: string }
export interface OgContact { id?: string; method: string; to: string; enabled?: boolean }
export interface OgTeam { id: string; name: string; description?: string; members?: { user: { id: string; username?: string }; role?: string }[] }
export interface OgRestriction { startDay?: string; endDay?: string; startHour: number; startMin: number; endHour: number; endMin: number }
export interface OgRotation { id: string; name: string; startDate: string; endDate?: string; type: 'hourly' | 'daily' | 'weekly'; length: number; participants: Who[]; timeRestriction?: { type: 'time-of-day'; restriction: OgRestriction } | { type: 'weekday-and-time-of-day'; restrictions: OgRestriction[] } }
export interface OgSchedule { id: string; name: string; description?: string; timezone: string; enabled?: boolean; ownerTeam?: { id: string; name?: string }; rotations: OgRotation[] }
export interface OgOverride { alias: string; user: Who; startDate: string; endDate: string; rotations?: { id: string; name?: string }[] }
export interface OgTimeline { startDate: string; endDate: string; finalTimeline: { rotations: { id: string; name?: string; periods?: { startDate: string; endDate: string; type?: string; recipient: Who }[] }[] } }
export interface OgEscalation { id: string; name: string; description?: string; ownerTeam?: { id: string; name?: string }; rules: { condition?: string; notifyType: string; delay: { timeAmount: number; timeUnit?: string }; recipient: Who }[]; repeat?: { waitInterval?: number; count?: number } }
export interface OgIntegration { id: string; name: string; type: string; enabled?: boolean; teamId?: string | null }

export interface OgBundle {
  users: OgUser[];
  contacts: Record<string, OgContact[]>;
  notificationRules: Record<string, { id: string; name: string; actionType?: string; enabled?: boolean }[]>;
  teams: OgTeam[];
  schedules: OgSchedule[];
  overrides: Record<string, OgOverride[]>;
  timelines: Record<string, OgTimeline | null>;
  escalations: OgEscalation[];
  integrations: OgIntegration[];
}

export interface OgMapOptions { asOf: Temporal.Instant; until: Temporal.Instant; existingPeople: readonly string[]; filters: Filters }

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const UNIT = { hourly: 'hours', daily: 'days', weekly: 'weeks' } as const;
const UNIT_MIN = { hourly: 60, daily: 1440, weekly: 10080 } as const;
const MIN = { minutes: 1, hours: 60, days: 1440 } as Record<string, number>;

function person(u: OgUser, contacts: OgContact[]): VendorPerson {
  const role = (u.role?.name ?? '').toLowerCase();
  return {
    id: u.id, name: u.fullName, email: u.username, timeZone: u.timeZone ?? null,
    role: role === 'owner' || role === 'admin' ? 'admin' : 'engineer',
    contacts: contacts.filter((c) => c.enabled !== false).map((c) => ({ kind: c.method === 'mobile' ? 'mobile_app' : c.method, address: c.method === 'sms' || c.method === 'voice' ? `+${c.to.replace(/\D/g, '')}` : c.to })),
  };
}

/** Restriction windows as [ISO weekday, start minute, length] and as Hotline restrictions. */
function windowsOf(r: OgRotation): { windows: [number, number, number][]; restrictions: (string | Plain)[] } {
  const tr = r.timeRestriction;
  if (!tr) return { windows: [], restrictions: [] };
  if (tr.type === 'time-of-day') {
    const x = tr.restriction;
    const from = x.startHour * 60 + x.startMin;
    const len = ((x.endHour * 60 + x.endMin - from + 1440 - 1) % 1440) + 1;
    return { windows: [1, 2, 3, 4, 5, 6, 7].map((d): [number, number, number] => [d, from, len]), restrictions: [`${hhmm(from)}-${hhmm(from + len)}`] };
  }
  const windows = tr.restrictions.map((x): [number, number, number] => {
    const sd = DAYS.indexOf(String(x.startDay).toLowerCase());
    const ed = DAYS.indexOf(String(x.endDay).toLowerCase());
    const a = sd * 1440 + x.startHour * 60 + x.startMin;
    const b = ed * 1440 + x.endHour * 60 + x.endMin;
    return [sd + 1, x.startHour * 60 + x.startMin, ((b - a + 10080 - 1) % 10080) + 1];
  });
  return { windows, restrictions: windows.flatMap(([d, from, len]) => weeklyPieces(d, from, len)) };
}

export function mapOpsgenie(b: OgBundle, o: OgMapOptions): ImportResult {
  const doc = emptyDoc();
  const report = emptyReport('opsgenie', o.asOf.toString());
  const userIds = (ws: Who[]) => ws.filter((w) => w.type === 'user' && w.id).map((w) => w.id!);
  const picked = pickByFilters({
    schedules: b.schedules.map((s) => ({ id: s.id, name: s.name, teams: s.ownerTeam ? [s.ownerTeam.id] : [], users: [...s.rotations.flatMap((r) => userIds(r.participants)), ...userIds((b.overrides[s.id] ?? []).map((x) => x.user))] })),
    policies: b.escalations.map((e) => ({ id: e.id, name: e.name, teams: e.ownerTeam ? [e.ownerTeam.id] : [], users: userIds(e.rules.map((r) => r.recipient)), schedules: e.rules.filter((r) => r.recipient.type === 'schedule' && r.recipient.id).map((r) => r.recipient.id!) })),
    services: b.integrations.map((i) => ({ id: i.id, name: i.name, teams: i.teamId ? [i.teamId] : [], policy: b.escalations.find((e) => i.teamId && e.ownerTeam?.id === i.teamId)?.id ?? null })),
    teams: b.teams.map((t) => ({ id: t.id, name: t.name, members: (t.members ?? []).map((m) => m.user.id) })),
    users: b.users.map((u) => ({ id: u.id, email: u.username })),
  }, o.filters);
  const people = mapPeople(b.users.filter((u) => picked.users.has(u.id)).map((u) => person(u, b.contacts[u.id] ?? [])), o.existingPeople, doc, report);
  const who = (id?: string) => (id ? people.get(id) : undefined);

  const teamSlug = slugger();
  const handles = new Map<string, string>();
  for (const t of b.teams.filter((t) => picked.teams.has(t.id))) {
    const handle = `@${teamSlug(t.name, t.id)}`;
    handles.set(t.id, handle);
    doc.teams.push({ handle, name: t.name, kind: 'team', members: (t.members ?? []).map((m) => who(m.user.id)).filter((e): e is string => !!e) });
    report.mapped.push({ kind: 'team', source: t.name, target: handle });
    count(report, 'teams');
  }

  const schedSlug = slugger();
  const scheduleIds = new Map<string, string>();
  const rendered: RenderedSchedule[] = [];
  for (const s of b.schedules.filter((x) => picked.schedules.has(x.id))) {
    const sid = schedSlug(s.name, s.id);
    const rotIds = new Map<string, string>();
    const rotations: string[] = [];
    for (const r of s.rotations) {
      const src = `${s.name} / ${r.name}`;
      if (r.endDate && Temporal.Instant.from(r.endDate).epochMilliseconds <= o.asOf.epochMilliseconds) {
        report.notMapped.push({ kind: 'rotation', source: src, why: `ended ${r.endDate}; only current and future rotations come across` });
        continue;
      }
      const others = r.participants.filter((p) => p.type !== 'user');
      if (others.length) note(report.approximated, 'rotation', src, `participants of type ${[...new Set(others.map((p) => p.type))].join(', ')} left out (Hotline rotations hold people), so later turns shift`);
      const members = userIds(r.participants).map((id) => who(id)).filter((e): e is string => !!e);
      if (members.length === 0) { report.notMapped.push({ kind: 'rotation', source: src, why: 'no imported person takes a turn' }); continue; }
      const { windows, restrictions } = windowsOf(r);
      const start = Temporal.Instant.from(r.startDate);
      const local = start.toZonedDateTimeISO(s.timezone);
      if (hasEmptyTurns((local.dayOfWeek - 1) * 1440 + local.hour * 60 + local.minute, r.length * UNIT_MIN[r.type], windows)) {
        note(report.approximated, 'rotation', src, 'some turns fall wholly outside the time restrictions: Opsgenie still counts them, a Hotline rotation skips them, so who is next can differ (see the schedule proof)');
      }
      const rid = `${sid}-${r.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || r.id.slice(0, 8)}`;
      rotIds.set(r.id, rid);
      doc.rotations.push({
        id: rid, name: `${s.name} — ${r.name}`, time_zone: s.timezone, start: localText(start, s.timezone),
        ...(r.endDate ? { end: Temporal.Instant.from(r.endDate).toString() } : {}),
        handoff: { every: r.length, unit: UNIT[r.type] },
        ...(restrictions.length ? { restrictions } : {}),
        members,
      });
      rotations.push(rid);
      report.mapped.push({ kind: 'rotation', source: src, target: `rotation ${rid}` });
      count(report, 'rotations');
    }
    if (rotations.length === 0) { report.notMapped.push({ kind: 'schedule', source: s.name, why: 'no current rotation with people' }); continue; }
    scheduleIds.set(s.id, sid);
    // Cumulative rotations: one layer that holds them all, so everyone on in any of them is on.
    doc.schedules.push({ id: sid, name: s.name, time_zone: s.timezone, layers: [{ id: 'rotations', name: 'Rotations', rotations }] });
    report.mapped.push({ kind: 'schedule', source: s.name, target: `schedule ${sid}` });
    count(report, 'schedules');
    for (const x of (b.overrides[s.id] ?? []).filter((x) => Temporal.Instant.from(x.endDate).epochMilliseconds > o.asOf.epochMilliseconds)) {
      const user = who(x.user.id);
      if (!user) { report.notMapped.push({ kind: 'override', source: `${s.name} ${x.alias}`, why: `${x.user.username ?? x.user.name ?? x.user.type} is not an imported person` }); continue; }
      const only = x.rotations?.length ? new Set(x.rotations.map((r) => rotIds.get(r.id)).filter((r): r is string => !!r)) : undefined;
      doc.schedule_overrides.push(...overridePieces(doc, sid, x.alias, Temporal.Instant.from(x.startDate), Temporal.Instant.from(x.endDate), user, only));
      count(report, 'overrides');
    }
    const tl = b.timelines[s.id];
    if (tl) {
      const entries = tl.finalTimeline.rotations.flatMap((r) => (r.periods ?? []).filter((p) => p.recipient.type === 'user').map((p) => ({ start: p.startDate, end: p.endDate, user: who(p.recipient.id) ?? `(not imported) ${p.recipient.name ?? p.recipient.id}` })));
      rendered.push({ scheduleId: sid, source: s.name, from: o.asOf.toString(), to: o.until.toString(), entries });
    }
  }

  // Escalations: rules at the same delay form one level; a level lasts until the next rule's delay.
  const polSlug = slugger();
  const policyIds = new Map<string, string>();
  for (const e of b.escalations.filter((x) => picked.policies.has(x.id))) {
    const pid = polSlug(e.name, e.id);
    policyIds.set(e.id, pid);
    const at = (r: OgEscalation['rules'][number]) => r.delay.timeAmount * (MIN[r.delay.timeUnit ?? 'minutes'] ?? 1);
    const delays = [...new Set(e.rules.map(at))].sort((x, y) => x - y);
    if (delays[0] > 0) note(report.approximated, 'escalation', e.name, `Opsgenie waits ${delays[0]} min before the first rule; Hotline's first level pages at once`);
    const repeatCount = e.repeat?.count ?? 0;
    const levels = delays.map((d, i) => {
      const targets = e.rules.filter((r) => at(r) === d).flatMap((r): Plain[] => {
        const t = r.recipient;
        if (r.notifyType === 'default' || r.notifyType === 'users') {
          if (t.type === 'user' && who(t.id)) return [{ user: who(t.id)! }];
          if (t.type === 'schedule' && scheduleIds.get(t.id!)) return [{ schedule: scheduleIds.get(t.id!)! }];
          if (t.type === 'team' && handles.get(t.id!)) return [{ team: handles.get(t.id!)! }];
        }
        report.notMapped.push({ kind: 'escalation_rule', source: `${e.name}: ${r.notifyType} ${t.type} ${t.name ?? t.username ?? t.id}`, why: r.notifyType === 'default' || r.notifyType === 'users' ? 'its target was not imported' : `Hotline levels page whoever is on call; "${r.notifyType}" has no equivalent` });
        return [];
      });
      const next = delays[i + 1] ?? d + (repeatCount > 0 ? Math.max(1, e.repeat?.waitInterval ?? 0) : 15);
      return { delay_minutes: Math.max(1, next - d), targets };
    });
    const repeat = Math.min(repeatCount, 9);
    if (repeat !== repeatCount) note(report.approximated, 'escalation', e.name, `repeats ${repeatCount} times in Opsgenie; Hotline repeats at most 9`);
    doc.escalation_policies.push({ id: pid, name: e.name, ...(repeat ? { repeat } : {}), levels });
    report.mapped.push({ kind: 'escalation', source: e.name, target: `escalation policy ${pid}` });
    count(report, 'escalation_policies');
  }

  // API integrations become services; Opsgenie's keys are UUIDs, so senders get Hotline's key.
  const svcSlug = slugger();
  for (const i of b.integrations.filter((x) => picked.services.has(x.id))) {
    if (i.type !== 'API') { report.notMapped.push({ kind: 'integration', source: `${i.name} (${i.type})`, why: 'only API integrations come across, as services' }); continue; }
    const id = svcSlug(i.name, i.id);
    const pol = b.escalations.find((e) => i.teamId && e.ownerTeam?.id === i.teamId);
    const policy = pol ? policyIds.get(pol.id) : undefined;
    doc.services.push({ id, name: i.name, ...(policy ? { escalation_policy: policy } : {}) });
    note(report.approximated, 'integration', i.name, `service ${id}${policy ? ` routed to ${policy} (its team's escalation)` : ''}; Opsgenie's API key cannot be kept: point senders' Opsgenie API URL at Hotline and use the service's integration key as their GenieKey (or send to /v2/enqueue)`);
    count(report, 'services');
  }

  for (const u of b.users.filter((x) => picked.users.has(x.id) && people.has(x.id))) {
    const rules = (b.notificationRules[u.id] ?? []).filter((r) => r.enabled !== false);
    if (rules.length) report.notMapped.push({ kind: 'notification_rules', source: people.get(u.id)!, why: `${rules.map((r) => r.name).join(', ')}: the workspace file sets rules per role; each person sets theirs in Hotline` });
  }
  return { doc, report, rendered };
}
