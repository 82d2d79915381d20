// The interop capability's plug: the Zendesk-compatible API (/api/v2). The importers are
// command-line surfaces and bring no routes, jobs or subscriptions.
import type { Capability } from '../runtime/capability.ts';
import { registerZendeskRoutes } from './routes-zendesk.ts';

export const interopCapability: Capability = {
  name: 'interop',
  routes: (app, ctx) => registerZendeskRoutes(app, ctx),
};
