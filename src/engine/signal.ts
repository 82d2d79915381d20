// In-process wake-up for runners: enqueue fires it after commit so a job due now starts without
// waiting for the next poll. Between nodes, PostgreSQL's NOTIFY does the same.
import { EventEmitter } from 'node:events';

const signals = new EventEmitter();
signals.setMaxListeners(100);

export function signalJobsDue(): void {
  signals.emit('due');
}

export function onJobsDue(fn: () => void): () => void {
  signals.on('due', fn);
  return () => signals.off('due', fn);
}
