import type { Capability } from '../runtime/capability.ts';
import { registerEmergencyJobs } from './jobs.ts';
import { onEmergencyPageChanged } from './service-page.ts';
import { onCustomerReply, onPublicReplyByStaff, onTicketCreated, pageVeto } from './service.ts';
import { onTicketUpdated } from './service-closed.ts';
import { isOnEmergencyCall } from './service-oncall.ts';
import { onPageOncallSignal } from './service-paths.ts';
import { onHandoffReminder, onShiftChanged } from './service-handoff.ts';
import { registerEmergencyRoutes } from './routes.ts';
import { registerPathRoutes } from './routes-paths.ts';
import { emergenciesSection } from './workspace.ts';

export const emergenciesCapability: Capability = {
  name: 'emergencies',
  routes: (app, ctx) => {
    registerEmergencyRoutes(app, ctx);
    registerPathRoutes(app, ctx);
  },
  jobs: (ctx) => registerEmergencyJobs(ctx),
  workspace: emergenciesSection,
  subscribes: {
    'ticket.created': async (ctx, tx, e) => void (await onTicketCreated(e, { ctx, tx })),
    'comment.public_by_staff': (ctx, tx, e) => onPublicReplyByStaff(e, { ctx, tx }),
    'comment.by_customer': (ctx, tx, e) => onCustomerReply(e, { ctx, tx }),
    'ticket.updated': (ctx, tx, e) => onTicketUpdated(e, { ctx, tx }),
    'shift.changed': (ctx, _tx, e) => onShiftChanged(ctx, e),
    'handoff.reminder': (ctx, _tx, e) => onHandoffReminder(ctx, e),
    'macro.signal': async (ctx, tx, e) => {
      if (e.signal === 'page_oncall') await onPageOncallSignal(ctx, tx, e.actor, e.ticket.id);
    },
    'page.changed': (ctx, tx, { page, entries }) => onEmergencyPageChanged(ctx, tx, page, entries),
  },
  provides: {
    pageVeto: (ctx, page, t, tx) => pageVeto(ctx, page, t, tx), // PG-2
    onCallCheck: isOnEmergencyCall, // TK-8
  },
};
