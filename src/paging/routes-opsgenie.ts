// PG-8: Opsgenie's Alert API as Hotline's door (opsgenie.ts has the rules):
//  - POST /v2/alerts                                  create (alias = dedup key)
//  - POST /v2/alerts/{identifier}/close|acknowledge   ?identifierType=id|alias|tiny
// Authorised by `Authorization: GenieKey <key>`, the key being a service's integration key (the
// routing key of the Events API). Answers are Opsgenie's: 202 {result, took, requestId}; errors
// {message, took, requestId[, errors]} with 400 (not JSON), 401 (key), 404, 422 (fields), 429.
// The routes declare no `access`: the session/token check would read the GenieKey header as a
// broken Bearer token; the key is checked here instead.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import type { Ctx } from '../runtime/context.ts';
import type { EventRejection } from '../runtime/metrics.ts';
import { readTx } from '../store/tx.ts';
import { accepted, actionEvent, genieKey, opsgenieError, readActionBody, readCreateAlert, readIdentifierType, UNPROCESSABLE, type OpsgenieAction } from './opsgenie.ts';
import type { EventBatcher } from './service-intake-events.ts';
import type { EventRateLimit } from './service-intake-limit.ts';
import { acknowledgePage, resolvePage } from './service.ts';
import { findPage, type Service } from './store.ts';
import { opsgenieAnswers } from './routes-schemas.ts';

/** What the Events API door shares with this one: its service lookup and its batcher (one commit per burst, one rate limit per key). */
export interface IntakeDoor {
  serviceFor(key: string): Promise<Service | undefined>;
  batcher: EventBatcher;
  /** The per-key rate limit the batcher counts against, for requests that do not go through it. */
  limit: EventRateLimit;
}

const OPSGENIE_ACTOR: Actor = { kind: 'system', userId: null, role: 'system', organizationId: null, name: 'Opsgenie API', via: 'events' };
const MAX_BODY = 512 * 1024;

const REJECTION: Partial<Record<number, EventRejection>> = { 401: 'unknown_routing_key', 404: 'unknown_alert', 422: 'invalid', 429: 'throttled' };

export function registerOpsgenieRoutes(scope: FastifyInstance, ctx: Ctx, door: IntakeDoor): void {
  /** Answers in Opsgenie's shape, with its X-Request-ID and X-Response-Time headers. */
  const answer = (reply: FastifyReply, started: number, requestId: string, status: number, message?: string, errors?: Record<string, string>) => {
    const took = Math.round(performance.now() - started) / 1000;
    reply.header('x-request-id', requestId).header('x-response-time', String(took)).status(status);
    // RP-4: every answer of this door is an event accepted or turned away, by the status it gets
    if (status === 202) ctx.metrics.eventAccepted('opsgenie');
    else ctx.metrics.eventRejected('opsgenie', REJECTION[status] ?? (message?.startsWith('Invalid JSON') ? 'not_json' : 'too_large'));
    return reply.send(status === 202 ? accepted(requestId, took) : opsgenieError(message ?? 'Error', requestId, took, errors));
  };

  /** The body as JSON (undefined when empty), or a 400 already sent. */
  const readJson = (req: FastifyRequest): { ok: true; body: unknown } | { ok: false; message: string } => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length > MAX_BODY) return { ok: false, message: `Request body is too large: the limit is ${MAX_BODY} bytes.` };
    if (raw.length === 0 || raw.toString('utf8').trim() === '') return { ok: true, body: undefined };
    try {
      return { ok: true, body: JSON.parse(raw.toString('utf8')) };
    } catch {
      return { ok: false, message: 'Invalid JSON body.' };
    }
  };

  const authorise = async (req: FastifyRequest): Promise<{ service: Service; key: string } | string> => {
    const key = genieKey(req.headers.authorization) ?? (typeof (req.query as Record<string, unknown>).apiKey === 'string' ? String((req.query as Record<string, string>).apiKey) : null);
    if (!key) return 'Could not authenticate: send "Authorization: GenieKey <key>" with a service\'s integration key from Hotline.';
    const service = await door.serviceFor(key);
    return service ? { service, key } : 'Could not authenticate: the key is not the integration key of any service in Hotline.';
  };

  const opts = {
    logLevel: 'warn' as const, // the intake's storms, as on /v2/enqueue
    schema: { tags: ['events'], response: opsgenieAnswers },
  };

  scope.post('/v2/alerts', { ...opts, schema: { ...opts.schema, operationId: 'createOpsgenieAlert', summary: 'Opsgenie Alert API: create an alert (alias = dedup key; P1–P3 high urgency, P4–P5 low), GenieKey = a service integration key (PG-8)' } }, async (req, reply) => {
    const started = performance.now();
    const requestId = randomUUID();
    const auth = await authorise(req);
    if (typeof auth === 'string') return answer(reply, started, requestId, 401, auth);
    const j = readJson(req);
    if (!j.ok) return answer(reply, started, requestId, 400, j.message);
    const v = readCreateAlert(j.body, auth.key);
    if (!v.ok) return answer(reply, started, requestId, 422, UNPROCESSABLE, v.errors);
    const r = await door.batcher.submit(auth.service, v.event);
    if (r.outcome === 'throttled') {
      reply.header('retry-after', String(Math.ceil(r.retryAfterMs! / 1000)));
      return answer(reply, started, requestId, 429, 'You are making too many requests! To avoid errors, we recommend you limit requests.');
    }
    return answer(reply, started, requestId, 202);
  });

  const act = (action: OpsgenieAction) => async (req: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    const requestId = randomUUID();
    const auth = await authorise(req);
    if (typeof auth === 'string') return answer(reply, started, requestId, 401, auth);
    const j = readJson(req);
    if (!j.ok) return answer(reply, started, requestId, 400, j.message);
    const idType = readIdentifierType((req.query as Record<string, string | undefined>).identifierType);
    if (!idType.ok) return answer(reply, started, requestId, 422, UNPROCESSABLE, idType.errors);
    const b = readActionBody(j.body);
    if (!b.ok) return answer(reply, started, requestId, 422, UNPROCESSABLE, b.errors);
    const identifier = (req.params as { identifier: string }).identifier;

    // by alias: the Events API's acknowledge/resolve of that dedup key (no open page: dropped, as PG-8)
    if (idType.type === 'alias') {
      const r = await door.batcher.submit(auth.service, actionEvent(action, auth.key, identifier));
      if (r.outcome === 'throttled') return answer(reply, started, requestId, 429, 'You are making too many requests! To avoid errors, we recommend you limit requests.');
      return answer(reply, started, requestId, 202);
    }
    // by id or tiny id (the page number): only a page of this key's service; another service's
    // page is as unknown to this key as a page that does not exist
    const number = idType.type === 'tiny' ? Number(identifier) : NaN;
    if (idType.type === 'tiny' && !(Number.isSafeInteger(number) && number > 0)) return answer(reply, started, requestId, 404, 'Alert does not exist');
    const page = await findPage(readTx(ctx.db), idType.type === 'id' ? { id: identifier } : { number });
    if (!page || page.serviceId !== auth.service.id) return answer(reply, started, requestId, 404, 'Alert does not exist');
    if (page.dedupKey) {
      const r = await door.batcher.submit(auth.service, actionEvent(action, auth.key, page.dedupKey));
      if (r.outcome === 'throttled') return answer(reply, started, requestId, 429, 'You are making too many requests! To avoid errors, we recommend you limit requests.');
      return answer(reply, started, requestId, 202);
    }
    try {
      if (page.status !== 'resolved' && !(action === 'acknowledge' && page.status === 'acknowledged')) {
        if (action === 'close') await resolvePage(ctx, OPSGENIE_ACTOR, page.id, { note: b.note ?? undefined });
        else await acknowledgePage(ctx, OPSGENIE_ACTOR, page.id);
      }
    } catch (e) {
      // asynchronous in Opsgenie: a refusal (e.g. the PG-2 veto) is not the sender's error
      if (!isDomainError(e)) throw e;
    }
    return answer(reply, started, requestId, 202);
  };
  const params = { type: 'object', properties: { identifier: { type: 'string', minLength: 1 } }, required: ['identifier'] };
  scope.post('/v2/alerts/:identifier/close', { ...opts, schema: { ...opts.schema, params, operationId: 'closeOpsgenieAlert', summary: 'Opsgenie Alert API: close an alert (resolves its page); identifierType=id|alias|tiny (PG-8)' } }, act('close'));
  scope.post('/v2/alerts/:identifier/acknowledge', { ...opts, schema: { ...opts.schema, params, operationId: 'acknowledgeOpsgenieAlert', summary: 'Opsgenie Alert API: acknowledge an alert (its page); identifierType=id|alias|tiny (PG-8)' } }, act('acknowledge'));
}
