import type { Capability } from '../runtime/capability.ts';
import { registerEmergencyJobs } from './jobs.ts';
import { onEmergencyPageChanged } from './service-page.ts';
import { pageVeto } from './service.ts';
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
    'page.changed': (ctx, tx, { page, entries }) => onEmergencyPageChanged(ctx, tx, page, entries),
  },
  provides: {
    pageVeto: (page, t, tx) => pageVeto(page, t, tx), // PG-2
  },
};
