// PG-8: an intake compatible with Opsgenie's Alert API, so the Alertmanager, Grafana and uptime
// tools of Opsgenie users (end of support 2027-04-05) page Hotline by changing one URL. Pure: it
// reads Opsgenie's requests into the Events API's normalised event, so an Opsgenie alert follows
// exactly the dedup rules, batching and rate limit of PG-8, and shapes Opsgenie's answers.
import type { EventSeverity, NormalisedEvent } from './events-v2.ts';

export type OpsgeniePriority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
export type IdentifierType = 'id' | 'alias' | 'tiny';
export type OpsgenieAction = 'close' | 'acknowledge';

// Opsgenie's documented field limits. A message longer than 130 characters is cut, as Opsgenie
// does; anything else over its limit is refused with a 422 naming the field.
export const OPSGENIE_LIMITS = { message: 130, alias: 512, description: 15_000, tags: 20, tag: 50, entity: 512, source: 100, user: 100, note: 25_000, details: 8_000 } as const;

/**
 * Priority → severity, and through the Events API's severity rule (critical and error are high
 * urgency, warning and info low) → urgency: P1–P3 page someone now, P4–P5 are low urgency.
 * P3 is Opsgenie's default and what most tools send without being told: it pages, as it did in
 * Opsgenie, rather than quietly becoming low urgency.
 */
export const PRIORITY_SEVERITY: Readonly<Record<OpsgeniePriority, EventSeverity>> = { P1: 'critical', P2: 'error', P3: 'error', P4: 'warning', P5: 'info' };
const PRIORITIES = Object.keys(PRIORITY_SEVERITY) as OpsgeniePriority[];
export const IDENTIFIER_TYPES: readonly IdentifierType[] = ['id', 'alias', 'tiny'];

/** Opsgenie's answer to an accepted request: processed asynchronously, told by its request id. */
export interface OpsgenieAccepted {
  result: 'Request will be processed';
  took: number;
  requestId: string;
}
/** Opsgenie's error body; `errors` names the fields of a 422. */
export interface OpsgenieError {
  message: string;
  took: number;
  requestId: string;
  errors?: Record<string, string>;
}

export const accepted = (requestId: string, took: number): OpsgenieAccepted => ({ result: 'Request will be processed', took, requestId });
export const opsgenieError = (message: string, requestId: string, took: number, errors?: Record<string, string>): OpsgenieError =>
  errors ? { message, took, requestId, errors } : { message, took, requestId };
export const UNPROCESSABLE = 'Request body is not processable. Please check the errors.';

/** The key of `Authorization: GenieKey <key>` (Opsgenie's scheme), or null. */
export function genieKey(header: string | undefined): string | null {
  const m = /^GenieKey\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(body: Obj, name: keyof typeof OPSGENIE_LIMITS, errors: Record<string, string>): string | null {
  const v = body[name];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') {
    errors[name] = `${name} must be a string.`;
    return null;
  }
  if (name !== 'message' && [...v].length > OPSGENIE_LIMITS[name]) errors[name] = `${name} can be at most ${OPSGENIE_LIMITS[name]} characters.`;
  return v;
}

export type CreateValidation = { ok: true; event: NormalisedEvent; priority: OpsgeniePriority } | { ok: false; errors: Record<string, string> };

/**
 * POST /v2/alerts → a trigger on the key's service. `alias` is the dedup key (an alert without one
 * always opens a new page, as in Opsgenie); `message` the page title; description, tags, details,
 * entity, note and the responders Opsgenie would have notified are kept on the page. Responders
 * are not obeyed: the service's escalation policy decides who is paged, as for every intake.
 */
export function readCreateAlert(body: unknown, key: string): CreateValidation {
  if (!isObj(body)) return { ok: false, errors: { body: 'The body must be a JSON object.' } };
  const errors: Record<string, string> = {};
  const warnings: string[] = [];
  let message = text(body, 'message', errors);
  if (message === null || message.trim() === '') {
    if (!errors.message) errors.message = 'Message can not be empty.';
  } else if ([...message].length > OPSGENIE_LIMITS.message) {
    message = [...message].slice(0, OPSGENIE_LIMITS.message).join('');
    warnings.push(`message cut to ${OPSGENIE_LIMITS.message} characters, as Opsgenie does`);
  }
  const alias = text(body, 'alias', errors);
  const description = text(body, 'description', errors);
  const entity = text(body, 'entity', errors);
  const source = text(body, 'source', errors);
  const user = text(body, 'user', errors);
  const note = text(body, 'note', errors);
  let priority: OpsgeniePriority = 'P3';
  if (body.priority !== undefined && body.priority !== null && body.priority !== '') {
    if (typeof body.priority === 'string' && (PRIORITIES as string[]).includes(body.priority.toUpperCase())) priority = body.priority.toUpperCase() as OpsgeniePriority;
    else errors.priority = 'Priority should be one of [P1, P2, P3, P4, P5].';
  }
  let tags: string[] = [];
  if (body.tags !== undefined && body.tags !== null) {
    if (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string')) errors.tags = 'tags must be a list of strings.';
    else if (body.tags.length > OPSGENIE_LIMITS.tags) errors.tags = `At most ${OPSGENIE_LIMITS.tags} tags.`;
    else if (body.tags.some((t: string) => t.length > OPSGENIE_LIMITS.tag)) errors.tags = `A tag can be at most ${OPSGENIE_LIMITS.tag} characters.`;
    else tags = body.tags as string[];
  }
  let details: Record<string, unknown> = {};
  if (body.details !== undefined && body.details !== null) {
    if (!isObj(body.details)) errors.details = 'details must be an object of key-value pairs.';
    else if (JSON.stringify(body.details).length > OPSGENIE_LIMITS.details) errors.details = `details can be at most ${OPSGENIE_LIMITS.details} characters.`;
    else details = body.details;
  }
  const responders = Array.isArray(body.responders) ? body.responders.filter(isObj) : [];
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    priority,
    event: {
      routingKey: key,
      action: 'trigger',
      dedupKey: alias,
      payload: {
        summary: message!.trim(),
        source: source ?? entity ?? 'Opsgenie API',
        severity: PRIORITY_SEVERITY[priority],
        timestamp: null,
        component: entity,
        group: null,
        class: null,
        customDetails: {
          opsgenie: { priority, description, tags, details, entity, note, user, ...(responders.length ? { respondersNotObeyed: responders } : {}) },
        },
      },
      client: null,
      clientUrl: null,
      links: [],
      images: [],
      warnings,
    },
  };
}

export type IdentifierValidation = { ok: true; type: IdentifierType } | { ok: false; errors: Record<string, string> };

/** `identifierType` of close and acknowledge: id (the default, a page id), alias (the dedup key) or tiny (a page number). */
export function readIdentifierType(v: string | undefined): IdentifierValidation {
  const t = (v ?? 'id').toLowerCase();
  if ((IDENTIFIER_TYPES as readonly string[]).includes(t)) return { ok: true, type: t as IdentifierType };
  return { ok: false, errors: { identifierType: 'identifierType should be one of [id, alias, tiny].' } };
}

/** The optional body of close and acknowledge ({user, source, note}): a JSON object when present. */
export function readActionBody(body: unknown): { ok: true; note: string | null } | { ok: false; errors: Record<string, string> } {
  if (body === undefined || body === null) return { ok: true, note: null };
  if (!isObj(body)) return { ok: false, errors: { body: 'The body must be a JSON object.' } };
  const errors: Record<string, string> = {};
  text(body, 'user', errors);
  text(body, 'source', errors);
  const note = text(body, 'note', errors);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, note };
}

/** Close or acknowledge by alias: the Events API's resolve or acknowledge of that dedup key. */
export function actionEvent(action: OpsgenieAction, key: string, dedupKey: string): NormalisedEvent {
  return { routingKey: key, action: action === 'close' ? 'resolve' : 'acknowledge', dedupKey, payload: null, client: null, clientUrl: null, links: [], images: [], warnings: [] };
}
