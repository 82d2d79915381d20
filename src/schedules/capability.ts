// Schedules plug into the node: the workspace section, the paging resolver (who is behind a
// schedule / group / DRI target), the hand-off jobs, HTTP routes and calendar feeds.
import type { Capability } from '../runtime/capability.ts';
import { registerScheduleResolver, registerShadowResolver } from '../paging/targets.ts';
import { armHandoffs, registerHandoffJobs } from './handoff.ts';
import { ownersAt, shadowsAt } from './resolver.ts';
import { registerScheduleRoutes } from './routes.ts';
import { schedulesSection } from './workspace.ts';

registerScheduleResolver(ownersAt);
registerShadowResolver(shadowsAt);

export const schedulesCapability: Capability = {
  name: 'schedules',
  routes: (app, ctx) => registerScheduleRoutes(app, ctx),
  jobs: (ctx) => registerHandoffJobs(ctx),
  workspace: schedulesSection,
  subscribes: {
    'schedule.changed': async (ctx, tx) => void (await armHandoffs(ctx, tx)), // SCH-10: re-arm the hand-offs
  },
};
