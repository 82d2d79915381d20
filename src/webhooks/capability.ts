// Event webhooks: the delivery job kind, the admin routes, and the subscribers that queue a
// delivery per matching subscription for page, emergency, ticket and escalation changes.
import type { Capability } from '../runtime/capability.ts';
import { registerWebhookRoutes } from './routes.ts';
import { registerWebhookJobs } from './service-deliver.ts';
import { onEmergencyChanged, onEscalation, onPageChanged, onTicketChanged } from './service-events.ts';

export const webhooksCapability: Capability = {
  name: 'webhooks',
  jobs: registerWebhookJobs,
  routes: (app, ctx) => registerWebhookRoutes(app, ctx),
  subscribes: {
    'page.changed': onPageChanged,
    'ticket.created': onTicketChanged,
    'ticket.updated': onTicketChanged,
    'emergency.changed': onEmergencyChanged,
    'escalation.filed': onEscalation,
    'escalation.changed': onEscalation,
  },
};
