// Live changes between nodes on PostgreSQL: what one node publishes, every other node hears.
// (On SQLite there is one node, and the bus is an in-process emitter.)
import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/test-db.ts';
import { needs } from '../../test/support/requirements.ts';
import { ChangeBus } from './bus.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('change bus between nodes (postgres)', needs('postgres'), () => {
  it('changes published together (one commit, a burst of events) reach the other node, every one and in order', async () => {
    const db = await openTestDb('postgres');
    const a = new ChangeBus('node-a');
    const b = new ChangeBus('node-b');
    try {
      await a.connect(db.pool!);
      await b.connect(db.pool!);
      const heard: string[] = [];
      b.subscribe((e) => heard.push(e.id));
      // LISTEN starts in the background: probe until node B hears node A
      for (let i = 0; i < 100 && !heard.includes('probe'); i++) {
        a.publish({ type: 'probe', id: 'probe' });
        await sleep(50);
      }
      expect(heard).toContain('probe');
      heard.length = 0;
      const ids = Array.from({ length: 50 }, (_, i) => `page-${i}`);
      for (const id of ids) a.publish({ type: 'page.changed', id });
      a.publish({ type: 'page.changed', id: 'last' });
      for (let i = 0; i < 100 && !heard.includes('last'); i++) await sleep(50);
      expect(heard.filter((id) => id !== 'probe')).toEqual([...ids, 'last']);
    } finally {
      await a.close();
      await b.close();
      await db.close();
    }
  });
});
