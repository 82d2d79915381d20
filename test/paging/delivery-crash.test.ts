// PG-6 after a crash mid-delivery: the SMTP server has taken a page's e-mail but the node is
// SIGKILLed before it hears so. The attempt was logged 'sending'; when a node reaps the dead
// node's job, the attempt becomes 'unknown' (it may have arrived: here it did), and the resend
// carries the same Message-ID, so the copy that did arrive is recognisable as the same message.
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../src/store/test-db.ts';
import { startSmtpSink } from '../stand-ins/index.ts';
import { freePort, kill, startProcess, waitFor } from '../support/processes.ts';
import { http } from '../support/server.ts';

const TOKEN = 'hl_test_admin_token_0123456789abcdef';

describe.each(testEngines())('PG-6 a delivery in flight when its node dies (%s)', (engine) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('PG-6: an attempt orphaned by a crash is reaped as unknown, not left sending; the resend has the same Message-ID', async () => {
    const sink = await startSmtpSink();
    const db = await createTestDatabase(engine);
    cleanup.push(() => sink.close(), () => db.drop());
    const env = { HOTLINE_NOTIFY_SMTP_HOST: sink.host, HOTLINE_NOTIFY_SMTP_PORT: String(sink.port), HOTLINE_MAIL_FROM: 'Hotline <pager@hotline.test>' };
    const where = engine === 'sqlite' ? dirname(db.url) : db.url;
    const port = await freePort();
    const api = http(`http://127.0.0.1:${port}`, { token: TOKEN });
    const emails = async (pageId: string) =>
      (await api('GET', `/api/v1/pages/${pageId}`)).body.deliveries.filter((d: any) => d.channel === 'email');

    const first = await startProcess('../paging/pager-node.ts', [where, String(port), '0', '1'], env);
    cleanup.push(() => kill(first));
    sink.holdNextData();
    const page = (await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Acme: production down' })).body;
    await sink.waitFor(1, 10_000);
    expect((await emails(page.id)).map((d: any) => d.status)).toEqual(['sending']);
    await kill(first, 'SIGKILL');

    // a node whose clock is past the dead node's lease (60 s) reaps its job and runs it again
    const second = await startProcess('../paging/pager-node.ts', [where, String(port), String(65_000), '0'], env);
    cleanup.push(() => kill(second));
    await sink.waitFor(2, 15_000);
    await waitFor('the resend to be logged as sent', async () => (await emails(page.id)).some((d: any) => d.status === 'sent'), 10_000);

    const log = await emails(page.id);
    expect(log.map((d: any) => [d.attempt, d.status, d.address])).toEqual([
      [1, 'unknown', 'alice.nguyen@example.com'],
      [2, 'sent', 'alice.nguyen@example.com'],
    ]);
    expect(log[0].error).toMatch(/whether it arrived is unknown/);
    expect(log[0].finishedAt).not.toBeNull();
    // both copies the SMTP server got are one message to a mail client: same Message-ID, the one logged
    const ids = sink.messages.map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(log[1].providerId).toBe(ids[0]);
    await kill(second, 'SIGTERM');
  }, 60_000);
});
