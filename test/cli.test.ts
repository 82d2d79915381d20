// The `hotline` command as an operator uses it: real process, real server, --help everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.ts';
import { hotline } from './support/cli.ts';

describe('hotline CLI', { timeout: 60_000 }, () => {
  let s: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
  });
  afterAll(async () => s?.close());

  it('every command and subcommand answers --help', async () => {
    const commands = [[], ['start'], ['migrate'], ['apply'], ['export'], ['users'], ['users', 'list'], ['users', 'show'], ['users', 'create'], ['orgs'], ['orgs', 'list'], ['orgs', 'show'], ['orgs', 'create'], ['token'], ['token', 'create'], ['page'], ['page', 'trigger'], ['page', 'list'], ['page', 'show'], ['page', 'ack'], ['page', 'resolve'], ['page', 'escalate'], ['ticket'], ['ticket', 'create'], ['ticket', 'show'], ['ticket', 'reply'], ['ticket', 'note'], ['ticket', 'search'], ['ticket', 'bulk'], ['oncall'], ['schedule'], ['schedule', 'show'], ['schedule', 'gaps'], ['emergency'], ['emergency', 'list'], ['emergency', 'show'], ['emergency', 'ack'], ['emergency', 'qualify'], ['emergency', 'reply'], ['emergency', 'handoff'], ['import'], ['import', 'pagerduty'], ['import', 'opsgenie']];
    // A few at a time: forty Node processes starting at once starve the rest of the machine.
    const results: Awaited<ReturnType<typeof hotline>>[] = [];
    for (let i = 0; i < commands.length; i += 4) {
      results.push(...(await Promise.all(commands.slice(i, i + 4).map((c) => hotline([...c, '--help'])))));
    }
    results.forEach((r, i) => {
      expect({ c: commands[i].join(' '), code: r.code }).toEqual({ c: commands[i].join(' '), code: 0 });
      expect(r.stdout).toMatch(/Usage: hotline/);
    });
  }, 120_000);

  it('users list --json is machine-readable; the table is for people', async () => {
    const j = await hotline(['users', 'list', '--team', '@support-team-americas', '--json'], env);
    expect(j.code).toBe(0);
    const users = JSON.parse(j.stdout);
    expect(users.map((u: any) => u.email)).toContain('alice.nguyen@example.com');
    const t = await hotline(['orgs', 'list'], env);
    expect(t.stdout).toMatch(/^NAME\s+PLAN\s+PACKAGE/m);
    expect(t.stdout).toMatch(/Acme Robotics\s+premium\s+priority_24x7/);
  });

  it('apply is idempotent from the command line', async () => {
    const r = await hotline(['apply', '-f', 'examples/demo.yaml', '--json'], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const v of Object.values(report) as any[]) expect(v.created + v.updated).toBe(0);
  });

  it('errors say what to do next and exit non-zero', async () => {
    const noToken = await hotline(['users', 'list'], { HOTLINE_URL: s.url, HOTLINE_TOKEN: '' });
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toMatch(/HOTLINE_TOKEN/);
    const down = await hotline(['orgs', 'list'], { HOTLINE_URL: 'http://127.0.0.1:1', HOTLINE_TOKEN: 'hl_x' });
    expect(down.code).toBe(6);
    expect(down.stderr).toMatch(/Cannot reach Hotline/);
    const bad = await hotline(['users', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'wizard'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/request.invalid/);
    const missing = await hotline(['apply', '-f', '/nonexistent.yaml'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('token create --local writes the first token straight to the database', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'hotline-cli-'));
    const boot = await hotline(['migrate', '--data', dir]);
    expect(boot.stdout).toMatch(/Applied/);
    const none = await hotline(['token', 'create', '--local', '--data', dir, '--name', 'first', '--email', 'nobody@example.com']);
    expect(none.code).toBe(4);
  });
});
