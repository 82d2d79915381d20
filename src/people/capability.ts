import type { Capability } from '../runtime/capability.ts';
import { registerPeopleRoutes } from './routes.ts';
import { peopleSection } from './workspace.ts';

export const peopleCapability: Capability = {
  name: 'people',
  routes: (app, ctx) => registerPeopleRoutes(app, ctx, { loginRateLimit: (app as any).hotlineLoginRateLimit ?? { max: 10, timeWindow: '1 minute' } }),
  workspace: peopleSection,
};
