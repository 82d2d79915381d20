// TK-3: macros in the workspace file replace the demo macro of the same id, survive a round trip,
// and a bad action names its entry and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../kernel/actor.ts';
import { readTx } from '../store/tx.ts';
import { testEngines } from '../store/test-db.ts';
import { applyWorkspace, exportWorkspace } from '../workspace/index.ts';
import { count, openKit, type Kit } from '../../test/tickets/kit.ts';
import { findMacro, listMacros } from './service-macros.ts';
import { DEMO_MACROS } from './demo-macros.ts';

const YAML = `
macros:
  - id: emergency-strict-definition
    title: "General::Emergency::Strict Definition (ours)"
    actions:
      - { type: add_tags, tags: [emergency_strict] }
      - { type: comment, public: true, body: "Hi {{requester.first_name|there}}, we are on it." }
  - id: status-page
    title: Point to the status page
    actions:
      - { type: set_status, value: pending }
`;

describe.each(testEngines())('macros workspace section on %s', (engine) => {
  let k: Kit;
  beforeAll(async () => { k = await openKit(engine); });
  afterAll(async () => k?.close());

  it('TK-3: workspace macros override the demo set by id and apply idempotently', async () => {
    const first = await applyWorkspace(k.ctx, SYSTEM, YAML);
    expect(first.macros).toMatchObject({ created: 2 });
    const again = await applyWorkspace(k.ctx, SYSTEM, YAML);
    expect(again.macros).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const tx = readTx(k.ctx.db);
    expect((await findMacro(tx, 'emergency-strict-definition')).title).toMatch(/\(ours\)/);
    expect((await listMacros(tx)).length).toBe(DEMO_MACROS.length + 1);
    expect(await exportWorkspace(k.ctx)).toMatch(/status-page/);
  });

  it('TK-3: a bad macro action is refused with its path, nothing written', async () => {
    const before = await count(k.ctx, 'ticket_macros');
    const bad = YAML.replace('value: pending', 'value: sleeping').replace('status-page', 'status-page-2');
    await expect(applyWorkspace(k.ctx, SYSTEM, bad)).rejects.toMatchObject({ code: 'macro.bad_action' });
    expect(await count(k.ctx, 'ticket_macros')).toBe(before);
  });
});
