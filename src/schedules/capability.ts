// Schedules plug into the node: the workspace section, the paging resolver (who is behind a
// schedule / group / DRI target), the hand-off jobs, HTTP routes and calendar feeds.
import type { Capability } from '../runtime/capability.ts';
import { armHandoffs, registerHandoffJobs } from './service-handoff.ts';
import { ownersAt, shadowsAt } from './service-resolver.ts';
import { armIcalRefresh, registerIcalJobs } from './service-ical.ts';
import { registerScheduleRoutes } from './routes.ts';
import { schedulesSection } from './workspace.ts';


export const schedulesCapability: Capability = {
  name: 'schedules',
  routes: (app, ctx) => registerScheduleRoutes(app, ctx),
  jobs: (ctx) => {
    registerHandoffJobs(ctx);
    registerIcalJobs(ctx); // rotations that follow an iCalendar feed
  },
  workspace: schedulesSection,
  provides: {
    scheduleResolver: ownersAt, // who is behind a schedule / group / DRI target
    shadowResolver: shadowsAt, // SCH-7
  },
  subscribes: {
    'schedule.changed': async (ctx, tx) => {
      await armHandoffs(ctx, tx); // SCH-10: re-arm the hand-offs
      await armIcalRefresh(ctx, tx); // read a new or moved iCalendar feed now
    },
  },
};
