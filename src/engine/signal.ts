// In-process wake-up for runners: enqueue fires it after commit so a job due now starts without
// waiting for the next poll. Between nodes, PostgreSQL's NOTIFY does the same. The signal says
// when the earliest job written is due, so a runner asleep until before then stays asleep (a page's
// escalation timer half an hour out is no reason to look for work now).
import { EventEmitter } from 'node:events';

const signals = new EventEmitter();
signals.setMaxListeners(100);

/** Jobs were committed; the earliest is due at `dueAtMs` (epoch ms by the writer's clock; absent: now). */
export function signalJobsDue(dueAtMs?: number): void {
  signals.emit('due', dueAtMs);
}

export function onJobsDue(fn: (dueAtMs: number | undefined) => void): () => void {
  signals.on('due', fn);
  return () => signals.off('due', fn);
}
