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
}

export class ChangeBus {
  private emitter = new EventEmitter();
  constructor(private readonly nodeId: string) {
    this.emitter.setMaxListeners(0);
  }

  publish(e: ChangeEvent): void {
    this.emitter.emit('change', e);
    if (this.pool) {
      const payload = JSON.stringify({ ...e, from: this.nodeId });
      this.pool.query('select pg_notify($1, $2)', ['hotline_changes', payload]).catch(() => {});
    }
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
