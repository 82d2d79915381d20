// The API document without a running node: the app is built over an empty in-memory store and
// never listens, so the build (web types) and `hotline openapi` need neither a database nor a port.
import { join } from 'node:path';
import { systemClock } from '../kernel/clock.ts';
import { openDatabase } from '../store/db.ts';
import { JobEngine } from '../engine/runner.ts';
import { buildApp } from '../api/app.ts';
import { ChangeBus } from '../runtime/bus.ts';
import { capabilities } from './capabilities.ts';
import { buildCtx } from './node.ts';
import { ROOT, VERSION } from './version.ts';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = await openDatabase({ file: ':memory:' });
  const bus = new ChangeBus('openapi');
  const ctx = buildCtx({ db, clock: systemClock, jobs: new JobEngine({ db, clock: systemClock, nodeId: 'openapi' }), bus }, capabilities);
  try {
    const app = await buildApp(ctx, { version: VERSION, webDir: join(ROOT, 'web', 'dist'), logLevel: 'silent', engineRunning: () => false, plugs: capabilities });
    try {
      // a deep copy: the document is the app's own object, and the app is closed below
      return JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await bus.close();
    await db.close();
  }
}
