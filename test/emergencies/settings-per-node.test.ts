// Workspace settings are read through the transaction that uses them: two nodes in one process,
// each on its own store, never see each other's emergency settings (however their calls interleave).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const YAML = { 'content-type': 'application/yaml' };

describe.each(testEngines())('emergency settings per node on %s', (engine) => {
  let a: Awaited<ReturnType<typeof emergencyNode>>;
  let b: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    a = await emergencyNode(engine, '2026-11-24T17:00:00Z');
    b = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('WF-10: an incident shows its own node\'s default status page, not the one another node in the process just applied', async () => {
    const t = await b.urgent('gus@globex.example', 'Pipelines stuck', 'saas');
    const declared = await b.admin('POST', '/api/v1/incidents', { title: 'CI runners down', tickets: [t.number] });
    expect(declared.status, declared.text).toBe(201);
    const before = declared.body.statusPageUrl as string;
    const applied = await a.admin('POST', '/api/v1/workspace/apply', 'emergencies:\n  config:\n    incident: { status_page_url: https://status.node-a.example }\n', YAML);
    expect(applied.status, applied.text).toBe(200);
    expect((await b.admin('GET', `/api/v1/incidents/${declared.body.number}`)).body.statusPageUrl).toBe(before);
    expect(before).not.toBe('https://status.node-a.example');
    const ta = await a.urgent('gus@globex.example', 'Pipelines stuck here too', 'saas');
    const onA = await a.admin('POST', '/api/v1/incidents', { title: 'CI runners down', tickets: [ta.number] });
    expect(onA.body.statusPageUrl).toBe('https://status.node-a.example');
  });
});
