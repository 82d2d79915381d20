// TK-7: the `sla:` section of a workspace file — business-hours calendars and SLA policies —
// checked entry by entry so an error names its path (`sla.policies[0].targets.urgent.first_reply`),
// normalised so an export applies back unchanged, and turned into the SlaConfig the clocks use.
import { invalid } from '../kernel/errors.ts';
import { allowOnly, list, text, type Obj } from '../workspace/index.ts';
import { CALENDAR_24X7, DEMO_CALENDAR_24X5, validateCalendar, type BusinessCalendar, type TimeRange, type Weekday } from './business-hours.ts';
import { DEMO_SLA_POLICY, type SlaConfig, type SlaMetric, type SlaPolicy, type SlaTarget } from './sla.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './ticket.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
const METRICS: SlaMetric[] = ['first_reply', 'next_reply'];
const HOURS = ['calendar', 'business'] as const;
/** A year: longer targets are almost certainly a typo (minutes written as hours). */
const MAX_TARGET_MINUTES = 366 * 24 * 60;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The section as stored and exported: plain JSON, every default written out. */
export interface SlaSectionDoc {
  calendars: { id: string; name?: string; time_zone: string; hours: Partial<Record<Day, string[]>>; holidays: string[] }[];
  policies: {
    id: string; name: string; forms: string[] | null; calendar: string;
    targets: Partial<Record<TicketPriority, { first_reply?: string; next_reply?: string; hours: 'calendar' | 'business' }>>;
    emergency: { next_reply: string; hours: 'calendar' | 'business' } | null;
    pause: Record<SlaMetric, TicketStatus[]>;
    next_reply_armed_by: SlaPolicy['nextReplyArmedBy'];
  }[];
}

const fail = (code: string, path: string, message: string): never => { throw invalid(code, `${path}: ${message}`, { path }); };

function mapping(v: unknown, path: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail('workspace.bad_field', path, 'expected a mapping.');
  return v as Obj;
}

/** "30m", "4h", "1h30m" → minutes. */
export function parseDuration(v: unknown, path: string): number {
  const m = typeof v === 'string' ? /^\s*(?:(\d{1,6})\s*h)?\s*(?:(\d{1,6})\s*m)?\s*$/i.exec(v) : null;
  const minutes = m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
  if (!Number.isFinite(minutes)) fail('sla.bad_target', path, `${JSON.stringify(v)} is not a duration; write e.g. 30m, 4h or 1h30m.`);
  if (minutes <= 0 || minutes > MAX_TARGET_MINUTES) fail('sla.bad_target', path, `${v} is out of range; a target is more than 0 minutes and at most ${MAX_TARGET_MINUTES / 60}h.`);
  return minutes;
}

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ''}${m || !h ? `${m}m` : ''}`;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string, code = 'workspace.bad_field'): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(code, path, `${JSON.stringify(v)} is not one of ${allowed.join(', ')}.`);
  return v as T;
}

function textList(o: Obj, key: string, path: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail('workspace.bad_field', `${path}.${key}`, 'expected a list.');
  return (v as unknown[]).map((x, i) => (typeof x === 'string' ? x : fail('workspace.bad_field', `${path}.${key}[${i}]`, 'expected text.')));
}

function parseCalendar(o: Obj, path: string): SlaSectionDoc['calendars'][number] {
  allowOnly(o, path, ['id', 'name', 'time_zone', 'hours', 'holidays']);
  const id = text(o, 'id', path, { required: true })!;
  if (!ID.test(id)) fail('workspace.bad_field', `${path}.id`, `"${id}" must be letters, digits, "_", "-" or "." (at most 64).`);
  const name = text(o, 'name', path);
  const timeZone = text(o, 'time_zone', path, { required: true })!;
  const hoursObj = mapping(o.hours, `${path}.hours`);
  const hours: Partial<Record<Day, string[]>> = {};
  for (const [day, v] of Object.entries(hoursObj)) {
    const p = `${path}.hours.${day}`;
    if (!DAYS.includes(day.toLowerCase() as Day)) fail('sla.bad_calendar', p, `"${day}" is not a weekday; use ${DAYS.join(', ')}.`);
    const ranges = v === null ? [] : Array.isArray(v) ? v : [v];
    hours[day.toLowerCase() as Day] = ranges.map((r, i) => {
      const m = typeof r === 'string' ? /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(r) : null;
      if (!m) fail('sla.bad_calendar', Array.isArray(v) ? `${p}[${i}]` : p, `${JSON.stringify(r)} is not a time range; write e.g. 09:00-17:00 (00:00-24:00 for the whole day).`);
      return `${m![1]}-${m![2]}`;
    });
  }
  const holidays = textList(o, 'holidays', path);
  const doc = { id, ...(name ? { name } : {}), time_zone: timeZone, hours, holidays };
  try {
    validateCalendar(calendarOf(doc));
  } catch (e: any) {
    fail(e?.code ?? 'sla.bad_calendar', path, String(e?.message ?? e));
  }
  return doc;
}

function calendarOf(c: SlaSectionDoc['calendars'][number]): BusinessCalendar {
  const weekly: Partial<Record<Weekday, TimeRange[]>> = {};
  for (const [day, ranges] of Object.entries(c.hours)) {
    weekly[(DAYS.indexOf(day as Day) + 1) as Weekday] = ranges!.map((r) => { const [start, end] = r.split('-'); return { start, end }; });
  }
  return { id: c.id, ...(c.name ? { name: c.name } : {}), timeZone: c.time_zone, weekly, holidays: c.holidays };
}

function parseHours(o: Obj, path: string, fallback: 'calendar' | 'business'): 'calendar' | 'business' {
  return o.hours === undefined || o.hours === null ? fallback : oneOf(o.hours, HOURS, `${path}.hours`, 'sla.bad_target');
}

function parsePolicy(o: Obj, path: string, forms: readonly string[], calendarIds: Set<string>): SlaSectionDoc['policies'][number] {
  allowOnly(o, path, ['id', 'name', 'forms', 'calendar', 'targets', 'emergency', 'pause', 'next_reply_armed_by']);
  const id = text(o, 'id', path, { required: true })!;
  if (!ID.test(id)) fail('workspace.bad_field', `${path}.id`, `"${id}" must be letters, digits, "_", "-" or "." (at most 64).`);
  let policyForms: string[] | null = null;
  if (o.forms !== undefined && o.forms !== null && o.forms !== 'all') {
    policyForms = textList(o, 'forms', path);
    policyForms.forEach((f, i) => { if (!forms.includes(f)) fail('ticket.bad_form', `${path}.forms[${i}]`, `"${f}" is not a ticket form; forms are ${forms.join(', ')}.`); });
    if (policyForms.length === 0) fail('sla.bad_policy', `${path}.forms`, 'an empty list matches no ticket; leave it out (or write "all") to cover every form.');
  }
  const targetsObj = o.targets === undefined || o.targets === null ? {} : mapping(o.targets, `${path}.targets`);
  const targets: SlaSectionDoc['policies'][number]['targets'] = {};
  let business = false;
  for (const [priority, v] of Object.entries(targetsObj)) {
    const p = `${path}.targets.${priority}`;
    if (!TICKET_PRIORITIES.includes(priority as TicketPriority)) fail('sla.bad_target', p, `"${priority}" is not a priority; use ${TICKET_PRIORITIES.join(', ')}.`);
    const t = mapping(v, p);
    allowOnly(t, p, ['first_reply', 'next_reply', 'hours']);
    const entry: { first_reply?: string; next_reply?: string; hours: 'calendar' | 'business' } = { hours: parseHours(t, p, 'business') };
    for (const metric of METRICS) if (t[metric] !== undefined && t[metric] !== null) entry[metric] = formatDuration(parseDuration(t[metric], `${p}.${metric}`));
    if (!entry.first_reply && !entry.next_reply) fail('sla.bad_target', p, 'give first_reply, next_reply or both (e.g. first_reply: 4h).');
    business ||= entry.hours === 'business';
    targets[priority as TicketPriority] = entry;
  }
  let emergency: SlaSectionDoc['policies'][number]['emergency'] = null;
  if (o.emergency !== undefined && o.emergency !== null) {
    const e = mapping(o.emergency, `${path}.emergency`);
    allowOnly(e, `${path}.emergency`, ['next_reply', 'hours']);
    emergency = { next_reply: formatDuration(parseDuration(e.next_reply, `${path}.emergency.next_reply`)), hours: parseHours(e, `${path}.emergency`, 'calendar') };
    business ||= emergency.hours === 'business';
  }
  const calendar = text(o, 'calendar', path) ?? (business ? fail('sla.unknown_calendar', `${path}.calendar`, 'business-hours targets need a calendar; name one of sla.calendars (or 24x7).') : CALENDAR_24X7.id);
  if (!calendarIds.has(calendar)) fail('sla.unknown_calendar', `${path}.calendar`, `"${calendar}" is not a calendar; define it under sla.calendars or use one of ${[...calendarIds].join(', ')}.`);
  const pauseObj = o.pause === undefined || o.pause === null ? {} : mapping(o.pause, `${path}.pause`);
  allowOnly(pauseObj, `${path}.pause`, METRICS);
  const open = TICKET_STATUSES.filter((s) => s !== 'solved' && s !== 'closed');
  const pause = {} as Record<SlaMetric, TicketStatus[]>;
  for (const metric of METRICS) {
    const given = o.pause === undefined || o.pause === null ? DEMO_SLA_POLICY.pauseOn[metric] : textList(pauseObj, metric, `${path}.pause`);
    pause[metric] = given.map((s, i) => oneOf(s, open, `${path}.pause.${metric}[${i}]`, 'sla.bad_policy'));
  }
  const armedBy = o.next_reply_armed_by === undefined || o.next_reply_armed_by === null
    ? DEMO_SLA_POLICY.nextReplyArmedBy
    : oneOf(o.next_reply_armed_by, ['agent_reply', 'customer_reply'] as const, `${path}.next_reply_armed_by`, 'sla.bad_policy');
  return { id, name: text(o, 'name', path) ?? id, forms: policyForms, calendar, targets, emergency, pause, next_reply_armed_by: armedBy };
}

/** Checks a raw `sla:` section against the workspace's forms; returns its normalised form. */
export function parseSlaSection(raw: unknown, forms: readonly string[]): SlaSectionDoc {
  const o = mapping(raw, 'sla');
  allowOnly(o, 'sla', ['calendars', 'policies']);
  const calendars = list(o, 'calendars').map((c, i) => parseCalendar(c, `sla.calendars[${i}]`));
  calendars.forEach((c, i) => { if (calendars.findIndex((x) => x.id === c.id) !== i) fail('sla.bad_calendar', `sla.calendars[${i}].id`, `"${c.id}" is used twice.`); });
  const calendarIds = new Set([CALENDAR_24X7.id, ...calendars.map((c) => c.id)]);
  const rawPolicies = list(o, 'policies');
  if (rawPolicies.length === 0) fail('sla.bad_policy', 'sla.policies', 'give at least one policy (leave the sla section out to keep the built-in policy).');
  const policies = rawPolicies.map((p, i) => parsePolicy(p, `sla.policies[${i}]`, forms, calendarIds));
  policies.forEach((p, i) => { if (policies.findIndex((x) => x.id === p.id) !== i) fail('sla.bad_policy', `sla.policies[${i}].id`, `"${p.id}" is used twice.`); });
  return { calendars, policies };
}

const targetOf = (duration: string | undefined, hours: 'calendar' | 'business'): SlaTarget | undefined =>
  duration === undefined ? undefined : { minutes: parseDuration(duration, 'sla'), hours };

/** The clocks' view of a (checked) section. The 24x7 calendar is always there unless redefined. */
export function slaConfigOf(doc: SlaSectionDoc): SlaConfig {
  const calendars = doc.calendars.map(calendarOf);
  if (!calendars.some((c) => c.id === CALENDAR_24X7.id)) calendars.push(CALENDAR_24X7);
  const policies: SlaPolicy[] = doc.policies.map((p) => {
    const by = (metric: SlaMetric) => Object.fromEntries(Object.entries(p.targets).flatMap(([prio, t]) => {
      const target = targetOf(t![metric], t!.hours);
      return target ? [[prio, target]] : [];
    })) as Partial<Record<TicketPriority, SlaTarget>>;
    return {
      id: p.id, name: p.name, forms: p.forms, calendarId: p.calendar, firstReply: by('first_reply'), nextReply: by('next_reply'),
      emergencyNextReply: p.emergency ? targetOf(p.emergency.next_reply, p.emergency.hours)! : null,
      pauseOn: p.pause, nextReplyArmedBy: p.next_reply_armed_by,
    };
  });
  return { policies, calendars };
}

/** The built-in demo policy written as a section (what examples/demo.yaml spells out). */
export function demoSlaSection(): SlaSectionDoc {
  const day = ['00:00-24:00'];
  return {
    calendars: [{ id: DEMO_CALENDAR_24X5.id, name: DEMO_CALENDAR_24X5.name, time_zone: DEMO_CALENDAR_24X5.timeZone, hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [] }],
    policies: [{
      id: DEMO_SLA_POLICY.id, name: DEMO_SLA_POLICY.name, forms: null, calendar: DEMO_SLA_POLICY.calendarId,
      targets: {
        urgent: { first_reply: '30m', next_reply: '30m', hours: 'calendar' },
        high: { first_reply: '4h', next_reply: '4h', hours: 'business' },
        normal: { first_reply: '8h', next_reply: '8h', hours: 'business' },
        low: { first_reply: '24h', next_reply: '24h', hours: 'business' },
      },
      emergency: { next_reply: '30m', hours: 'calendar' },
      pause: { first_reply: [...DEMO_SLA_POLICY.pauseOn.first_reply], next_reply: [...DEMO_SLA_POLICY.pauseOn.next_reply] },
      next_reply_armed_by: DEMO_SLA_POLICY.nextReplyArmedBy,
    }],
  };
}
