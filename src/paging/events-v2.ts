// PG-8: an intake compatible with the PagerDuty Events API v2 (POST /v2/enqueue), so existing
// monitoring — Prometheus Alertmanager's pagerduty_config among others — can page Hotline.
// Pure: validation, normalisation and the dedup decision; the route reads the body and the store.
import { Temporal } from '../kernel/time.ts';
import type { PageUrgency } from './page.ts';

export type EventAction = 'trigger' | 'acknowledge' | 'resolve';
export type EventSeverity = 'critical' | 'error' | 'warning' | 'info';

export interface EventsV2Limits {
  routingKeyLength: number;
  dedupKeyMaxLength: number;
  /** Counted in code points: Alertmanager truncates its summary to 1024 runes. */
  summaryMaxLength: number;
  /** Checked by the route against the raw body size before parsing. */
  maxBodyBytes: number;
  /** Advice for the rate limiter in front of the route (per routing key, 60 s window). */
  requestsPerMinute: number;
}

// Values from the Events API v2 documentation. 512 KB is read as 524,288 bytes, which also admits
// Alertmanager's own 512,000-byte cut-off.
export const DEFAULT_EVENTS_V2_LIMITS: EventsV2Limits = {
  routingKeyLength: 32,
  dedupKeyMaxLength: 255,
  summaryMaxLength: 1024,
  maxBodyBytes: 512 * 1024,
  requestsPerMinute: 120,
};

const ACTIONS: readonly EventAction[] = ['trigger', 'acknowledge', 'resolve'];
const SEVERITIES: readonly EventSeverity[] = ['critical', 'error', 'warning', 'info'];

export interface EventPayload {
  summary: string;
  source: string;
  severity: EventSeverity;
  timestamp: Temporal.Instant | null;
  component: string | null;
  group: string | null;
  class: string | null;
  customDetails: Record<string, unknown> | null;
}

export interface NormalisedEvent {
  routingKey: string;
  action: EventAction;
  /** null when a trigger came without one: decideEvent assigns the generated key. */
  dedupKey: string | null;
  /** Always present for trigger; for acknowledge/resolve only when the sender included a valid one. */
  payload: EventPayload | null;
  client: string | null;
  clientUrl: string | null;
  links: Array<{ href: string; text: string | null }>;
  images: Array<{ src: string; href: string | null; alt: string | null }>;
  /** Things accepted but adjusted (dropped image, unreadable timestamp…), for the page timeline. */
  warnings: string[];
}

export interface EventsV2ErrorBody {
  status: string;
  message: string;
  errors: string[];
}
export interface EventsV2SuccessBody {
  status: 'success';
  message: 'Event processed';
  dedup_key: string;
}

export type EventValidation = { ok: true; event: NormalisedEvent } | { ok: false; httpStatus: 400; body: EventsV2ErrorBody };

/** The documented 400 body for a well-formed JSON object that is not a valid event. */
export function invalidEventBody(errors: string[]): EventsV2ErrorBody {
  return { status: 'invalid event', message: 'Event object is invalid', errors };
}

/** The documented error body for a body that is not a JSON object at all. */
export function unrecognizedBody(error = 'JSON parse error'): EventsV2ErrorBody {
  return { status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: [error] };
}

export function successBody(dedupKey: string): EventsV2SuccessBody {
  return { status: 'success', message: 'Event processed', dedup_key: dedupKey };
}

// The docs give the 429 status code but no body; this one keeps the error shape clients parse.
export function rateLimitedBody(): EventsV2ErrorBody {
  return { status: 'throttle event', message: 'Requests for this routing key are arriving too quickly; retry later.', errors: ['Request Limit Exceeded'] };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const codePoints = (s: string) => [...s].length;

export function validateEventV2(body: unknown, limits: EventsV2Limits = DEFAULT_EVENTS_V2_LIMITS): EventValidation {
  if (!isObj(body)) return { ok: false, httpStatus: 400, body: unrecognizedBody('Event must be a JSON object') };
  const errors: string[] = [];
  const warnings: string[] = [];

  const routingKey = body.routing_key;
  if (routingKey !== undefined && routingKey !== null && typeof routingKey !== 'string') {
    errors.push('routing_key must be a string');
  } else if (typeof routingKey !== 'string' || routingKey === '') {
    errors.push(
      'service_key' in body || 'event_type' in body
        ? 'routing_key is missing; this looks like an Events API v1 body (service_key/event_type) — send the v2 format'
        : 'routing_key is missing',
    );
  } else if (routingKey.length !== limits.routingKeyLength) {
    errors.push(`routing_key is the wrong length (should be ${limits.routingKeyLength} characters)`);
  }

  const action = body.event_action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    errors.push('event_action must be one of trigger, acknowledge, resolve');
  }

  const before = errors.length;
  let dedupKey = optionalString(body.dedup_key, 'dedup_key', errors);
  if (dedupKey !== null && dedupKey.length > limits.dedupKeyMaxLength) {
    errors.push(`dedup_key is too long (maximum is ${limits.dedupKeyMaxLength} characters)`);
    dedupKey = null;
  }
  if ((action === 'acknowledge' || action === 'resolve') && dedupKey === null && errors.length === before) {
    errors.push(`dedup_key is required for ${action} events`);
  }

  let payload: EventPayload | null = null;
  if (action === 'trigger') {
    if (!isObj(body.payload)) errors.push('payload is required for trigger events');
    else payload = readPayload(body.payload, limits, errors, warnings);
  } else if (isObj(body.payload)) {
    // Alertmanager sends the full payload with resolves; keep it when it is sound, never fail on it.
    const scratch: string[] = [];
    const p = readPayload(body.payload, limits, scratch, []);
    payload = scratch.length === 0 ? p : null;
  }

  const client = optionalString(body.client, 'client', errors);
  const clientUrl = optionalString(body.client_url, 'client_url', errors);
  const links = readLinks(readList(body.links, 'links', errors), errors);
  const images = readImages(readList(body.images, 'images', errors), errors, warnings);

  if (errors.length > 0) return { ok: false, httpStatus: 400, body: invalidEventBody(errors) };
  return {
    ok: true,
    event: {
      routingKey: routingKey as string,
      action: action as EventAction,
      dedupKey,
      payload,
      // client and client_url only mean something on triggers (Alertmanager sends them on resolves too)
      client: action === 'trigger' ? client : null,
      clientUrl: action === 'trigger' ? clientUrl : null,
      links,
      images,
      warnings,
    },
  };
}

// The helpers below live at module level rather than as closures: the intake validates every
// event of a monitoring storm, and a closure is a new function object per call.

function optionalString(v: unknown, name: string, errors: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    errors.push(`${name} must be a string`);
    return null;
  }
  return v === '' ? null : v;
}

function readLinks(list: Obj[], errors: string[]): NormalisedEvent['links'] {
  const out: NormalisedEvent['links'] = [];
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    const href = typeof l.href === 'string' ? l.href : '';
    if (href === '') errors.push(`links[${i}].href is required`);
    else out.push({ href, text: typeof l.text === 'string' && l.text !== '' ? l.text : null });
  }
  return out;
}

function readImages(list: Obj[], errors: string[], warnings: string[]): NormalisedEvent['images'] {
  const out: NormalisedEvent['images'] = [];
  for (let i = 0; i < list.length; i++) {
    const im = list[i];
    const src = typeof im.src === 'string' ? im.src : '';
    if (src === '') errors.push(`images[${i}].src is required`);
    else if (!src.toLowerCase().startsWith('https://')) warnings.push(`images[${i}] dropped: images must be served over HTTPS`);
    else out.push({ src, href: typeof im.href === 'string' && im.href !== '' ? im.href : null, alt: typeof im.alt === 'string' && im.alt !== '' ? im.alt : null });
  }
  return out;
}

function payloadString(p: Obj, name: string, required: boolean, errors: string[]): string | null {
  const v = p[name];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push(`payload.${name} is required`);
    return null;
  }
  if (typeof v !== 'string') {
    errors.push(`payload.${name} must be a string`);
    return null;
  }
  return v;
}

function readPayload(p: Obj, limits: EventsV2Limits, errors: string[], warnings: string[]): EventPayload {
  const summary = payloadString(p, 'summary', true, errors);
  if (summary !== null && summary.trim() === '') errors.push('payload.summary is required');
  if (summary !== null && codePoints(summary) > limits.summaryMaxLength) {
    errors.push(`payload.summary is too long (maximum is ${limits.summaryMaxLength} characters)`);
  }
  const source = payloadString(p, 'source', true, errors);
  const sevRaw = payloadString(p, 'severity', true, errors);
  let severity: EventSeverity = 'error';
  if (sevRaw !== null) {
    const lower = sevRaw.toLowerCase();
    if ((SEVERITIES as readonly string[]).includes(lower)) {
      severity = lower as EventSeverity;
      if (lower !== sevRaw) warnings.push(`payload.severity "${sevRaw}" read as "${lower}"`);
    } else {
      errors.push('payload.severity must be one of critical, error, warning, info');
    }
  }
  let timestamp: Temporal.Instant | null = null;
  const ts = payloadString(p, 'timestamp', false, errors);
  if (ts !== null) {
    try {
      timestamp = Temporal.Instant.from(ts);
    } catch {
      warnings.push(`payload.timestamp "${ts}" is not ISO 8601 with an offset; the receive time is used`);
    }
  }
  let customDetails: Record<string, unknown> | null = null;
  const cd = p.custom_details;
  if (isObj(cd)) customDetails = cd;
  else if (cd !== undefined && cd !== null) {
    customDetails = { details: cd };
    warnings.push('payload.custom_details was not an object; kept under "details"');
  }
  return {
    summary: summary ?? '',
    source: source ?? '',
    severity,
    timestamp,
    component: payloadString(p, 'component', false, errors),
    group: payloadString(p, 'group', false, errors),
    class: payloadString(p, 'class', false, errors),
    customDetails,
  };
}

function readList(v: unknown, name: string, errors: string[]): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    errors.push(`${name} must be an array`);
    return [];
  }
  const out: Obj[] = [];
  for (let i = 0; i < v.length; i++) {
    if (isObj(v[i])) out.push(v[i]);
    else errors.push(`${name}[${i}] must be an object`);
  }
  return out;
}

/** The page an event may apply to: the open page with this dedup key for this routing key. */
export interface OpenPageRef {
  pageId: string;
  status: 'triggered' | 'acknowledged';
  routingKey: string;
}

export type EventDecision =
  | { kind: 'open_page'; dedupKey: string }
  /**
   * A repeat trigger: appended to the open page (appendAlert). It sends no notification of its
   * own: the page's escalation is already running, or someone has acknowledged it.
   */
  | { kind: 'append_alert'; pageId: string; dedupKey: string }
  | { kind: 'acknowledge'; pageId: string; dedupKey: string }
  | { kind: 'resolve'; pageId: string; dedupKey: string }
  | { kind: 'drop'; dedupKey: string; reason: 'no_open_page' | 'routing_key_mismatch' | 'already_acknowledged' };

/**
 * PG-8 dedup rules (Events API v2): a trigger with the key of an open page appends to it; after
 * resolve a trigger opens a new page; acknowledge/resolve with no open page is dropped, never
 * creating one. Events only apply to a page opened through the same routing key. Every outcome,
 * drops included, answers 202 with the dedup key (the API is asynchronous) — also when a veto
 * such as PG-2 later refuses the resolve; the refusal goes to the page's timeline.
 * `generatedKey` is a fresh UUID from the caller, used when a trigger has no dedup_key.
 */
export function decideEvent(event: NormalisedEvent, open: OpenPageRef | null, generatedKey: string): EventDecision {
  const dedupKey = event.dedupKey ?? generatedKey;
  const applies = open !== null && open.routingKey === event.routingKey;
  switch (event.action) {
    case 'trigger':
      return applies && event.dedupKey !== null ? { kind: 'append_alert', pageId: open.pageId, dedupKey } : { kind: 'open_page', dedupKey };
    case 'acknowledge':
      if (!open) return { kind: 'drop', dedupKey, reason: 'no_open_page' };
      if (!applies) return { kind: 'drop', dedupKey, reason: 'routing_key_mismatch' };
      if (open.status === 'acknowledged') return { kind: 'drop', dedupKey, reason: 'already_acknowledged' };
      return { kind: 'acknowledge', pageId: open.pageId, dedupKey };
    case 'resolve':
      if (!open) return { kind: 'drop', dedupKey, reason: 'no_open_page' };
      if (!applies) return { kind: 'drop', dedupKey, reason: 'routing_key_mismatch' };
      return { kind: 'resolve', pageId: open.pageId, dedupKey };
  }
}

// PagerDuty's "urgency based on severity" default: critical and error wake someone up.
export const DEFAULT_SEVERITY_URGENCY: Readonly<Record<EventSeverity, PageUrgency>> = {
  critical: 'high',
  error: 'high',
  warning: 'low',
  info: 'low',
};

export function urgencyForSeverity(severity: EventSeverity, map: Readonly<Record<EventSeverity, PageUrgency>> = DEFAULT_SEVERITY_URGENCY): PageUrgency {
  return map[severity];
}

/** A page title from a trigger: the summary, which the limits already keep to 1024 code points. */
export function pageTitleFor(event: NormalisedEvent): string {
  return event.payload?.summary.trim() || event.dedupKey || 'Event';
}
