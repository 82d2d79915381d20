// Support escalations plug into the node (SM-1..SM-10): their routes, the cover requests'
// expiry timer, the first-response watch (scheduled again at every start), and their workspace sections
// (`escalations:` settings and the `skills:` directory). They publish 'escalation.filed' and
// 'escalation.changed' (src/main/wiring.ts lists who hears them).
import type { Capability } from '../runtime/capability.ts';
import { registerEscalationRoutes } from './routes.ts';
import { registerCoverRoutes } from './routes-cover.ts';
import { registerRedirectRoutes } from './routes-redirect.ts';
import { registerManagerRoutes } from './routes-manager.ts';
import { onManagersShiftChanged } from './service-manager-handover.ts';
import { registerUpgradeRoutes } from './routes-upgrade.ts';
import { registerCoverJobs } from './service-cover.ts';
import { registerRedirectJobs } from './service-redirect.ts';
import { ensureFirstResponseWatch, registerWatchJobs } from './service-watch.ts';
import { escalationsSection } from './workspace.ts';

export const escalationsCapability: Capability = {
  name: 'escalations',
  routes: (app, ctx) => {
    registerEscalationRoutes(app, ctx);
    registerCoverRoutes(app, ctx); // SM-9
    registerRedirectRoutes(app, ctx); // SM-4
    registerManagerRoutes(app, ctx); // SM-5/SM-6
    registerUpgradeRoutes(app, ctx); // SM-8
  },
  jobs: (ctx) => {
    registerCoverJobs(ctx); // SM-9: a cover request expires when its hours start
    registerWatchJobs(ctx); // SM-10: the first-response watch
    registerRedirectJobs(ctx); // SM-4: the redirect reply to a Slack :escalate: reaction
  },
  // SM-10: the watch runs after any restart, whatever became of its last run
  start: async (ctx, tx) => void (await ensureFirstResponseWatch(tx, ctx.clock.now())),
  workspace: escalationsSection,
  subscribes: {
    // SM-6: at the managers' shift change the outgoing manager's emergencies go to the next one
    'shift.changed': (ctx, _tx, e) => onManagersShiftChanged(ctx, e),
  },
};
