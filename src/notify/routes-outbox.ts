// The built-in outbox over HTTP: admins read what Hotline would have sent had a real channel been
// configured (channel, recipient, the rendered message, what it is about). Nobody else may: the
// messages hold other people's addresses and the text of pages and replies.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ADMINS } from '../api/auth.ts';
import { Str } from '../api/schemas.ts';
import { invalid } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { readTx } from '../store/tx.ts';
import { listOutbox } from './store.ts';

const OutboxQuery = Type.Object({
  channel: Type.Optional(Type.Union(['email', 'sms', 'voice', 'slack', 'chat-webhook', 'webhook', 'push'].map((k) => Type.Literal(k)))),
  userId: Type.Optional(Str(64, 1)),
  pageId: Type.Optional(Str(64, 1)),
  ticketId: Type.Optional(Str(64, 1)),
  before: Type.Optional(Str(40, 1)),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
}, { additionalProperties: false });

const Action = Type.Object({ label: Type.String(), url: Type.String() });
const OutboxMessageT = Type.Object({
  id: Type.String(), deliveryId: Type.String(), deliveryKey: Type.String(), channel: Type.String(), address: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]), userName: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(), text: Type.String(), actions: Type.Array(Action),
  page: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer(), title: Type.String() }), Type.Null()]),
  ticket: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer(), subject: Type.String(), emergency: Type.Boolean() }), Type.Null()]),
  at: Type.String(),
}, { title: 'OutboxMessage' });

export function registerOutboxRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/outbox', {
    config: { access: ADMINS },
    schema: {
      tags: ['notify'], operationId: 'listOutbox',
      summary: 'Messages kept in the built-in outbox because no real channel of their kind is configured (admins), newest first',
      querystring: OutboxQuery,
      response: { 200: Type.Object({ items: Type.Array(OutboxMessageT) }) },
    },
  }, async (req) => {
    const q = req.query as Static<typeof OutboxQuery>;
    let before: Temporal.Instant | undefined;
    if (q.before) {
      try {
        before = Temporal.Instant.from(q.before);
      } catch {
        throw invalid('outbox.bad_before', `"before" must be an instant such as 2026-12-04T09:00:00Z, got "${q.before}".`);
      }
    }
    const items = await listOutbox(readTx(ctx.db), {
      channel: q.channel, userId: q.userId, pageId: q.pageId, ticketId: q.ticketId, before, limit: q.limit ? Number(q.limit) : undefined,
    });
    return { items };
  });
}
