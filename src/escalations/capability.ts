// Support escalations plug into the node (SM-1..SM-3, SM-9): their routes, the cover requests'
// expiry timer, and their workspace sections
// (`escalations:` settings and the `skills:` directory). They publish 'escalation.filed' and
// 'escalation.changed' (src/main/wiring.ts lists who hears them).
import type { Capability } from '../runtime/capability.ts';
import { registerEscalationRoutes } from './routes.ts';
import { registerCoverRoutes } from './routes-cover.ts';
import { registerCoverJobs } from './service-cover.ts';
import { registerWatchJobs } from './service-watch.ts';
import { escalationsSection } from './workspace.ts';

export const escalationsCapability: Capability = {
  name: 'escalations',
  routes: (app, ctx) => {
    registerEscalationRoutes(app, ctx);
    registerCoverRoutes(app, ctx); // SM-9
  },
  jobs: (ctx) => {
    registerCoverJobs(ctx); // SM-9: a cover request expires when its hours start
    registerWatchJobs(ctx); // SM-10: the first-response watch
  },
  workspace: escalationsSection,
};
