// Live change events for browsers (Server-Sent Events). Published after commit; between nodes on
// PostgreSQL they travel by NOTIFY so a browser connected to node B sees a change made on node A.
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { listen, type Listener } from '../store/listen.ts';

export interface ChangeEvent {
  type: string; // user.updated, org.created, page.acknowledged, ticket.updated, …
  id: string;
  /** The customer organisation the subject belongs to, if any: customers only hear their own. */
  organizationId?: string | null;
  /** An event for one person only (a browser notification): nobody else's stream carries it. */
  userId?: string | null;
  /** What that person's browser shows. */
  notice?: { title: string; body: string; url: string | null };
}

export class ChangeBus {
  private emitter = new EventEmitter();
  constructor(private readonly nodeId: string) {
    this.emitter.setMaxListeners(0);
  }

  publish(e: ChangeEvent): void {
    this.emitter.emit('change', e);
    if (this.pool) {
      // changes published together (one commit's after-commit work, a burst on the events intake)
      // go to the other nodes in one round trip instead of one query each
      if (this.outbox.push(JSON.stringify({ ...e, from: this.nodeId })) === 1) queueMicrotask(() => this.sendOutbox());
    }
  }

  private outbox: string[] = [];
  private sendOutbox(): void {
    const payloads = this.outbox;
    this.outbox = [];
    if (!this.pool || !payloads.length) return;
    // unnest yields the payloads in order, so other nodes hear them in the order they happened
    const q = payloads.length === 1
      ? this.pool.query('select pg_notify($1, $2)', ['hotline_changes', payloads[0]])
      : this.pool.query('select pg_notify($1, p) from unnest($2::text[]) as p', ['hotline_changes', payloads]);
    q.catch(() => {});
  }

  subscribe(fn: (e: ChangeEvent) => void): () => void {
    this.emitter.on('change', fn);
    return () => this.emitter.off('change', fn);
  }

  private pool: pg.Pool | null = null;
  private listener: Listener | null = null;
  async connect(pool: pg.Pool): Promise<void> {
    this.pool = pool;
    this.listener = listen(pool, 'hotline_changes', (payload) => {
      if (!payload) return;
      const { from, ...e } = JSON.parse(payload);
      if (from !== this.nodeId) this.emitter.emit('change', e);
    });
  }

  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
    this.pool = null;
  }
}
