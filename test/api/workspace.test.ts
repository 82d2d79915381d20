// `hotline apply` is idempotent and `hotline export` round-trips.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DEMO_FILE } from '../../src/main/server.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const yaml = { 'content-type': 'application/yaml' };

describe.each(testEngines())('workspace files on %s', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ engine });
    api = http(s.url, { token: s.admin.token });
  });
  afterAll(async () => s?.close());

  it('applying the demo twice changes nothing the second time', async () => {
    const text = readFileSync(DEMO_FILE, 'utf8');
    const first = await api('POST', '/api/v1/workspace/apply', text, yaml);
    expect(first.status).toBe(200);
    expect(first.body.report.organizations.created).toBe(11);
    const timeline = async () => Number((await s.hotline.ctx.db.kysely.selectFrom('timeline').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await timeline();
    const second = await api('POST', '/api/v1/workspace/apply', text, yaml);
    for (const [section, r] of Object.entries(second.body.report as Record<string, any>)) {
      expect({ section, created: r.created, updated: r.updated }).toEqual({ section, created: 0, updated: 0 });
    }
    expect(await timeline()).toBe(before);
  });

  it('export gives a file that applies with no change, and a dry run writes nothing', async () => {
    const exported = await fetch(`${s.url}/api/v1/workspace/export`, { headers: { authorization: `Bearer ${s.admin.token}` } });
    const text = await exported.text();
    const doc = YAML.parse(text);
    expect(doc.organizations.find((o: any) => o.name === 'Acme Robotics')).toMatchObject({ csm: 'zoe.adams@example.com', ase: 'bella.cruz@example.com' });
    expect(text).not.toMatch(/password/);
    const again = await api('POST', '/api/v1/workspace/apply', text, yaml);
    for (const r of Object.values(again.body.report as Record<string, any>)) expect(r.created + r.updated).toBe(0);
    const dry = await api('POST', '/api/v1/workspace/apply?dryRun=true', 'organizations:\n  - {name: Dry Run Co, plan_tier: premium}\n', yaml);
    expect(dry.body.report.organizations.created).toBe(1);
    const orgs = (await api('GET', '/api/v1/orgs?q=dry')).body.items;
    expect(orgs).toEqual([]);
  });
});
