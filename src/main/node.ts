// Builds one node's Ctx from its parts and the capabilities' plugs: the wiring (events, ports,
// workspace sections) and every plug's job kinds. Nothing here is shared between two nodes.
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../store/db.ts';
import type { JobEngine } from '../engine/runner.ts';
import type { ChangeBus } from '../runtime/bus.ts';
import { NodeMetrics } from '../runtime/metrics.ts';
import type { Capability } from '../runtime/capability.ts';
import { EventHub, type Ctx, type NodeConfig } from '../runtime/context.ts';
import { capabilities } from './capabilities.ts';
import { wire } from './wiring.ts';

export interface NodeParts {
  db: Db;
  clock: Clock;
  jobs: JobEngine;
  bus: ChangeBus;
  config?: Partial<NodeConfig>;
  metrics?: NodeMetrics;
}

export function buildCtx(parts: NodeParts, plugs: readonly Capability[] = capabilities): Ctx {
  const w = wire(plugs);
  const ctx: Ctx = { ...parts, metrics: parts.metrics ?? new NodeMetrics(), config: { ...parts.config }, events: new EventHub(() => ctx, w.subscribers), ports: w.ports, sections: w.sections };
  for (const p of plugs) p.jobs?.(ctx);
  return ctx;
}
