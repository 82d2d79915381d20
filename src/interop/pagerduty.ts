// PagerDuty REST API v2 objects → a Hotline workspace. Facts of the source shapes: schedule layers
// come newest first (the first layer of the list wins where it has someone), each layer counts turns
// of `rotation_turn_length_seconds` from `rotation_virtual_start` in the schedule's zone, restrictions
// are daily or weekly windows in that zone, an override puts one person on call instead of whoever
// is on, and `final_schedule.rendered_schedule_entries` is what PagerDuty itself computed.
import { Temporal } from '../kernel/time.ts';
import { count, emptyDoc, emptyReport, slugger, type ImportResult, type Plain, type RenderedSchedule } from './document.ts';
import { mapPeople, type VendorPerson } from './people.ts';
import { pickByFilters, type Filters } from './filters.ts';
import { clockText, handoff, hasEmptyTurns, hhmm, localText, minutesOf, note, rotate, turnAt, weeklyPieces } from './wall-clock.ts';
import { overridePieces } from './overrides.ts';

type Ref = { id: string; type?: string; summary?: string };
export interface PdUser { id: string; name: string; email: string; time_zone?: string; role?: string; contact_methods?: { id?: string; type: string; address: string; country_code?: number }[]; notification_rules?: { id?: string; start_delay_in_minutes: number; urgency?: string; contact_method: { id?: string; type: string } }[]; teams?: Ref[] }
export interface PdTeam { id: string; name: string; description?: string | null }
export interface PdRestriction { type: 'daily_restriction' | 'weekly_restriction'; start_time_of_day: string; duration_seconds: number; start_day_of_week?: number }
export interface PdLayer { id?: string; name?: string; start: string; end?: string | null; rotation_virtual_start: string; rotation_turn_length_seconds: number; users: { user: Ref }[]; restrictions?: PdRestriction[] }
export interface PdSchedule { id: string; name: string; time_zone: string; description?: string | null; schedule_layers: PdLayer[]; teams?: Ref[]; final_schedule?: { rendered_schedule_entries?: { start: string; end: string; user?: Ref | null }[] } }
export interface PdOverride { id: string; start: string; end: string; user: Ref }
export interface PdPolicy { id: string; name: string; num_loops?: number; escalation_rules: { id?: string; escalation_delay_in_minutes: number; escalation_rule_assignment_strategy?: { type?: string } | string; targets: Ref[] }[]; teams?: Ref[] }
export interface PdService { id: string; name: string; description?: string | null; status?: string; escalation_policy: Ref; integrations?: { id: string; type: string; name?: string; summary?: string; integration_key?: string }[]; teams?: Ref[] }

export interface PdBundle {
  users: PdUser[];
  teams: PdTeam[];
  teamMembers: Record<string, { user: Ref; role?: string }[]>;
  schedules: PdSchedule[];
  overrides: Record<string, PdOverride[]>;
  escalation_policies: PdPolicy[];
  services: PdService[];
}

export interface MapOptions {
  asOf: Temporal.Instant;
  until: Temporal.Instant;
  existingPeople: readonly string[];
  filters: Filters;
}

const CONTACT: Record<string, 'email' | 'sms' | 'voice' | undefined> = { email_contact_method: 'email', sms_contact_method: 'sms', phone_contact_method: 'voice' };

function person(u: PdUser): VendorPerson {
  return {
    id: u.id,
    name: u.name,
    email: u.email ?? null,
    timeZone: u.time_zone ?? null,
    role: u.role === 'owner' || u.role === 'admin' ? 'admin' : 'engineer',
    contacts: (u.contact_methods ?? []).map((c) => {
      const kind = CONTACT[c.type] ?? c.type.replace(/_contact_method$/, '');
      const address = (kind === 'sms' || kind === 'voice') && c.country_code ? `+${c.country_code}${c.address.replace(/\D/g, '')}` : c.address;
      return { kind, address };
    }),
  };
}

export function mapPagerDuty(b: PdBundle, o: MapOptions): ImportResult {
  const doc = emptyDoc();
  const report = emptyReport('pagerduty', o.asOf.toString());
  const picked = pickByFilters(
    {
      schedules: b.schedules.map((s) => ({ id: s.id, name: s.name, teams: (s.teams ?? []).map((t) => t.id), users: [...s.schedule_layers.flatMap((l) => l.users.map((u) => u.user.id)), ...(b.overrides[s.id] ?? []).map((x) => x.user.id)] })),
      policies: b.escalation_policies.map((p) => ({ id: p.id, name: p.name, teams: (p.teams ?? []).map((t) => t.id), users: p.escalation_rules.flatMap((r) => r.targets.filter((t) => t.type?.startsWith('user')).map((t) => t.id)), schedules: p.escalation_rules.flatMap((r) => r.targets.filter((t) => t.type?.startsWith('schedule')).map((t) => t.id)) })),
      services: b.services.map((s) => ({ id: s.id, name: s.name, teams: (s.teams ?? []).map((t) => t.id), policy: s.escalation_policy?.id ?? null })),
      teams: b.teams.map((t) => ({ id: t.id, name: t.name, members: (b.teamMembers[t.id] ?? []).map((m) => m.user.id) })),
      users: b.users.map((u) => ({ id: u.id, email: u.email })),
    },
    o.filters,
  );
  const people = mapPeople(b.users.filter((u) => picked.users.has(u.id)).map(person), o.existingPeople, doc, report);
  const who = (id: string) => people.get(id);

  // Teams: members that came across; a handle from the name.
  const teamSlug = slugger();
  for (const t of b.teams.filter((t) => picked.teams.has(t.id))) {
    const handle = `@${teamSlug(t.name, t.id)}`;
    doc.teams.push({ handle, name: t.name, kind: 'team', members: (b.teamMembers[t.id] ?? []).map((m) => who(m.user.id)).filter((e): e is string => !!e) });
    report.mapped.push({ kind: 'team', source: t.name, target: handle });
    count(report, 'teams');
  }

  // Schedules: each layer becomes an editable rotation; layers stack bottom first in Hotline.
  const schedSlug = slugger();
  const scheduleIds = new Map<string, string>();
  const rendered: RenderedSchedule[] = [];
  for (const s of b.schedules.filter((x) => picked.schedules.has(x.id))) {
    const sid = schedSlug(s.name, s.id);
    scheduleIds.set(s.id, sid);
    const layers: Plain[] = [];
    const ordered = [...s.schedule_layers].reverse();
    ordered.forEach((l, i) => {
      const lname = l.name ?? `Layer ${i + 1}`;
      const src = `${s.name} / ${lname}`;
      if (l.end && Temporal.Instant.from(l.end).epochMilliseconds <= o.asOf.epochMilliseconds) {
        report.notMapped.push({ kind: 'schedule_layer', source: src, why: `ended ${l.end}; only current and future layers come across` });
        return;
      }
      let rhythm = handoff(l.rotation_turn_length_seconds);
      if (!rhythm) {
        rhythm = { every: Math.max(1, Math.round(l.rotation_turn_length_seconds / 3600)), unit: 'hours' };
        note(report.approximated, 'schedule_layer', src, `turn of ${l.rotation_turn_length_seconds} s rounded to ${rhythm.every} h (Hotline hands off on whole hours)`);
      }
      const members = l.users.map((u) => who(u.user.id));
      const missing = l.users.filter((u, k) => !members[k]).map((u) => u.user.summary ?? u.user.id);
      if (missing.length) note(report.approximated, 'schedule_layer', src, `left out ${missing.join(', ')} (not imported), so later turns shift`);
      const start = Temporal.Instant.from(l.start);
      const t = turnAt(Temporal.Instant.from(l.rotation_virtual_start), start, s.time_zone, rhythm);
      if (!t.start.equals(start) && t.start.epochMilliseconds < start.epochMilliseconds && start.epochMilliseconds > o.asOf.epochMilliseconds) {
        note(report.approximated, 'schedule_layer', src, `starts mid-turn at ${l.start}; the Hotline rotation starts at that turn's beginning, ${t.start}`);
      }
      const restrictions = (l.restrictions ?? []).flatMap((r): (string | Plain)[] => {
        const from = clockText(r.start_time_of_day);
        const mins = Math.round(r.duration_seconds / 60);
        if (r.type === 'daily_restriction') return [mins >= 1440 ? '00:00-00:00' : `${from}-${hhmm(minutesOf(from) + mins)}`];
        return weeklyPieces(r.start_day_of_week ?? 1, minutesOf(from), Math.min(mins, 7 * 1440));
      });
      const windows = (l.restrictions ?? []).flatMap((r): [number, number, number][] => {
        const m = minutesOf(clockText(r.start_time_of_day));
        const len = Math.round(r.duration_seconds / 60);
        return r.type === 'daily_restriction' ? [1, 2, 3, 4, 5, 6, 7].map((d): [number, number, number] => [d, m, len]) : [[r.start_day_of_week ?? 1, m, len]];
      });
      const vsLocal = Temporal.Instant.from(l.rotation_virtual_start).toZonedDateTimeISO(s.time_zone);
      if (hasEmptyTurns((vsLocal.dayOfWeek - 1) * 1440 + vsLocal.hour * 60 + vsLocal.minute, l.rotation_turn_length_seconds / 60, windows)) {
        note(report.approximated, 'schedule_layer', src, 'some turns fall wholly outside the restrictions: PagerDuty still counts them, a Hotline rotation skips them, so who is next can differ (see the schedule proof)');
      }
      const rid = `${sid}-${(l.id ?? `layer-${i + 1}`).toLowerCase()}`;
      doc.rotations.push({
        id: rid,
        name: `${s.name} — ${lname}`,
        time_zone: s.time_zone,
        start: localText(t.start, s.time_zone),
        ...(l.end ? { end: Temporal.Instant.from(l.end).toString() } : {}),
        handoff: rhythm,
        ...(restrictions.length ? { restrictions } : {}),
        members: rotate(members.filter((m): m is string => !!m), t.turn),
      });
      layers.push({ id: (l.id ?? `layer-${i + 1}`).toLowerCase(), name: lname, rotation: rid });
      report.mapped.push({ kind: 'schedule_layer', source: src, target: `rotation ${rid}` });
      count(report, 'rotations');
    });
    if (layers.length === 0) {
      report.notMapped.push({ kind: 'schedule', source: s.name, why: 'no current or future layer' });
      scheduleIds.delete(s.id);
      continue;
    }
    doc.schedules.push({ id: sid, name: s.name, time_zone: s.time_zone, layers });
    report.mapped.push({ kind: 'schedule', source: s.name, target: `schedule ${sid}` });
    count(report, 'schedules');
    const future = (b.overrides[s.id] ?? []).filter((x) => Temporal.Instant.from(x.end).epochMilliseconds > o.asOf.epochMilliseconds);
    for (const x of future) {
      const user = who(x.user.id);
      if (!user) { report.notMapped.push({ kind: 'override', source: `${s.name} ${x.start}–${x.end}`, why: `${x.user.summary ?? x.user.id} was not imported` }); continue; }
      doc.schedule_overrides.push(...overridePieces(doc, sid, x.id, Temporal.Instant.from(x.start), Temporal.Instant.from(x.end), user));
      count(report, 'overrides');
    }
    const entries = (s.final_schedule?.rendered_schedule_entries ?? []).map((e) => ({ start: e.start, end: e.end, user: e.user ? who(e.user.id) ?? `(not imported) ${e.user.summary ?? e.user.id}` : '' })).filter((e) => e.user);
    rendered.push({ scheduleId: sid, source: s.name, from: o.asOf.toString(), to: o.until.toString(), entries });
  }

  // Escalation policies: rules → levels; targets that did not come across are reported.
  const polSlug = slugger();
  const policyIds = new Map<string, string>();
  for (const p of b.escalation_policies.filter((x) => picked.policies.has(x.id))) {
    const pid = polSlug(p.name, p.id);
    policyIds.set(p.id, pid);
    const levels = p.escalation_rules.map((r, i) => {
      const targets = r.targets.flatMap((t): Plain[] => {
        if (t.type?.startsWith('user')) { const u = who(t.id); if (u) return [{ user: u }]; }
        if (t.type?.startsWith('schedule')) { const sid = scheduleIds.get(t.id); if (sid) return [{ schedule: sid }]; }
        report.notMapped.push({ kind: 'escalation_target', source: `${p.name} rule ${i + 1}: ${t.type} ${t.summary ?? t.id}`, why: 'its user or schedule was not imported' });
        return [];
      });
      const strategy = typeof r.escalation_rule_assignment_strategy === 'string' ? r.escalation_rule_assignment_strategy : r.escalation_rule_assignment_strategy?.type;
      const delay = Math.max(1, r.escalation_delay_in_minutes);
      if (delay !== r.escalation_delay_in_minutes) note(report.approximated, 'escalation_rule', `${p.name} rule ${i + 1}`, `delay ${r.escalation_delay_in_minutes} min raised to 1 min`);
      return { delay_minutes: delay, targets, ...(strategy === 'round_robin' ? { round_robin: true } : {}) };
    });
    const loops = p.num_loops ?? 0;
    const repeat = Math.min(loops, 9);
    if (repeat !== loops) note(report.approximated, 'escalation_policy', p.name, `repeats ${loops} times in PagerDuty; Hotline repeats at most 9`);
    doc.escalation_policies.push({ id: pid, name: p.name, ...(repeat ? { repeat } : {}), levels });
    report.mapped.push({ kind: 'escalation_policy', source: p.name, target: `escalation policy ${pid}` });
    count(report, 'escalation_policies');
  }

  // Services keep their Events API v2 integration key, so senders need no change.
  const svcSlug = slugger();
  for (const s of b.services.filter((x) => picked.services.has(x.id))) {
    const id = svcSlug(s.name, s.id);
    const keys = (s.integrations ?? []).filter((i) => i.type === 'events_api_v2_inbound_integration' && i.integration_key);
    for (const i of (s.integrations ?? []).filter((i) => !keys.includes(i))) report.notMapped.push({ kind: 'integration', source: `${s.name}: ${i.summary ?? i.name ?? i.type}`, why: `only Events API v2 integrations come across (this one is ${i.type})` });
    for (const i of keys.slice(1)) report.notMapped.push({ kind: 'integration', source: `${s.name}: ${i.summary ?? i.name ?? i.id}`, why: 'a Hotline service has one integration key; the first Events API v2 key was kept' });
    const policy = policyIds.get(s.escalation_policy?.id);
    doc.services.push({ id, name: s.name, ...(s.description ? { description: s.description } : {}), ...(policy ? { escalation_policy: policy } : {}), ...(keys[0] ? { integration_key: keys[0].integration_key } : {}) });
    report.mapped.push({ kind: 'service', source: s.name, target: `service ${id}${keys[0] ? ' (integration key kept)' : ''}` });
    count(report, 'services');
  }

  // Personal notification rules: the workspace file holds rules per role only.
  for (const u of b.users.filter((x) => picked.users.has(x.id) && people.has(x.id))) {
    const rules = u.notification_rules ?? [];
    if (rules.length) report.notMapped.push({ kind: 'notification_rules', source: people.get(u.id)!, why: `${rules.map((r) => `${CONTACT[r.contact_method.type] ?? r.contact_method.type} at ${r.start_delay_in_minutes} min${r.urgency ? ` (${r.urgency})` : ''}`).join(', ')}: the workspace file sets rules per role; each person sets theirs in Hotline` });
  }
  return { doc, report, rendered };
}
