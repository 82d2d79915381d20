// TK-4: the helpdesk's field:value query language, parsed to an AST that search-compile.ts turns
// into SQL. Whitespace between clauses means AND; a leading "-" negates one clause.
import { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import {
  DEFAULT_TICKET_FORMS, TICKET_PRIORITIES, TICKET_STAGES, TICKET_STATUSES, normalizeTag,
  type TicketPriority, type TicketStage, type TicketStatus,
} from './ticket.ts';

export type CompareOp = ':' | '<' | '>' | '<=' | '>=';
export type DateField = 'created' | 'updated' | 'solved' | 'due';
export type PersonField = 'assignee' | 'requester' | 'organization';
export type PresenceField = 'assignee' | 'organization' | 'tags' | 'solved' | 'due';
export type OrderField = 'created_at' | 'updated_at' | 'priority' | 'status' | 'number';
export type SortDirection = 'asc' | 'desc';

/** `me` = the viewer (for organization: the viewer's organisation); `none` = no value. */
export type PersonRef = { kind: 'me' } | { kind: 'none' } | { kind: 'ref'; ref: string };
/** A resolved bound: `created>2hours` → { op: '>', at: now − 2 h }. */
export interface DateBound { op: '<' | '<=' | '>' | '>=' | '='; at: Temporal.Instant }

interface TermBase { negated: boolean; position: number }
export type SearchTerm = TermBase & (
  | { kind: 'status'; op: CompareOp; values: TicketStatus[] }
  | { kind: 'priority'; op: CompareOp; values: TicketPriority[] }
  | { kind: 'number'; op: CompareOp; value: number }
  | { kind: 'date'; field: DateField; bounds: DateBound[]; source: string }
  | { kind: 'form'; values: string[] }
  | { kind: 'stage'; values: TicketStage[] }
  /** One clause with several tags (`tags:a,b` or `tags:"a b"`) matches any of them; separate clauses all. */
  | { kind: 'tags'; anyOf: string[] }
  | { kind: 'person'; field: PersonField; values: PersonRef[] }
  /** `has:x` (negated=false) / `no:x` (negated=true). */
  | { kind: 'presence'; field: PresenceField }
  | { kind: 'emergency'; value: boolean }
  | { kind: 'subject'; text: string }
  /** Free text: a word or "quoted phrase"; a bare integer also matches that ticket number. */
  | { kind: 'text'; text: string; phrase: boolean; ticketNumber: number | null }
);

export interface SearchQuery {
  terms: SearchTerm[];
  orderBy: OrderField | null;
  sort: SortDirection | null;
  type: 'ticket';
}

export interface ParseOptions {
  /** Relative dates (`created>2hours`) resolve against this instant. */
  now: Temporal.Instant;
  /** Zone in which a plain date (`created>2026-11-01`) starts and ends. Default UTC. */
  timeZone?: string;
  forms?: readonly string[];
}

export const MAX_QUERY_LENGTH = 1000;

const FIELD_ALIASES: Record<string, string> = {
  created_at: 'created', updated_at: 'updated', solved_at: 'solved', due_at: 'due',
  organisation: 'organization', org: 'organization', tag: 'tags', ticket_form: 'form', id: 'number',
  order: 'order_by', sort_by: 'order_by', sort_order: 'sort',
};
const FIELDS = [
  'status', 'priority', 'number', 'created', 'updated', 'solved', 'due', 'form', 'stage', 'tags',
  'assignee', 'requester', 'organization', 'has', 'no', 'emergency', 'subject', 'type', 'order_by', 'sort',
] as const;
type Field = (typeof FIELDS)[number];
const ORDERED: readonly Field[] = ['priority', 'status', 'created', 'updated', 'solved', 'due', 'number'];
const STATUS_ALIASES: Record<string, TicketStatus> = { hold: 'on_hold', 'on-hold': 'on_hold', onhold: 'on_hold' };
const STAGE_ALIASES: Record<string, TicketStage> = { frt: 'first_reply', nrt: 'next_reply', 'first-reply': 'first_reply', 'next-reply': 'next_reply' };
const ORDER_FIELDS: Record<string, OrderField> = {
  created_at: 'created_at', created: 'created_at', updated_at: 'updated_at', updated: 'updated_at',
  priority: 'priority', status: 'status', number: 'number', id: 'number',
};
const PRESENCE: readonly PresenceField[] = ['assignee', 'organization', 'tags', 'solved', 'due'];
const UNITS: Record<string, 'minutes' | 'hours' | 'days' | 'weeks'> = {
  minute: 'minutes', minutes: 'minutes', min: 'minutes', mins: 'minutes',
  hour: 'hours', hours: 'hours', day: 'days', days: 'days', week: 'weeks', weeks: 'weeks',
};

interface Token { position: number; negated: boolean; key: string | null; keyRaw: string; op: CompareOp | null; opPosition: number; value: string; valuePosition: number; quoted: boolean }

function bad(code: string, message: string, position: number): never {
  throw invalid(`search.${code}`, message, { position });
}

/** Reads a "quoted phrase" starting at s[i] === '"'; returns text and index after the closing quote. */
function readQuoted(s: string, i: number): { text: string; end: number } {
  const close = s.indexOf('"', i + 1);
  if (close < 0) bad('unterminated_quote', `The quote at position ${i} is never closed; add a closing " or remove it.`, i);
  return { text: s.slice(i + 1, close), end: close + 1 };
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i])) { i++; continue; }
    const position = i;
    let negated = false;
    if (s[i] === '-') {
      negated = true;
      i++;
      if (i >= s.length || /\s/.test(s[i])) bad('dangling_negation', `"-" at position ${position} must be followed directly by a clause (e.g. -tags:spam or -"exact phrase").`, position);
    }
    if (s[i] === '"') {
      const q = readQuoted(s, i);
      tokens.push({ position, negated, key: null, keyRaw: '', op: null, opPosition: -1, value: q.text, valuePosition: i, quoted: true });
      i = q.end;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s:<>"]/.test(s[j])) j++;
    if (j < s.length && /[:<>]/.test(s[j])) {
      if (j === i) bad('missing_field', `"${s[j]}" at position ${j} needs a field name before it (e.g. status:open, created>2days).`, j);
      const keyRaw = s.slice(i, j);
      const opPosition = j;
      let op: CompareOp = s[j] as CompareOp;
      j++;
      if ((op === '<' || op === '>') && s[j] === '=') { op = `${op}=` as CompareOp; j++; }
      if (j < s.length && s[j] === '"') {
        const q = readQuoted(s, j);
        tokens.push({ position, negated, key: keyRaw.toLowerCase(), keyRaw, op, opPosition, value: q.text, valuePosition: j, quoted: true });
        i = q.end;
        continue;
      }
      let k = j;
      while (k < s.length && !/\s/.test(s[k])) k++;
      const value = s.slice(j, k);
      if (value === '') bad('missing_value', `"${keyRaw}${op}" at position ${position} needs a value right after "${op}" (no space), e.g. ${keyRaw}${op}${keyRaw === 'created' ? '2days' : 'open'}.`, j);
      if (/["<>]/.test(value[0])) bad('bad_token', `Unexpected "${value[0]}" at position ${j}; write one operator (:, <, >, <=, >=) between field and value.`, j);
      tokens.push({ position, negated, key: keyRaw.toLowerCase(), keyRaw, op, opPosition, value, valuePosition: j, quoted: false });
      i = k;
      continue;
    }
    if (j < s.length && s[j] === '"') bad('bad_token', `Unexpected " at position ${j}; put a space before a quoted phrase, or quote the whole phrase.`, j);
    tokens.push({ position, negated, key: null, keyRaw: '', op: null, opPosition: -1, value: s.slice(i, j), valuePosition: i, quoted: false });
    i = j;
  }
  return tokens;
}

/** `a,b` is a list; a quoted value is one value, except for tags where words are tags. */
function splitValues(t: Token, quotedIsList = false): string[] {
  const parts = t.quoted ? (quotedIsList ? t.value.split(/\s+/) : [t.value]) : t.value.split(',');
  const out = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (out.length === 0) bad('missing_value', `"${t.keyRaw}${t.op}" at position ${t.position} has an empty value.`, t.valuePosition);
  return out;
}

function enumValue<T extends string>(t: Token, raw: string, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  const v = raw.toLowerCase();
  const hit = aliases[v] ?? (allowed.includes(v.replace(/-/g, '_') as T) ? (v.replace(/-/g, '_') as T) : undefined);
  if (hit === undefined) bad('bad_value', `"${raw}" is not a valid ${t.keyRaw} at position ${t.valuePosition}; use one of: ${allowed.join(', ')}.`, t.valuePosition);
  return hit;
}

function singleForComparison(t: Token, values: string[]): void {
  if (t.op !== ':' && values.length > 1) bad('bad_value', `"${t.keyRaw}${t.op}" at position ${t.position} compares with one value only; use ${t.keyRaw}:a,b for a list.`, t.valuePosition);
}

// Instants both engines store and compare as four-digit-year ISO text (PostgreSQL has no year 0,
// and SQLite compares text); a bound outside is refused rather than sent to the database.
const EARLIEST = Temporal.Instant.from('0001-01-01T00:00:00Z');
const LATEST = Temporal.Instant.from('9999-12-31T23:59:59.999Z');

function outOfRange(t: Token): never {
  bad('date_out_of_range', `"${t.value}" at position ${t.valuePosition} is out of range; dates must fall between the years 0001 and 9999.`, t.valuePosition);
}

/** Resolves a bound, refusing (not throwing a RangeError for) anything past the supported years. */
function checkedInstant(t: Token, compute: () => Temporal.Instant): Temporal.Instant {
  let at: Temporal.Instant;
  try { at = compute(); } catch (e) { if (e instanceof RangeError) outOfRange(t); throw e; }
  if (Temporal.Instant.compare(at, EARLIEST) < 0 || Temporal.Instant.compare(at, LATEST) > 0) outOfRange(t);
  return at;
}

function parseDate(t: Token, field: DateField, opts: ParseOptions): SearchTerm {
  const raw = t.value.trim().toLowerCase();
  const op = t.op as CompareOp;
  const base = { negated: t.negated, position: t.position, kind: 'date' as const, field, source: t.value };
  const rel = /^(\d+)\s*([a-z]+)$/.exec(raw);
  if (rel && UNITS[rel[2]]) {
    // Relative: the value is the instant "amount ago"; created>2hours = created in the last 2 hours.
    const amount = Number(rel[1]);
    if (!Number.isSafeInteger(amount)) outOfRange(t);
    const at = checkedInstant(t, () => opts.now.toZonedDateTimeISO('UTC').subtract({ [UNITS[rel[2]]]: amount }).toInstant());
    const map: Record<CompareOp, DateBound['op']> = { ':': '>=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };
    return { ...base, bounds: [{ op: map[op], at }] };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    let day: Temporal.PlainDate;
    try { day = Temporal.PlainDate.from(raw, { overflow: 'reject' }); } catch { bad('bad_date', `"${t.value}" at position ${t.valuePosition} is not a real calendar date; use YYYY-MM-DD.`, t.valuePosition); }
    const zone = opts.timeZone ?? 'UTC';
    const start = checkedInstant(t, () => day.toZonedDateTime({ timeZone: zone }).toInstant());
    const end = checkedInstant(t, () => day.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).toInstant());
    // A plain date is the whole day: created>D = after that day, created<=D = up to its end.
    const bounds: Record<CompareOp, DateBound[]> = {
      ':': [{ op: '>=', at: start }, { op: '<', at: end }],
      '<': [{ op: '<', at: start }], '<=': [{ op: '<', at: end }],
      '>': [{ op: '>=', at: end }], '>=': [{ op: '>=', at: start }],
    };
    return { ...base, bounds: bounds[op] };
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(raw)) {
    let at: Temporal.Instant;
    try { at = Temporal.Instant.from(t.value.trim()); } catch { bad('bad_date', `"${t.value}" at position ${t.valuePosition} is not a valid instant; use ISO-8601 with a zone, e.g. 2026-11-01T09:30:00Z.`, t.valuePosition); }
    at = checkedInstant(t, () => at);
    const map: Record<CompareOp, DateBound['op']> = { ':': '=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };
    return { ...base, bounds: [{ op: map[op], at }] };
  }
  bad('bad_date', `"${t.value}" at position ${t.valuePosition} is not a date; use YYYY-MM-DD, an ISO instant (2026-11-01T09:30:00Z) or a relative time like 2hours, 3days (units: minutes, hours, days, weeks).`, t.valuePosition);
}

function parsePerson(t: Token, field: PersonField): SearchTerm {
  const values = splitValues(t).map((v): PersonRef => {
    const low = v.toLowerCase();
    if (low === 'me') return { kind: 'me' };
    if (low === 'none') return { kind: 'none' };
    return { kind: 'ref', ref: v };
  });
  return { kind: 'person', field, values, negated: t.negated, position: t.position };
}

function resolveField(t: Token): Field {
  const key = FIELD_ALIASES[t.key!] ?? t.key!;
  if (!(FIELDS as readonly string[]).includes(key)) {
    bad('unknown_field', `Unknown field "${t.keyRaw}" at position ${t.position}. Use one of: ${FIELDS.join(', ')}; to search the text itself, put it in quotes ("${t.keyRaw}${t.op}${t.value}").`, t.position);
  }
  return key as Field;
}

/** Parses a search query; throws invalid('search.<code>', …, { position }) on the first bad token. */
export function parseSearchQuery(input: string, opts: ParseOptions): SearchQuery {
  if (input.length > MAX_QUERY_LENGTH) bad('too_long', `The query is ${input.length} characters; shorten it to at most ${MAX_QUERY_LENGTH}.`, MAX_QUERY_LENGTH);
  // A control character cannot be typed into a search box, and PostgreSQL refuses a NUL in text.
  const control = input.search(/[\u0000-\u0008\u000e-\u001f\u007f]/);
  if (control >= 0) bad('bad_character', `The query has a control character (U+${input.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}) at position ${control}; remove it.`, control);
  const forms = opts.forms ?? DEFAULT_TICKET_FORMS;
  const query: SearchQuery = { terms: [], orderBy: null, sort: null, type: 'ticket' };
  for (const t of tokenize(input)) {
    const base = { negated: t.negated, position: t.position };
    if (t.key === null) {
      const text = t.value.replace(/\*+$/, '').trim();
      if (text === '') { if (t.quoted) continue; bad('bad_token', `"${t.value}" at position ${t.position} has no text to search for.`, t.position); }
      const ticketNumber = !t.quoted && /^\d{1,9}$/.test(text) ? Number(text) : null;
      query.terms.push({ ...base, kind: 'text', text, phrase: t.quoted, ticketNumber });
      continue;
    }
    const field = resolveField(t);
    const op = t.op!;
    if (op !== ':' && !ORDERED.includes(field)) {
      bad('bad_operator', `"${t.keyRaw}" at position ${t.position} cannot be compared with "${op}"; use "${t.keyRaw}:". Only ${ORDERED.join(', ')} accept <, >, <=, >=.`, t.opPosition);
    }
    if (t.negated && (field === 'order_by' || field === 'sort' || field === 'type')) {
      bad('bad_negation', `"-${t.keyRaw}" at position ${t.position} cannot be negated; remove the "-".`, t.position);
    }
    switch (field) {
      case 'status': case 'priority': {
        const raw = splitValues(t);
        singleForComparison(t, raw);
        if (field === 'status') query.terms.push({ ...base, kind: 'status', op, values: raw.map((v) => enumValue(t, v, TICKET_STATUSES, STATUS_ALIASES)) });
        else query.terms.push({ ...base, kind: 'priority', op, values: raw.map((v) => enumValue(t, v, TICKET_PRIORITIES)) });
        break;
      }
      case 'number': {
        const v = t.value.trim().replace(/^#/, '');
        if (!/^\d{1,9}$/.test(v)) bad('bad_value', `"${t.value}" at position ${t.valuePosition} is not a ticket number; use digits, e.g. number:1234.`, t.valuePosition);
        query.terms.push({ ...base, kind: 'number', op, value: Number(v) });
        break;
      }
      case 'created': case 'updated': case 'solved': case 'due':
        query.terms.push(parseDate(t, field, opts));
        break;
      case 'form':
        query.terms.push({ ...base, kind: 'form', values: splitValues(t).map((v) => enumValue(t, v, forms)) });
        break;
      case 'stage':
        query.terms.push({ ...base, kind: 'stage', values: splitValues(t).map((v) => enumValue(t, v, TICKET_STAGES, STAGE_ALIASES)) });
        break;
      case 'tags': {
        const anyOf = splitValues(t, true).map((v) => {
          try { return normalizeTag(v); } catch { bad('bad_value', `"${v}" at position ${t.valuePosition} is not a tag; tags are single words (a-z, 0-9, _ - : . /).`, t.valuePosition); }
        });
        query.terms.push({ ...base, kind: 'tags', anyOf });
        break;
      }
      case 'assignee': case 'requester': case 'organization':
        query.terms.push(parsePerson(t, field));
        break;
      case 'has': case 'no': {
        const f = t.value.toLowerCase().replace(/^organisation$/, 'organization');
        if (!(PRESENCE as readonly string[]).includes(f)) bad('bad_value', `"${field}:${t.value}" at position ${t.position}: use one of ${PRESENCE.map((p) => `${field}:${p}`).join(', ')}.`, t.valuePosition);
        query.terms.push({ kind: 'presence', field: f as PresenceField, negated: field === 'no' ? !t.negated : t.negated, position: t.position });
        break;
      }
      case 'emergency': {
        const v = t.value.toLowerCase();
        if (!['true', 'false', 'yes', 'no'].includes(v)) bad('bad_value', `"emergency:${t.value}" at position ${t.position}: use emergency:true or emergency:false.`, t.valuePosition);
        query.terms.push({ ...base, kind: 'emergency', value: v === 'true' || v === 'yes' });
        break;
      }
      case 'subject':
        query.terms.push({ ...base, kind: 'subject', text: t.value.replace(/\*+$/, '') });
        break;
      case 'type':
        if (t.value.toLowerCase() !== 'ticket') bad('bad_value', `"type:${t.value}" at position ${t.position}: only type:ticket can be searched here.`, t.valuePosition);
        break;
      case 'order_by': {
        const f = ORDER_FIELDS[t.value.toLowerCase()];
        if (!f) bad('bad_value', `"order_by:${t.value}" at position ${t.position}: use one of order_by:created_at, updated_at, priority, status, number.`, t.valuePosition);
        if (query.orderBy !== null) bad('duplicate_option', `order_by appears twice (second at position ${t.position}); keep one.`, t.position);
        query.orderBy = f;
        break;
      }
      case 'sort': {
        const d = t.value.toLowerCase();
        if (d !== 'asc' && d !== 'desc') bad('bad_value', `"sort:${t.value}" at position ${t.position}: use sort:asc or sort:desc.`, t.valuePosition);
        if (query.sort !== null) bad('duplicate_option', `sort appears twice (second at position ${t.position}); keep one.`, t.position);
        query.sort = d;
        break;
      }
    }
  }
  return query;
}

/** References the caller must resolve (e-mail or name → id) before compiling. */
export function personRefs(query: SearchQuery): { field: PersonField; ref: string }[] {
  const out: { field: PersonField; ref: string }[] = [];
  for (const t of query.terms) {
    if (t.kind !== 'person') continue;
    for (const v of t.values) if (v.kind === 'ref' && !out.some((o) => o.field === t.field && o.ref === v.ref)) out.push({ field: t.field, ref: v.ref });
  }
  return out;
}
