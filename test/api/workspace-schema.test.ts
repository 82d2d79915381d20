// The workspace format defined once (TypeBox), published as JSON Schema: a real JSON Schema
// validator (Ajv) accepts the demo file and refuses broken copies; the copy in the repository, the
// one the demo file points editors at, is the one Hotline serves; apply checks files against it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DEMO_FILE } from '../../src/main/server.ts';
import { workspaceJsonSchema } from '../../src/main/workspace-schema.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const REPO_COPY = join(DEMO_FILE, '..', 'workspace.schema.json');
const demoText = readFileSync(DEMO_FILE, 'utf8');
const demo = () => YAML.parse(demoText);
const ajv = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(readFileSync(REPO_COPY, 'utf8')));

describe('the workspace schema', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => s?.close());

  it('the repository copy is the schema Hotline serves, and the demo file points editors at it', async () => {
    const fresh = workspaceJsonSchema();
    expect(JSON.parse(readFileSync(REPO_COPY, 'utf8')), 'examples/workspace.schema.json is stale: npx hotline export --schema -o examples/workspace.schema.json').toEqual(fresh);
    const served = await fetch(`${s.url}/api/workspace.schema.json`); // no token: it describes the format, nothing of the workspace
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(await served.json()).toEqual(fresh);
    expect(demoText.split('\n')[0]).toBe('# yaml-language-server: $schema=./workspace.schema.json');
  });

  it('Ajv accepts examples/demo.yaml, and an export of it', async () => {
    expect(validate(demo()), JSON.stringify(validate.errors)).toBe(true);
    const api = http(s.url, { token: s.admin.token });
    expect((await api('POST', '/api/v1/workspace/apply', demoText, { 'content-type': 'application/yaml' })).status).toBe(200);
    const exported = await (await fetch(`${s.url}/api/v1/workspace/export`, { headers: { authorization: `Bearer ${s.admin.token}` } })).text();
    expect(validate(YAML.parse(exported)), JSON.stringify(validate.errors)).toBe(true);
  });

  const broken: [string, (d: any) => void, string][] = [
    ['a role that does not exist', (d) => { d.users[0].role = 'wizard'; }, '/users/0/role'],
    ['a misspelt field', (d) => { d.users[1].emial = d.users[1].email; }, '/users/1'],
    ['a number of seats in words', (d) => { d.organizations[0].seats = 'many'; }, '/organizations/0/seats'],
    ['an unknown section', (d) => { d.userz = []; }, ''],
    ['a rotation member field misspelt', (d) => { d.rotations[0].membrs = d.rotations[0].members; }, '/rotations/0'],
    ['a skill level that does not exist', (d) => { d.skills[0].subjects = { licensing: 'guru' }; }, '/skills/0/subjects/licensing'],
    ['a setting of the emergency workflow that is not a number', (d) => { d.emergencies.config = { silence: { follow_up_after_minutes: 'soon' } }; }, '/emergencies/config/silence/follow_up_after_minutes'],
  ];
  it.each(broken)('Ajv refuses a broken copy: %s', (_what, breakIt, where) => {
    const d = demo();
    breakIt(d);
    expect(validate(d)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(where);
  });

  it('apply checks a file against the schema: a field no section reads is refused with its path, and nothing is written', async () => {
    const api = http(s.url, { token: s.admin.token });
    const file = `organizations:\n  - { name: Never Written Co, plan_tier: premium }\nrotations:\n  - { id: r1, time_zone: UTC, start: '2026-01-05T00:00', membrs: [ alice.nguyen@example.com ] }\n`;
    const r = await api('POST', '/api/v1/workspace/apply', file, { 'content-type': 'application/yaml' });
    expect([r.status, r.body.error.code]).toEqual([400, 'workspace.unknown_field']);
    expect(r.body.error.message).toMatch(/^rotations\[0\]: unknown field "membrs"\. Allowed: id, name, time_zone, start, end, handoff/);
    expect(r.body.error.details.path).toBe('rotations[0].membrs');
    expect((await api('GET', '/api/v1/orgs?q=never')).body.items).toEqual([]);
    const deep = await api('POST', '/api/v1/workspace/apply', 'escalation_policies:\n  - { name: P, levels: [ { delay_minutes: 5, targets: [ { person: a@example.com } ] } ] }\n', { 'content-type': 'application/yaml' });
    expect([deep.status, deep.body.error.code]).toEqual([400, 'workspace.bad_field']);
    expect(deep.body.error.message).toMatch(/^escalation_policies\[0\]\.levels\[0\]\.targets\[0\]: expected a target: one of \{user: …\}, \{team: …\}/);
  });
});
