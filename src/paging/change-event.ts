// PG-8: PagerDuty's change events (POST /v2/change/enqueue): a deploy, a merged pull request, a
// rotated secret — something that changed in a service and is not a problem. They page nobody;
// they are kept on the service's timeline and shown on any page of that service triggered within
// the hour after, answering "what changed just before this broke". Pure: validation, the window.
import { Temporal } from '../kernel/time.ts';
import { DEFAULT_EVENTS_V2_LIMITS, invalidEventBody, unrecognizedBody, type EventsV2ErrorBody } from './events-v2.ts';

export interface ChangeEvent {
  routingKey: string;
  summary: string;
  source: string | null;
  /** When the sending tool says the change happened; null when it did not say (or said it unreadably). */
  timestamp: string | null;
  customDetails: Record<string, unknown> | null;
  links: Array<{ href: string; text: string | null }>;
  warnings: string[];
}

/** A change as pages and the service's timeline show it. */
export interface RecordedChange {
  id: string;
  serviceId: string;
  /** When Hotline received it: the instant the "within the hour" window is measured by. */
  receivedAt: string;
  summary: string;
  source: string | null;
  timestamp: string | null;
  customDetails: Record<string, unknown> | null;
  links: Array<{ href: string; text: string | null }>;
}

export type ChangeValidation = { ok: true; change: ChangeEvent } | { ok: false; body: EventsV2ErrorBody };

/** The documented 202 answer of the change events endpoint. */
export const CHANGE_ACCEPTED = { status: 'success', message: 'Change event processed' } as const;

/** How long before a page a change still counts as "just before" it. */
export const CHANGE_WINDOW_MS = 60 * 60 * 1000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a change event as PagerDuty documents it: routing_key (32 characters) and
 * payload.summary (at most 1024) required; payload.source, payload.timestamp,
 * payload.custom_details and links[] {href, text} optional. Errors come in the Events API's
 * 400 shape, every problem named at once.
 */
export function validateChangeEvent(body: unknown): ChangeValidation {
  if (!isObj(body)) return { ok: false, body: unrecognizedBody('Event must be a JSON object') };
  const errors: string[] = [];
  const warnings: string[] = [];
  const key = body.routing_key;
  if (typeof key !== 'string' || key === '') errors.push('routing_key is missing');
  else if (key.length !== DEFAULT_EVENTS_V2_LIMITS.routingKeyLength) errors.push(`routing_key is the wrong length (should be ${DEFAULT_EVENTS_V2_LIMITS.routingKeyLength} characters)`);
  let summary = '';
  let source: string | null = null;
  let timestamp: string | null = null;
  let customDetails: Record<string, unknown> | null = null;
  const p = body.payload;
  if (!isObj(p)) errors.push('payload is required');
  else {
    if (typeof p.summary !== 'string' || p.summary.trim() === '') errors.push('payload.summary is required');
    else if ([...p.summary].length > DEFAULT_EVENTS_V2_LIMITS.summaryMaxLength) errors.push(`payload.summary is too long (maximum is ${DEFAULT_EVENTS_V2_LIMITS.summaryMaxLength} characters)`);
    else summary = p.summary.trim();
    if (p.source !== undefined && p.source !== null && typeof p.source !== 'string') errors.push('payload.source must be a string');
    else source = typeof p.source === 'string' && p.source !== '' ? p.source : null;
    if (p.timestamp !== undefined && p.timestamp !== null && p.timestamp !== '') {
      if (typeof p.timestamp !== 'string') errors.push('payload.timestamp must be a string');
      else timestamp = readTimestamp(p.timestamp, warnings);
    }
    if (isObj(p.custom_details)) customDetails = p.custom_details;
    else if (p.custom_details !== undefined && p.custom_details !== null) errors.push('payload.custom_details must be an object');
  }
  const links: ChangeEvent['links'] = [];
  if (body.links !== undefined && body.links !== null) {
    if (!Array.isArray(body.links)) errors.push('links must be an array');
    else body.links.forEach((l, i) => {
      if (!isObj(l) || typeof l.href !== 'string' || l.href === '') errors.push(`links[${i}].href is required`);
      else links.push({ href: l.href, text: typeof l.text === 'string' && l.text !== '' ? l.text : null });
    });
  }
  if (errors.length) return { ok: false, body: invalidEventBody(errors) };
  return { ok: true, change: { routingKey: key as string, summary, source, timestamp, customDetails, links, warnings } };
}

/**
 * ISO 8601 with an offset, also PagerDuty's own example form `2020-07-17T08:42:58.315+0000`
 * (an offset without a colon), kept as UTC; anything else is kept out with a warning, as the
 * Events API does for a trigger's timestamp.
 */
function readTimestamp(s: string, warnings: string[]): string | null {
  const fixed = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  try {
    return Temporal.Instant.from(fixed).toString();
  } catch {
    warnings.push(`payload.timestamp "${s}" is not ISO 8601 with an offset; the receive time stands`);
    return null;
  }
}

/** The window of changes shown on a page: received in the hour up to the page's trigger. */
export function changeWindowFor(triggeredAt: Temporal.Instant): { from: Temporal.Instant; to: Temporal.Instant } {
  return { from: triggeredAt.subtract({ milliseconds: CHANGE_WINDOW_MS }), to: triggeredAt };
}
