// The emergencies section of the workspace over real HTTP on every engine: handbook numbers are
// configuration (WF-5's 15 minutes here), WF-16 planned-work notes show at intake, bad input
// names the path and writes nothing, and export → apply round-trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const YAML = { 'content-type': 'application/yaml' };
const SECTION = `emergencies:
  config:
    silence: { follow_up_after_minutes: 5 }
  planned_work:
    - { organization: Acme Robotics, author: bella.cruz@example.com, text: "Gitaly storage migration tonight; expect slow pushes", until: 2026-11-25T00:00:00Z }
`;

describe.each(testEngines())('emergencies workspace section on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 30_000);
  afterAll(() => n?.close());
  const apply = (text: string) => n.admin('POST', '/api/v1/workspace/apply', text, YAML);

  it('WF-5/WF-16: applied settings drive the next emergency — planned work shown at intake, follow-up after 5 minutes', async () => {
    const r = await apply(SECTION);
    expect(r.status, r.text).toBe(200);
    expect(r.body.report.emergencies).toMatchObject({ updated: 1 }); // the demo wrote the section first
    const t = await n.urgent('rita@acme.example', 'Pushes time out');
    const e = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body;
    expect(e.thread.some((p: any) => p.text.includes('Planned work noted by bella.cruz@example.com: Gitaly storage migration tonight'))).toBe(true);
    expect((await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Joining the bridge.', public: true })).status).toBe(201);
    const timer = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.timers.find((x: any) => x.kind === 'silence-followup');
    expect(timer.dueAt).toBe('2026-11-24T17:05:00.000Z');
  });

  it('WF-16: a note past its "until" is not shown; another organisation never sees it', async () => {
    const g = await n.urgent('gus@globex.example', 'Globex down', 'saas');
    const e = (await n.admin('GET', `/api/v1/emergencies/${g.number}`)).body;
    expect(e.thread.some((p: any) => p.text.includes('Planned work'))).toBe(false);
  });

  it('bad input names the path and writes nothing, not even the valid sections beside it', async () => {
    const r = await apply(`organizations:\n  - { name: Half Written Co, plan_tier: premium }\nemergencies:\n  config:\n    silence: { follow_up_after_minutes: soon }\n`);
    expect([r.status, r.body.error.code]).toEqual([400, 'workspace.bad_field']);
    expect(r.body.error.message).toContain('emergencies.config.silence.follow_up_after_minutes: must be a number');
    expect((await n.admin('GET', '/api/v1/orgs?q=half')).body.items).toEqual([]);
    // WF-6/SCH-5: the US-government manager schedule must exist
    const unknownSchedule = await apply('emergencies:\n  config:\n    rotations: { us_government_managers: nobody-on-call }\n');
    expect([unknownSchedule.status, unknownSchedule.body.error.code]).toEqual([400, 'workspace.unknown_schedule']);
    expect(unknownSchedule.body.error.message).toContain('emergencies.config.rotations.us_government_managers: no schedule "nobody-on-call"');
    const emptySchedule = await apply("emergencies:\n  config:\n    rotations: { us_government_managers: '' }\n");
    expect([emptySchedule.status, emptySchedule.body.error.code]).toEqual([400, 'workspace.bad_field']);
    const unknownOrg = await apply('emergencies:\n  planned_work:\n    - { organization: Nowhere Inc, author: a@example.com, text: x }\n');
    expect([unknownOrg.status, unknownOrg.body.error.code]).toEqual([400, 'workspace.unknown_organization']);
    // the earlier settings still hold
    const t = await n.urgent('rita@acme.example', 'Still five minutes');
    expect((await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Here.', public: true })).status).toBe(201);
    expect((await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.timers.find((x: any) => x.kind === 'silence-followup').dueAt).toBe('2026-11-24T17:05:00.000Z');
  });

  it('export → apply changes nothing', async () => {
    const out = await n.admin('GET', '/api/v1/workspace/export');
    expect(out.text).toContain('emergencies:');
    expect(out.text).toContain('follow_up_after_minutes: 5');
    expect(out.text).toContain('organization: Acme Robotics');
    const again = await apply(out.text);
    expect(again.status, again.text).toBe(200);
    expect(again.body.report.emergencies).toMatchObject({ created: 0, updated: 0 });
  });
});
