// A helpdesk job node in its own process, for the bulk kill-and-restart test. Each staff reply
// waits a little so the test can kill the node half way through a bulk update.
import { systemClock } from '../../src/kernel/clock.ts';
import { openDatabase } from '../../src/store/db.ts';
import { JobEngine } from '../../src/engine/runner.ts';
import { ChangeBus } from '../../src/runtime/bus.ts';
import type { Ctx } from '../../src/runtime/context.ts';
import { only } from '../../src/main/capabilities.ts';
import { buildCtx } from '../../src/main/node.ts';

const [url, nodeId] = process.argv.slice(2);
const db = await openDatabase(url.startsWith('postgres') ? { url } : { file: url });
const jobs = new JobEngine({ db, clock: systemClock, nodeId, pollMs: 50, leaseMs: 1500 });
const ctx: Ctx = buildCtx({ db, clock: systemClock, jobs, bus: new ChangeBus(nodeId) }, only('tickets'));
ctx.events.subscribe('comment.public_by_staff', () => new Promise((r) => setTimeout(r, 5)));
await jobs.start();
process.send?.('ready');
