// The helpdesk capability: ticket and portal routes, the SLA and bulk timers, the forms, SLA and macros sections
// of the workspace file, and the SMTP intake when HOTLINE_MAIL_INTAKE_PORT is set.
import type { Capability } from '../runtime/capability.ts';
import type { MailIntake } from './service-intake-mail.ts';
import { registerTicketJobs } from './jobs.ts';
import { registerPortalRoutes } from './routes-portal.ts';
import { startTicketMailIntake } from './service-intake-mail.ts';
import { queueRequesterMail } from './service-requester-mail.ts';
import { registerTicketRoutes } from './routes.ts';
import { helpdeskSection } from './workspace.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mailIntake?: MailIntake;
  }
}

export const ticketsCapability: Capability = {
  name: 'tickets',
  async routes(app, ctx) {
    registerTicketRoutes(app, ctx);
    registerPortalRoutes(app, ctx);
    const intake = await startTicketMailIntake(ctx);
    if (!intake) return;
    app.decorate('mailIntake', intake); // this node's SMTP listener (its port, for tests and start-up logs)
    app.addHook('onClose', async () => intake.close());
  },
  jobs: registerTicketJobs,
  workspace: helpdeskSection,
  subscribes: {
    // TK-2, TK-8: a public reply by staff is e-mailed to the requester
    'comment.public_by_staff': (_ctx, tx, e) => queueRequesterMail(tx, e),
  },
};
