// RP-1: the reports by name, the filters every report takes, and the one shape every report answers
// in — a table (columns and rows) that the web app charts, the API serves as JSON or CSV, and the
// command line prints. Pure: parsing and formatting only.
import { invalid, notFound } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';

export const REPORTS = {
  'time-to-acknowledge': 'Time from a page being triggered to its acknowledgement (PG-1): median, p90, distribution',
  'time-to-first-reply': 'Time from a ticket being created to its first public reply by staff, tickets and emergencies apart',
  'sla-breaches': 'Tickets that breached a service-level target in the period (TK-7), newest first',
  'sla-breach-trend': 'SLA breaches per week (weeks start on Monday in the report\'s zone)',
  escalations: 'Support escalations filed (SM-1..SM-3): count and outcome',
  'escalation-labels': 'Labels given to escalations as they were resolved (SM-3)',
  'concurrency-shifts': 'Emergencies per 8-hour shift (00-08, 08-16, 16-24 in the zone): arrivals, arrivals while another was open, peak open at once',
  'concurrency-heatmap': 'Emergency arrivals per hour of the week in the zone, and those that arrived while another was open (WF-6)',
  'qualification-mix': 'How emergencies were qualified (WF-4): strict, exception, needs more info, not an emergency, downgraded later, not yet qualified',
  'engineer-load': 'Per engineer: pages received, emergencies owned, night pages (22:00-07:00 on the engineer\'s own clock)',
} as const;
export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

export const GROUPS = ['region', 'organisation', 'form'] as const;
export type GroupBy = (typeof GROUPS)[number];
/** Reports whose rows can be grouped by region, organisation or form. */
export const GROUPABLE: readonly ReportName[] = ['time-to-acknowledge', 'time-to-first-reply', 'escalations', 'qualification-mix'];

export interface ReportFilters {
  since: Temporal.Instant;
  until: Temporal.Instant;
  region?: string;
  /** organisation id, slug or name */
  organisation?: string;
  form?: string;
  group?: GroupBy;
  /** IANA zone for hours, shifts and weeks; default: the region's zone, else UTC */
  zone?: string;
}

export type Cell = string | number | null;
export interface ReportTable {
  report: ReportName;
  title: string;
  since: string;
  until: string;
  zone: string;
  filters: { region: string | null; organisation: string | null; form: string | null; group: GroupBy | null };
  columns: string[];
  rows: Cell[][];
  /** How a figure is defined, in a sentence (night hours, what counts as a reply …). */
  note: string;
}

export function reportName(name: string): ReportName {
  if (!(name in REPORTS)) throw notFound('report.unknown', `There is no report "${name}". Reports: ${REPORT_NAMES.join(', ')}.`, { report: name, reports: REPORT_NAMES });
  return name as ReportName;
}

/** A date (a whole day in UTC) or an instant; `end` makes a bare date mean the end of that day. */
export function parseWhen(value: string, field: 'since' | 'until'): Temporal.Instant {
  const v = value.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const d = Temporal.PlainDate.from(v);
      return (field === 'until' ? d.add({ days: 1 }) : d).toZonedDateTime('UTC').toInstant();
    }
    return Temporal.Instant.from(v);
  } catch {
    throw invalid('report.bad_date', `${field}: "${value}" is not a date or an instant; write 2026-11-01 or 2026-11-01T00:00:00Z.`, { field, value });
  }
}

export interface RawQuery { since?: string; until?: string; region?: string; organisation?: string; form?: string; group?: string; zone?: string }

/** The filters from a query (API or CLI); a period is required, up to 400 days, since before until. */
export function parseFilters(q: RawQuery, validZone: (z: string) => boolean): ReportFilters {
  if (!q.since || !q.until) throw invalid('report.period_required', 'Give the period: since and until (dates like 2026-11-01, or instants).', { since: q.since ?? null, until: q.until ?? null });
  const since = parseWhen(q.since, 'since');
  const until = parseWhen(q.until, 'until');
  if (Temporal.Instant.compare(since, until) >= 0) throw invalid('report.bad_period', `since (${q.since}) must be before until (${q.until}).`, { since: q.since, until: q.until });
  if (until.epochMilliseconds - since.epochMilliseconds > 400 * 86_400_000) throw invalid('report.period_too_long', 'A report covers at most 400 days; split the period.', { since: q.since, until: q.until });
  if (q.group !== undefined && q.group !== '' && !(GROUPS as readonly string[]).includes(q.group)) throw invalid('report.bad_group', `group is one of ${GROUPS.join(', ')}, not "${q.group}".`, { group: q.group });
  if (q.zone && !validZone(q.zone)) throw invalid('report.bad_zone', `zone: "${q.zone}" is not an IANA time zone (e.g. America/New_York).`, { zone: q.zone });
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  return { since, until, region: opt(q.region), organisation: opt(q.organisation), form: opt(q.form), group: (opt(q.group) as GroupBy | undefined), zone: opt(q.zone) };
}

const csvCell = (c: Cell): string => {
  if (c === null) return '';
  const s = String(c);
  // a leading = + - @ would run as a formula in a spreadsheet: quote it with a leading apostrophe
  const safe = typeof c === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV: a header line, then one line per row (CRLF). */
export function toCsv(t: Pick<ReportTable, 'columns' | 'rows'>): string {
  return [t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
