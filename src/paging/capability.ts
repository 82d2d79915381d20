import type { Capability } from '../runtime/capability.ts';
import { registerPagingJobs } from './jobs.ts';
import { registerPagingRoutes } from './routes.ts';
import { pagingSection } from './workspace.ts';

export const pagingCapability: Capability = {
  name: 'paging',
  routes: (app, ctx) => registerPagingRoutes(app, ctx),
  jobs: (ctx) => registerPagingJobs(ctx),
  workspace: pagingSection,
};
