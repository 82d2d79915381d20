import type { Capability } from '../runtime/capability.ts';
import { registerEmergencyJobs } from './jobs.ts';
import { registerEmergencyRoutes } from './routes.ts';

export const emergenciesCapability: Capability = {
  name: 'emergencies',
  routes: (app, ctx) => registerEmergencyRoutes(app, ctx),
  jobs: (ctx) => registerEmergencyJobs(ctx),
};
