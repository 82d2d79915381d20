// A capability's plug: what it brings to a node, declared and typed. HTTP routes, job kinds for the
// engine, its section of the workspace file, the events it subscribes to and the ports it provides.
// src/main/ reads every plug and wires them onto the node's Ctx; nothing else wires them.
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../store/tx.ts';
import type { Ctx, EventName, Ports, Subscriber, WorkspaceSection } from './context.ts';

export type { WorkspaceSection };

export interface Capability {
  name: string;
  routes?(app: FastifyInstance, ctx: Ctx): void | Promise<void>;
  /** Register job kinds with ctx.jobs (timers and deliveries this capability owns). */
  jobs?(ctx: Ctx): void;
  /**
   * At every node start (after migrations and the demo, under the start-up lock, before the job
   * engine runs): bring back what must always be scheduled, such as a recurring job whose chain a
   * failure or an older store broke. Must be idempotent: every node of a cluster runs it.
   */
  start?(ctx: Ctx, tx: Tx): Promise<void>;
  workspace?: WorkspaceSection;
  /** One subscriber per event; the order between capabilities is listed in src/main/wiring.ts. */
  subscribes?: { [E in EventName]?: Subscriber<E> };
  /** Ports this capability answers for the others; two plugs never provide the same port. */
  provides?: Partial<Ports>;
}
