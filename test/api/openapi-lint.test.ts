// The API document is linted in CI with Redocly's recommended rules: no error (an empty servers
// list and a `{*}` path parameter no generator can name were the errors), and no operation without
// an operationId, and no two paths one request could match. The warnings left are counted by rule
// and printed, so a change that adds some is seen.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const redocly = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

describe('the OpenAPI document', () => {
  let s: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-openapi-'));
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes `redocly lint` (recommended rules) with no error', async () => {
    const doc = await (await fetch(`${s.url}/api/openapi.json`)).json();
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(doc.paths)).toContain('/api/v1/page-action-links/{token}');
    expect(doc.paths['/api/v1/page-action-links/{token}'].post.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'token', required: true })]);
    // moved routes are documented at their own path only; the former ones still answer, hidden
    expect(Object.keys(doc.paths)).toContain('/api/v1/ticket-bulk-updates/{id}');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/pages/actions') || p.startsWith('/api/v1/tickets/bulk'))).toEqual([]);
    // shared shapes are named components, the error body first of all
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ type: 'object', required: ['error'] });
    expect(doc.paths['/api/v1/outbox'].get.responses['403'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(process.execPath, [redocly, 'lint', file, '--format=json', '--max-problems=10000'], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(r.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string }[] };
    const byRule: Record<string, number> = {};
    for (const p of report.problems) byRule[`${p.severity} ${p.ruleId}`] = (byRule[`${p.severity} ${p.ruleId}`] ?? 0) + 1;
    console.log(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings ${JSON.stringify(byRule)}`);
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    // every route names its operation (the generated clients' method names): none may go without
    expect(report.problems.filter((p) => p.ruleId === 'operation-operationId').map((p) => p.message)).toEqual([]);
    // no two paths a request could match both (/tickets/bulk/{id} against /tickets/{id}/links was one)
    expect(report.problems.filter((p) => p.ruleId === 'no-ambiguous-paths').map((p) => p.message)).toEqual([]);
  });
});
