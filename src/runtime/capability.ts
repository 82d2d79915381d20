// A capability plugs into the running node in three ways: HTTP routes, job kinds for the engine,
// and sections of the workspace file. capabilities.ts lists them; nothing else wires them.
import type { FastifyInstance } from 'fastify';
import type { WorkspaceSection } from '../workspace/section.ts';
import type { Ctx } from './context.ts';

export interface Capability {
  name: string;
  routes?(app: FastifyInstance, ctx: Ctx): void | Promise<void>;
  /** Register job kinds with ctx.jobs (timers and deliveries this capability owns). */
  jobs?(ctx: Ctx): void;
  workspace?: WorkspaceSection;
}
