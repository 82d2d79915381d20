// Server-Sent Events: browsers hear about changes and refetch what they show. Customers only
// hear about their own organisation's subjects. An event addressed to one person (a browser
// notification) reaches that person's streams and no one else's.
import type { FastifyInstance } from 'fastify';
import { isStaff } from '../kernel/actor.ts';
import type { Ctx } from '../runtime/context.ts';
import { requireActor } from './auth.ts';

export function registerLive(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/stream', {
    config: { access: 'user' },
    schema: {
      tags: ['live'], operationId: 'streamChanges', summary: 'Live change events (text/event-stream)',
      response: { 200: { description: '`event: change` ({type, id}) for what to refetch, `event: notify` for a browser notification to this person', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    },
  }, (req, reply) => {
    const actor = requireActor(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const unsubscribe = ctx.bus.subscribe((e) => {
      if (e.userId != null || e.notice) {
        if (!actor.userId || e.userId !== actor.userId) return;
        res.write(`event: notify\ndata: ${JSON.stringify({ type: e.type, id: e.id, ...e.notice })}\n\n`);
        return;
      }
      if (!isStaff(actor) && e.organizationId !== actor.organizationId) return;
      res.write(`event: change\ndata: ${JSON.stringify({ type: e.type, id: e.id })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
}
