// HTTP doors of the redirect (SM-4): the action on a Hotline thread entry (staff), and Slack's
// Events API (public, but every request must carry Slack's v0 signature over the raw body within
// five minutes: forged or replayed requests get 401 with a code; the url_verification challenge
// is answered once signed).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { fails, IdParams } from '../api/schemas.ts';
import { notifyConfig } from '../notify/index.ts';
import { verifySlackRequest } from '../paging/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { readTx } from '../store/tx.ts';
import { readSlackEvent } from './redirect.ts';
import { settingsOf } from './service-load.ts';
import { redirectSlackMessage, redirectThreadEntry } from './service-redirect.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Entry = Type.Object({ id: Type.String(), channel: Type.String(), kind: Type.String(), author: NStr, text: Type.String(), mentions: Type.Array(Type.String()), at: Type.String() });
// Slack reads only the status and, for url_verification, the challenge; the rest says what was done
const SlackAnswer = Type.Object({
  challenge: Type.Optional(Type.String()), ok: Type.Optional(Type.Boolean()), ignored: Type.Optional(Type.String({ description: 'why the event needs nothing' })),
  redirect: Type.Optional(Type.Union([Type.Literal('queued'), Type.Literal('duplicate')])),
});
const Result = Type.Object({ redirected: Type.Boolean(), reply: Type.Union([Entry, Type.Null()]) });
const entryView = (e: { id: string; channel: string; kind: string; author: string | null; text: string; mentions: string[]; at: string } | null) =>
  e && { id: e.id, channel: e.channel, kind: e.kind, author: e.author, text: e.text, mentions: e.mentions, at: e.at };

// Slack sends at most a few KB per event; a larger body is not Slack's.
const SLACK_BODY_LIMIT = 64 * 1024;

export function registerRedirectRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/api/v1/thread-entries/:id/redirect', {
    config: { access: STAFF },
    schema: { tags: ['escalations'], operationId: 'redirectThreadEntry', summary: 'SM-4: answer an escalation attempted in an ordinary channel with the standard, anonymous reply linking the escalation form (201; 200 when the message was answered already)', params: IdParams, response: { 200: Result, 201: Result, ...fails(404) } },
  }, async (req, reply) => {
    const r = await redirectThreadEntry(ctx, requireActor(req), (req.params as { id: string }).id);
    return reply.code(r.redirected ? 201 : 200).send({ redirected: r.redirected, reply: entryView(r.reply) });
  });

  app.register(async (scope) => {
    // the signature covers the raw body: read it as bytes, whatever the content type says
    scope.removeAllContentTypeParsers();
    const raw = (_req: FastifyRequest, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(null, body);
    scope.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'buffer', bodyLimit: SLACK_BODY_LIMIT }, raw);
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: SLACK_BODY_LIMIT }, raw);
    scope.post('/api/v1/chat/slack/events', {
      config: { access: 'public' },
      schema: { tags: ['escalations'], operationId: 'slackEvents', summary: 'SM-4: Slack Events API (signed with the app\'s signing secret): answers url_verification; a reaction_added of the redirect reaction (:escalate:) posts the standard reply in that message\'s thread, once per message', response: { 200: SlackAnswer, ...fails(400, 401) } },
    }, async (req, reply) => {
      const secret = notifyConfig(ctx).slackSigningSecret;
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const v = secret
        ? verifySlackRequest({ rawBody: raw, timestamp: req.headers['x-slack-request-timestamp'] as string | undefined, signature: req.headers['x-slack-signature'] as string | undefined, signingSecret: secret, now: ctx.clock.now() })
        : ({ ok: false, reason: 'not_configured' } as const);
      if (!v.ok) {
        const code = v.reason === 'stale_timestamp' ? 'slack.stale_request' : v.reason === 'not_configured' ? 'slack.not_configured' : 'slack.bad_signature';
        const why = v.reason === 'not_configured' ? 'no signing secret is set (HOTLINE_SLACK_SIGNING_SECRET)' : v.reason === 'stale_timestamp' ? 'the timestamp is missing or more than five minutes away from now (a replay?)' : v.reason;
        return reply.status(401).send({ error: { code, message: `Slack request refused: ${why}.` } });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return reply.status(400).send({ error: { code: 'slack.bad_payload', message: 'Expected a JSON body from the Events API.' } });
      }
      const s = await settingsOf(readTx(ctx.db));
      const a = readSlackEvent(body, s.redirect.reaction);
      if (a.kind === 'bad') return reply.status(400).send({ error: { code: 'slack.bad_payload', message: `Not an Events API request: ${a.why}.` } });
      if (a.kind === 'challenge') return reply.send({ challenge: a.challenge });
      if (a.kind === 'ignore') return reply.send({ ok: true, ignored: a.why });
      return reply.send({ ok: true, redirect: await redirectSlackMessage(ctx, a) });
    });
  });
}
