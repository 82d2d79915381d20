// Reports plug into the node: their routes. They read the other capabilities' tables only through
// the read-only queries declared below (store.ts, store-whatif.ts), and write nothing.
import type { Capability } from '../runtime/capability.ts';
import { registerReportRoutes } from './routes.ts';
import { registerWhatIfRoutes } from './routes-whatif.ts';

/** The tables the reports' queries read (never write): tickets and their comments, pages, emergencies, escalations, people; what-if also the hand-offs on the timeline. */
export const REPORT_READS = ['tickets', 'ticket_comments', 'pages', 'emergencies', 'escalations', 'users', 'organizations', 'timeline'] as const;

export const reportsCapability: Capability = {
  name: 'reports',
  routes: (app, ctx) => {
    registerReportRoutes(app, ctx); // RP-1
    registerWhatIfRoutes(app, ctx); // RP-2
  },
};
