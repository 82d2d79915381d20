// Doors into paging that are not a signed-in session, all reading the raw body:
//  - POST /v2/enqueue (alias /api/v2/enqueue): the Events API v2 intake (PG-8);
//  - POST /v2/alerts…: Opsgenie's Alert API on the same intake (routes-opsgenie.ts, PG-8);
//  - POST /v2/change/enqueue: PagerDuty's change events (routes-change-events.ts, PG-8);
//  - /api/v1/page-action-links/:token: signed links in notifications (PG-6), and the former
//    /api/v1/pages/actions/:token that links already sent still carry;
//  - POST /api/v1/paging/sms/inbound: SMS replies ("4 123"), signed by the provider (PG-6);
//  - POST /api/v1/paging/slack/actions: Slack interactive buttons, Slack's signing scheme (PG-6).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import { findUser } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { readTx } from '../store/tx.ts';
import { escapeHtml, notifyConfig, parseInboundSms, verifyTwilioSignature } from '../notify/index.ts';
import { DEFAULT_EVENTS_V2_LIMITS, invalidEventBody, rateLimitedBody, successBody, unrecognizedBody, validateEventV2 } from './events-v2.ts';
import { EventBatcher } from './service-intake-events.ts';
import { EventRateLimit } from './service-intake-limit.ts';
import { registerChangeEventRoutes } from './routes-change-events.ts';
import { registerOpsgenieRoutes } from './routes-opsgenie.ts';
import { parseSmsReply, verifyActionToken, verifySlackRequest, type LinkAction } from './signing.ts';
import { acknowledgePage, escalatePage, resolvePage } from './service.ts';
import { actionSecrets } from './jobs.ts';
import { findPage, findPages, findService, type Service } from './store.ts';
import { routeWithFormerPaths } from '../api/openapi.ts';
import { ErrorResponse, errors } from '../api/schemas.ts';
import { eventsV2Answers } from './routes-schemas.ts';

const HTML = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });
const PARSER_LIMIT = 2 * 1024 * 1024; // above the 512 KB rule, so oversized events get the documented 400 body

const rawParsers = (scope: FastifyInstance) => {
  scope.removeAllContentTypeParsers();
  const raw = (_req: FastifyRequest, body: Buffer, done: (e: Error | null, body?: Buffer) => void) => done(null, body);
  // the usual types named as well as the catch-all: Fastify remembers the parser of a named type,
  // and would otherwise parse the content-type header of every event again
  scope.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'buffer', bodyLimit: PARSER_LIMIT }, raw);
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PARSER_LIMIT }, raw);
};

export function registerIntakeRoutes(app: FastifyInstance, ctx: Ctx): void {
  const perMinute = Number(process.env.HOTLINE_EVENTS_PER_MINUTE) || DEFAULT_EVENTS_V2_LIMITS.requestsPerMinute;
  // routing key → service: read once, not per event. A saved service (new or rotated key, other
  // policy) is announced on the bus, from any node, and empties the cache; the age limit covers
  // an announcement lost with a dropped LISTEN connection.
  const services = new Map<string, { service: Service; at: number }>();
  const unsubscribe = ctx.bus.subscribe((e) => {
    if (e.type === 'service.changed') services.clear();
  });
  app.addHook('onClose', async () => unsubscribe());
  const limit = new EventRateLimit(ctx.db, perMinute);
  const batcher = new EventBatcher(ctx, { limit });
  const serviceFor = async (key: string): Promise<Service | undefined> => {
    const nowMs = Date.now();
    let cached = services.get(key);
    if (!cached || nowMs - cached.at > 5_000) {
      const service = await findService(readTx(ctx.db), { integrationKey: key });
      if (!service) return undefined;
      cached = { service, at: nowMs };
      services.set(key, cached);
    }
    return cached.service;
  };

  const enqueue = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');
    const m = ctx.metrics;
    if (raw.length > DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes) {
      m.eventRejected('events_v2', 'too_large');
      return reply.status(400).send(invalidEventBody([`Event is too large: ${raw.length} bytes; the limit is ${DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes} bytes (512 KB)`]));
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      m.eventRejected('events_v2', 'not_json');
      return reply.status(400).send(unrecognizedBody());
    }
    const v = validateEventV2(body);
    if (!v.ok) {
      m.eventRejected('events_v2', 'invalid');
      return reply.status(400).send(v.body);
    }
    const ev = v.event;
    const service = await serviceFor(ev.routingKey);
    if (!service) {
      m.eventRejected('events_v2', 'unknown_routing_key');
      return reply.status(400).send(invalidEventBody(['routing_key does not match any service integration; copy it from the service in Hotline']));
    }
    // PG-8: counted only now that the key is known to name a service (see service-intake-limit.ts)
    const r = await batcher.submit(service, ev);
    if (r.outcome === 'throttled') m.eventRejected('events_v2', 'throttled');
    else m.eventAccepted('events_v2');
    if (r.outcome === 'throttled') return reply.status(429).header('retry-after', String(Math.ceil(r.retryAfterMs! / 1000))).send(rateLimitedBody());
    return reply.status(202).send(successBody(r.dedupKey));
  };

  app.register(async (scope) => {
    rawParsers(scope);
    const opts = {
      // a monitoring storm sends thousands of events a second: two info lines each would drown the
      // log and cost a good part of the request; failures still log at warn and error
      logLevel: 'warn' as const,
      config: { access: 'public' as const },
      schema: { tags: ['events'], operationId: 'enqueueEvent', summary: 'Events API v2 intake (PagerDuty-compatible): trigger, acknowledge, resolve with a dedup key (PG-8)', response: eventsV2Answers },
    };
    scope.post('/v2/enqueue', opts, enqueue);
    scope.post('/api/v2/enqueue', { ...opts, schema: { ...opts.schema, operationId: 'enqueueEventUnderApi', summary: 'Alias of /v2/enqueue' } }, enqueue);
    registerActionRoutes(scope, ctx);
    // Opsgenie's Alert API shares the lookup and the batcher: one commit per burst across both
    // doors, and one rate limit per key whichever API the events came through
    registerOpsgenieRoutes(scope, ctx, { serviceFor, batcher, limit });
    // PagerDuty's change events: kept on the service's timeline, shown on the pages that follow
    registerChangeEventRoutes(scope, ctx, { serviceFor, batcher, limit });
  });
}

// ---- acting from a notification --------------------------------------------------------------

const VERBS: Record<LinkAction, string> = { acknowledge: 'acknowledged', resolve: 'resolved', escalate: 'escalated' };

async function actAs(ctx: Ctx, userId: string, via: Actor['via'], action: LinkAction, pageRef: string): Promise<string> {
  const user = await findUser(readTx(ctx.db), { id: userId });
  if (!user || !user.active) return 'This link belongs to a person who can no longer act on pages.';
  const actor: Actor = { kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId, name: user.name, via };
  try {
    const page = action === 'acknowledge' ? await acknowledgePage(ctx, actor, pageRef) : action === 'resolve' ? await resolvePage(ctx, actor, pageRef) : await escalatePage(ctx, actor, pageRef);
    return `Page #${page.number} ${VERBS[action]} by ${user.name}.`;
  } catch (e) {
    if (isDomainError(e)) return e.message;
    throw e;
  }
}

const html = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:2rem auto">${body}</body></html>`;

function formParams(raw: unknown): Record<string, string> {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  return Object.fromEntries(new URLSearchParams(text));
}

function registerActionRoutes(scope: FastifyInstance, ctx: Ctx): void {
  const check = async (token: string) => {
    const v = verifyActionToken(token, await actionSecrets(ctx, readTx(ctx.db)), ctx.clock.now());
    if (!v.ok) return { ok: false as const, message: v.reason === 'expired' ? 'This link has expired; open Hotline to act on the page.' : 'This link is not valid.' };
    const page = await findPage(readTx(ctx.db), { id: v.claims.pageId });
    return page ? { ok: true as const, claims: v.claims, page } : { ok: false as const, message: 'This page no longer exists.' };
  };
  // A wildcard, not :token: signed tokens are longer than the router's 100-character parameter limit.
  const Params = { type: 'object', properties: { '*': { type: 'string', title: 'token', description: 'The signed action token from the notification.', minLength: 1, maxLength: 2000 } }, required: ['*'], additionalProperties: false };
  const tokenOf = (req: FastifyRequest) => (req.params as { '*': string })['*'];
  // PG-6: links sent before the move live on in mailboxes and chat history until they expire;
  // hidden from the document, where /pages/actions/… could not be told from /pages/:id/….
  const FORMER_LINK_PATHS = ['/api/v1/pages/actions/*'];

  // GET only shows a confirmation: mail scanners follow links, and a prefetch must never acknowledge.
  routeWithFormerPaths(scope, { method: 'GET', url: '/api/v1/page-action-links/*', config: { access: 'public' }, schema: { tags: ['paging'], operationId: 'showPageActionLink', summary: 'Confirmation page of a signed action link from a notification (PG-6)', params: Params, response: { 200: HTML('A confirmation form'), 400: HTML('The link is not valid, has expired, or its page is gone') } }, handler: async (req, reply) => {
    const c = await check(tokenOf(req));
    reply.type('text/html; charset=utf-8');
    if (!c.ok) return reply.status(400).send(html('Hotline', `<p>${escapeHtml(c.message)}</p>`));
    const verb = c.claims.action[0].toUpperCase() + c.claims.action.slice(1);
    return reply.send(html(`${verb} page #${c.page.number}`, `<h1>${escapeHtml(verb)} page #${c.page.number}?</h1><p>${escapeHtml(c.page.title)} — currently ${c.page.status}.</p><form method="post"><button type="submit">${escapeHtml(verb)}</button></form>`));
  } }, FORMER_LINK_PATHS);
  routeWithFormerPaths(scope, { method: 'POST', url: '/api/v1/page-action-links/*', config: { access: 'public' }, schema: { tags: ['paging'], operationId: 'actOnPageActionLink', summary: 'Act on a page through a signed link from a notification (PG-6); JSON with Accept: application/json, else HTML', params: Params, response: { 200: { description: 'What was done (or why not)', content: { 'application/json': { schema: Type.Object({ message: Type.String() }) }, 'text/html': { schema: Type.String() } } }, 400: { description: 'The link is not valid, has expired, or its page is gone', content: { 'application/json': { schema: ErrorResponse }, 'text/html': { schema: Type.String() } } } } }, handler: async (req, reply) => {
    const c = await check(tokenOf(req));
    const wantsJson = String(req.headers.accept ?? '').includes('application/json');
    if (!c.ok) return wantsJson ? reply.status(400).send({ error: { code: 'page.bad_link', message: c.message } }) : reply.status(400).type('text/html; charset=utf-8').send(html('Hotline', `<p>${escapeHtml(c.message)}</p>`));
    const message = await actAs(ctx, c.claims.userId, 'email', c.claims.action, c.page.id);
    return wantsJson ? reply.send({ message }) : reply.type('text/html; charset=utf-8').send(html('Hotline', `<p>${escapeHtml(message)}</p>`));
  } }, FORMER_LINK_PATHS);

  scope.post('/api/v1/paging/sms/inbound', { config: { access: 'public' }, schema: { tags: ['paging'], summary: 'Inbound SMS webhook: reply "4 <page>" to acknowledge, "6" to resolve, "8" to escalate (PG-6)', operationId: 'receiveSms', response: { 200: { description: 'TwiML: the answer sent back by SMS', content: { 'text/xml': { schema: Type.String() } } }, 400: errors[400], 403: errors[403] } } }, async (req, reply) => {
    const cfg = notifyConfig(ctx);
    const params = formParams(req.body);
    const url = `${cfg.publicUrl}${req.url}`;
    const twiml = (m: string) => reply.type('text/xml').send(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeHtml(m)}</Message></Response>`);
    if (!cfg.smsAuthToken || !verifyTwilioSignature(cfg.smsAuthToken, req.headers['x-twilio-signature'] as string | undefined, url, params)) {
      return reply.status(403).send({ error: { code: 'sms.bad_signature', message: 'The request is not signed by the SMS provider configured for this Hotline.' } });
    }
    const sms = parseInboundSms(params);
    if (!sms) return reply.status(400).send({ error: { code: 'sms.bad_request', message: 'From and Body are required.' } });
    const reply_ = parseSmsReply(sms.body);
    if (reply_.kind === 'stop') return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    if (reply_.kind !== 'action') return twiml('Reply 4 <page> to acknowledge, 6 <page> to resolve, 8 <page> to escalate.');
    const tx = readTx(ctx.db);
    const cm = await tx.db.selectFrom('contact_methods').select('user_id').where('kind', 'in', ['sms', 'voice']).where('address', '=', sms.from).executeTakeFirst();
    if (!cm) return twiml('This number is not a contact method of anyone in Hotline.');
    let ref = reply_.pageNumber === null ? null : String(reply_.pageNumber);
    if (ref === null) {
      const open = await findPages(tx, { status: 'open', userId: cm.user_id, limit: 2 });
      if (open.length !== 1) return twiml(open.length === 0 ? 'You have no open page.' : 'You have several open pages; add the page number, e.g. "4 123".');
      ref = String(open[0].number);
    }
    return twiml(await actAs(ctx, cm.user_id, 'sms', reply_.action, ref));
  });

  scope.post('/api/v1/paging/slack/actions', { config: { access: 'public' }, schema: { tags: ['paging'], summary: 'Slack interactive buttons on a page notification, verified with Slack request signing (PG-6)', operationId: 'receiveSlackAction', response: { 200: Type.Object({ response_type: Type.String(), text: Type.String() }), 400: errors[400], 401: errors[401] } } }, async (req, reply) => {
    const cfg = notifyConfig(ctx);
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const v = cfg.slackSigningSecret
      ? verifySlackRequest({ rawBody: raw, timestamp: req.headers['x-slack-request-timestamp'] as string, signature: req.headers['x-slack-signature'] as string, signingSecret: cfg.slackSigningSecret, now: ctx.clock.now() })
      : { ok: false as const, reason: 'missing' as const };
    if (!v.ok) return reply.status(401).send({ error: { code: 'slack.bad_signature', message: `Slack request signature check failed (${v.reason}).` } });
    let payload: any;
    try {
      payload = JSON.parse(formParams(raw).payload ?? '');
    } catch {
      return reply.status(400).send({ error: { code: 'slack.bad_payload', message: 'Expected a form field "payload" with JSON.' } });
    }
    const act = payload?.actions?.[0];
    const [verb, pageId] = String(act?.value ?? '').split(':');
    if (!['acknowledge', 'resolve', 'escalate'].includes(verb) || !pageId || typeof payload?.user?.id !== 'string') {
      return reply.send({ response_type: 'ephemeral', text: 'Unknown action.' });
    }
    const cm = await readTx(ctx.db).db.selectFrom('contact_methods').select('user_id').where('kind', '=', 'chat').where('address', '=', payload.user.id).executeTakeFirst();
    if (!cm) return reply.send({ response_type: 'ephemeral', text: 'Your Slack account is not linked to a Hotline user (add it as a chat contact method).' });
    return reply.send({ response_type: 'in_channel', text: await actAs(ctx, cm.user_id, 'chat', verb as LinkAction, pageId) });
  });
}
