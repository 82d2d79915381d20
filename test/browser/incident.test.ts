// Browser check of the incident view (WF-10, PG-7, PG-2): an incident declared over two SaaS
// emergencies offers the third, paged on its own, to join; joining it from the view moves it
// under the incident, its page follows the incident's acknowledgement live, and resolving before
// the bulk response is refused with the reason.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: a widespread incident', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('WF-10, PG-7, PG-2: an emergency paged on its own is offered, joined from the view, acknowledged with the incident page; resolving too early is refused', async () => {
    const p = browser.page;
    onTestFailed(async () => { console.error('screenshot:', await screenshot(p, 'incident-failed')); });
    const org = await api('POST', '/api/v1/orgs', { name: 'Cloudy Tenant', subscription: { planTier: 'ultimate', supportPackage: 'priority_24x7', deployment: 'saas', startsOn: '2026-01-01', endsOn: '2030-06-30', seats: 120 } });
    expect(org.status, org.text).toBe(201);
    expect((await api('POST', '/api/v1/users', { email: 'ops@cloudy.example', name: 'Cloudy Ops', role: 'customer', organizationId: org.body.id ?? org.body.organization?.id })).status).toBe(201);
    const urgent = async (subject: string) => (await api('POST', '/api/v1/tickets', { subject, form: 'saas', priority: 'urgent', requesterEmail: 'ops@cloudy.example', description: 'Down.' })).body.ticket as { id: string; number: number };
    const a = await urgent('Pipelines stuck');
    const b = await urgent('Pipelines stuck too');
    const c = await urgent('Runners queued forever');
    const inc = await api('POST', '/api/v1/incidents', { number: 777, title: 'CI runners down', tickets: [a.number, b.number] });
    expect(inc.status, inc.text).toBe(201);

    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergencies' }).click();
    await p.getByTestId('open-incidents').getByRole('link', { name: /Incident 777/ }).click();
    await p.getByRole('heading', { name: /Incident 777: CI runners down/ }).waitFor();
    const offered = p.getByTestId('offered-row').filter({ hasText: `#${c.number}` });
    await offered.waitFor();
    expect(await offered.innerText()).toMatch(/triggered/i);

    await offered.getByRole('button', { name: 'Join incident' }).click();
    const joined = p.getByTestId('incident-ticket').filter({ hasText: `#${c.number}` });
    await joined.waitFor();
    await expect.poll(() => p.getByTestId('offered-row').count()).toBe(0);
    expect(await joined.innerText()).toMatch(/related[\s\S]*triggered/i);

    // The incident's page is acknowledged elsewhere: the joined ticket's page follows, live.
    expect((await api('POST', `/api/v1/pages/${inc.body.page.id}/acknowledge`, {})).status).toBe(200);
    await expect.poll(() => joined.innerText(), { timeout: 10_000 }).toMatch(/acknowledged/i);

    await p.getByTestId('resolve-incident').click();
    await p.getByTestId('incident-error').waitFor();
    expect(await p.getByTestId('incident-error').innerText()).toMatch(/bulk response/);
    expect(await p.getByTestId('incident-state').innerText()).toMatch(/open/i);
    await screenshot(p, 'incident-view');
  }, 120_000);
});
