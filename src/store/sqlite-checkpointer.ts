// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit that
// crosses the WAL's size limit: that commit copies the WAL into the database file and waits for
// its fsync, and every request behind it waits too (10–130 ms stalls under a webhook fan-out). A
// thread of its own with its own connection checkpoints instead, a second after writes began
// (PASSIVE: it never blocks a writer; what it cannot copy yet it copies next time). Durability is
// unchanged: a commit is in the WAL either way. The thread is plain JavaScript (no loader needed).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {} };
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint('PASSIVE'); db.close(); parentPort.close(); });
`;

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` every `everyMs`; the caller turns off its connection's own (wal_autocheckpoint = 0). */
export function startCheckpointer(file: string, everyMs = 1000): Checkpointer {
  const w = new Worker(CODE, { eval: true, workerData: { file, driver: DRIVER, everyMs } });
  w.unref();
  const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
  w.on('error', () => undefined); // a failed checkpoint thread leaves the WAL to grow until the next start; the data is safe
  return {
    async stop() {
      w.ref(); // held until it has closed: an unreferenced thread would let the process end mid-close
      w.postMessage('stop');
      await exited;
    },
  };
}
