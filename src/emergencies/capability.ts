import type { Capability } from '../runtime/capability.ts';
import { registerEmergencyJobs } from './jobs.ts';
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
};
