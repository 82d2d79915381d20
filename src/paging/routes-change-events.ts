// PG-8: PagerDuty's change events API (POST /v2/change/enqueue, what pdjs' change() and CI tools
// send) and the service's list of changes. Registered in the intake's scope, which reads raw
// bodies, so a bad payload gets PagerDuty's 400 body rather than Hotline's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Type } from '@sinclair/typebox';
import { fails, IdParams } from '../api/schemas.ts';
import { changeEventAnswers, RecentChange } from './routes-schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { CHANGE_ACCEPTED, validateChangeEvent } from './change-event.ts';
import { DEFAULT_EVENTS_V2_LIMITS, invalidEventBody, rateLimitedBody, unrecognizedBody } from './events-v2.ts';
import type { IntakeDoor } from './routes-opsgenie.ts';
import { listServiceChanges, recordChange } from './service-changes.ts';

export function registerChangeEventRoutes(scope: FastifyInstance, ctx: Ctx, door: IntakeDoor): void {
  const enqueue = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length > DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes) {
      return reply.status(400).send(invalidEventBody([`Event is too large: ${raw.length} bytes; the limit is ${DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes} bytes (512 KB)`]));
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.status(400).send(unrecognizedBody());
    }
    const v = validateChangeEvent(body);
    if (!v.ok) return reply.status(400).send(v.body);
    const service = await door.serviceFor(v.change.routingKey);
    if (!service) return reply.status(400).send(invalidEventBody(['routing_key does not match any service integration; copy it from the service in Hotline']));
    // counted against the key's limit with its alert events: one budget per integration key
    const [wait] = await door.limit.admit([v.change.routingKey], ctx.clock.now().epochMilliseconds);
    if (wait > 0) return reply.status(429).header('retry-after', String(Math.ceil(wait / 1000))).send(rateLimitedBody());
    await recordChange(ctx, service, v.change);
    return reply.status(202).send(CHANGE_ACCEPTED);
  };
  const opts = { logLevel: 'warn' as const, config: { access: 'public' as const }, schema: { tags: ['events'], operationId: 'enqueueChangeEvent', response: changeEventAnswers, summary: 'Change events (PagerDuty-compatible): a deploy or other change, kept on the service\'s timeline and shown on its pages of the hour after (PG-8)' } };
  scope.post('/v2/change/enqueue', opts, enqueue);
  scope.post('/api/v2/change/enqueue', { ...opts, schema: { ...opts.schema, operationId: 'enqueueChangeEventUnderApi', summary: 'Alias of /v2/change/enqueue' } }, enqueue);

  const Query = { type: 'object', properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } }, additionalProperties: false };
  scope.get('/api/v1/services/:id/changes', { config: { access: STAFF }, schema: { tags: ['paging'], summary: 'A service\'s change events, newest first (limit 1–200, default 50) (PG-8)', operationId: 'listServiceChanges', params: IdParams, querystring: Query, response: { 200: Type.Object({ items: Type.Array(RecentChange) }), ...fails(404) } } }, async (req) => {
    const limit = Math.min(Math.max(Number((req.query as { limit?: string }).limit ?? 50), 1), 200);
    return { items: await listServiceChanges(ctx, requireActor(req), (req.params as { id: string }).id, limit) };
  });
}
