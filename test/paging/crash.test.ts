// PG-3 after a crash: a node is SIGKILLed after a page's first notifications went out and before
// its escalation is due; restarted after the due time, the escalation fires once, marked late,
// and no notification reaches the SMTP server or the SMS provider twice.
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../src/store/test-db.ts';
import { startSmsProviderStandIn, startSmtpSink } from '../stand-ins/index.ts';
import { freePort, kill, startProcess, waitFor } from '../support/processes.ts';
import { http } from '../support/server.ts';

const TOKEN = 'hl_test_admin_token_0123456789abcdef';

describe.each(testEngines())('PG-3 escalation across a crash (%s)', (engine) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('PG-3: SIGKILL before the escalation is due; after restart it fires once, late, with no double notification', async () => {
    const sink = await startSmtpSink();
    const sms = await startSmsProviderStandIn();
    const db = await createTestDatabase(engine);
    cleanup.push(() => sink.close(), () => sms.close(), () => db.drop());
    const env = {
      HOTLINE_NOTIFY_SMTP_HOST: sink.host, HOTLINE_NOTIFY_SMTP_PORT: String(sink.port), HOTLINE_MAIL_FROM: 'Hotline <pager@hotline.test>',
      HOTLINE_TWILIO_ACCOUNT_SID: sms.accountSid, HOTLINE_TWILIO_AUTH_TOKEN: sms.authToken, HOTLINE_TWILIO_FROM: sms.number, HOTLINE_TWILIO_BASE_URL: sms.url,
    };
    const where = engine === 'sqlite' ? dirname(db.url) : db.url;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = http(url, { token: TOKEN });

    const first = await startProcess('../paging/pager-node.ts', [where, String(port), '0', '1'], env);
    cleanup.push(() => kill(first));
    const page = (await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Acme: production down' })).body;
    expect(page.status).toBe('triggered');
    await sink.waitFor(1, 10_000);
    await waitFor('the e-mail attempt to be logged as sent', async () => (await api('GET', `/api/v1/pages/${page.id}`)).body.deliveries.some((d: any) => d.status === 'sent'));
    await kill(first, 'SIGKILL');

    // 11 minutes later by the node's clock: the 10-minute escalation is overdue
    const second = await startProcess('../paging/pager-node.ts', [where, String(port), String(11 * 60_000), '0'], env);
    cleanup.push(() => kill(second));
    await waitFor('the manager to be e-mailed', async () => sink.messages.some((m) => m.envelope.rcptTo.includes('tara.brooks@example.com')), 15_000);
    await waitFor('the late SMS to Alice', async () => sms.messages.length >= 1, 15_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for any duplicate to show up

    const view = (await api('GET', `/api/v1/pages/${page.id}`)).body;
    expect(view).toMatchObject({ status: 'triggered', escalationLevel: 1 });
    expect(view.timeline.filter((e: any) => e.action === 'page.escalated')).toHaveLength(1);
    const late = view.timeline.filter((e: any) => e.action === 'page.escalation_late');
    expect(late).toHaveLength(1);
    expect(late[0].detail.late).toBe(true);
    expect(late[0].detail.lateByMs).toBeGreaterThan(60_000);

    // Only this page's mail: a demo shift that changes within the 11 minutes tells its incoming engineer too (SCH-10).
    const rcpts = sink.messages.filter((m) => m.parsed.subject?.includes('Acme: production down')).flatMap((m) => m.envelope.rcptTo).sort();
    expect(rcpts).toEqual(['alice.nguyen@example.com', 'tara.brooks@example.com']);
    expect(sms.messages.map((m) => m.to)).toEqual(['+12125550101']); // Alice's SMS rule (+2 min), once
    expect(view.deliveries.filter((d: any) => d.status === 'sent' && d.channel !== 'browser')).toHaveLength(3);
    // the demo's browser method: one in-app notification each for Alice and Tara, none doubled by the crash
    expect(view.deliveries.filter((d: any) => d.status === 'sent' && d.channel === 'browser').map((d: any) => d.userId).sort()).toHaveLength(2);
    expect(new Set(view.deliveries.filter((d: any) => d.channel === 'browser').map((d: any) => d.key)).size).toBe(2);
    await kill(second, 'SIGTERM');
  }, 40_000);
});
