// What every use case needs from the running node: the store, the clock, the job engine, the
// live-update bus, and the wiring between capabilities (events, ports, workspace sections). Built
// once per node by src/main/ (from every capability's plug) and passed down; two nodes in one
// process share nothing.
import type { TSchema } from '@sinclair/typebox';
import type { Actor } from '../kernel/actor.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../store/db.ts';
import { transact, type Tx } from '../store/tx.ts';
import type { JobEngine } from '../engine/runner.ts';
import type { ChangeBus, ChangeEvent } from './bus.ts';
import type { NodeMetrics } from './metrics.ts';

/**
 * Events a capability publishes, by name → payload. Each capability adds its own events here
 * (declaration merging in its face), so `publish` and every subscriber are typed by name.
 */
export interface Events {}
/** For the events whose subscribers answer (a hand-off's open items): name → one subscriber's answer. */
export interface Replies {}
/** Answers one capability provides to the others (who is on call, a page veto …), by name. */
export interface Ports {}

export type EventName = keyof Events;
export type Reply<E extends EventName> = E extends keyof Replies ? Replies[E] : void;
/** Runs inside the publishing transaction: what it writes commits or rolls back with the change; throwing rolls it all back. */
export type Subscriber<E extends EventName> = (ctx: Ctx, tx: Tx, payload: Events[E]) => Promise<Reply<E> | void> | Reply<E> | void;
export type Subscribers = { [E in EventName]?: Subscriber<E>[] };

/** One node's events: the plugs' subscribers per event, in the order src/main/wiring.ts lists them. */
export class EventHub {
  constructor(
    private readonly ctx: () => Ctx,
    private readonly subscribers: Subscribers,
  ) {}

  /** Calls every subscriber of `name` in order, inside `tx`; returns their answers (events that have them). */
  async publish<E extends EventName>(tx: Tx, name: E, payload: Events[E]): Promise<Reply<E>[]> {
    const out: Reply<E>[] = [];
    for (const s of [...(this.subscribers[name] ?? [])] as Subscriber<E>[]) {
      const r = await s(this.ctx(), tx, payload);
      if (r !== undefined) out.push(r as Reply<E>);
    }
    return out;
  }

  /** Adds a subscriber to this node only, after the plugs' ones (tests); returns the function that removes it. */
  subscribe<E extends EventName>(name: E, fn: Subscriber<E>): () => void {
    const all = this.subscribers as Record<string, Subscriber<E>[] | undefined>;
    const list = (all[name] ??= []);
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }
}

export interface SectionReport {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplyContext {
  ctx: Ctx;
  tx: Tx;
  actor: Actor;
  /** The whole document, for sections that read another section's defaults. */
  doc: Record<string, unknown>;
  count(section: string, outcome: keyof SectionReport): void;
}

/** The part of the workspace file a capability owns. */
export interface WorkspaceSection {
  /** The top-level keys this section owns, each with the JSON Schema (TypeBox) of its value. */
  schema: Record<string, TSchema>;
  /** Lower runs first: people before schedules before policies. */
  order: number;
  apply(a: ApplyContext): Promise<void>;
  export(ctx: Ctx, tx: Tx): Promise<Record<string, unknown>>;
}

/**
 * A node's own settings, from its start-up (environment, flags), not from the workspace: each
 * capability adds its part here (declaration merging in its face). Workspace settings are read
 * through the transaction instead (tx.memo).
 */
export interface NodeConfig {}

export interface Ctx {
  db: Db;
  clock: Clock;
  jobs: JobEngine;
  bus: ChangeBus;
  /** What this node counts for its operators' /metrics (RP-4). */
  metrics: NodeMetrics;
  events: EventHub;
  /** Provided by the plugs; a missing port means no capability answers it on this node. */
  ports: Partial<Ports>;
  /** Every workspace section of this node, in apply order. */
  sections: readonly WorkspaceSection[];
  /** This node's own settings; a part that is absent takes its capability's default. */
  config: Partial<NodeConfig>;
}

/** Run `fn` in the caller's transaction when there is one, else in a new one. */
export function withTx<T>(ctx: Ctx, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : transact(ctx.db, fn);
}

/** Tell browsers about a change once it is committed. */
export function announce(ctx: Ctx, tx: Tx, e: ChangeEvent): void {
  tx.afterCommit(() => ctx.bus.publish(e));
}
