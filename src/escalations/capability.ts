// Support escalations plug into the node (SM-1..SM-3): their routes and their workspace sections
// (`escalations:` settings and the `skills:` directory). They publish 'escalation.filed' and
// 'escalation.changed' (src/main/wiring.ts lists who hears them).
import type { Capability } from '../runtime/capability.ts';
import { registerEscalationRoutes } from './routes.ts';
import { escalationsSection } from './workspace.ts';

export const escalationsCapability: Capability = {
  name: 'escalations',
  routes: (app, ctx) => registerEscalationRoutes(app, ctx),
  workspace: escalationsSection,
};
