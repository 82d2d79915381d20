import type { Capability } from '../runtime/capability.ts';
import { registerIncidentRoutes } from './routes.ts';
import { incidentGrouping } from './service-intake.ts';
import { onIncidentPageChanged } from './service-page.ts';

export const incidentsCapability: Capability = {
  name: 'incidents',
  routes: (app, ctx) => registerIncidentRoutes(app, ctx),
  subscribes: {
    // PG-7: the own pages of emergencies that joined follow the incident's page.
    'page.changed': (ctx, tx, { page, entries }) => (page.ticketId ? undefined : onIncidentPageChanged(ctx, tx, page, entries)),
  },
  provides: {
    incidentGrouping, // WF-10: the emergency workflow groups, vetoes and ends through it
  },
};
