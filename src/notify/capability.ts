// Messages to people that are not pages (reminders, mentions, replies to customers): the job kind
// that delivers them. Pages have their own deliveries in the paging capability. The built-in
// outbox's route.
import type { Capability } from '../runtime/capability.ts';
import { registerPersonJobs } from './service-person.ts';
import { registerOutboxRoutes } from './routes-outbox.ts';

export const notifyCapability: Capability = {
  name: 'notify',
  jobs: registerPersonJobs,
  routes: (app, ctx) => registerOutboxRoutes(app, ctx),
};
