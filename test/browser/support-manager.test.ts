// Browser journeys of the support manager's other duties. SM-8: a customer asks for upgrade
// assistance on a Saturday from the portal; the manager on call finds it on the Upgrades screen,
// flagged with the reason, proposes a Monday instead, and the customer reads the new time in their
// request. SM-7: the manager opens a security incident, sees its affected tickets and timeline, and
// responds to all of them at once; each customer gets the reply. SM-4: on a message in an
// emergency's thread, the redirect button posts the anonymous reply pointing to the escalation form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** A datetime-local value in the browser's zone (the test process and Chromium share it). */
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
/** The first `weekday` (0 = Sunday) at least `days` ahead, at 12:00 local: a Saturday is outside 24x5 in every zone at noon. */
function dayAhead(weekday: number, days: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + days);
  while (d.getDay() !== weekday) d.setDate(d.getDate() + 1);
  d.setHours(12, 0, 0, 0);
  return d;
}

async function shot<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try { return await run(); } catch (e) { console.error('screenshot:', await screenshot(page, name)); throw e; }
}

describe('web: the support manager\'s upgrade requests, security incidents and redirects', needs('chromium'), () => {
  let server: TestServer;
  let customer: BrowserSession;
  let manager: BrowserSession;
  let api: ReturnType<typeof http>;
  let managerEmail: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    managerEmail = (await api('GET', '/api/v1/oncall')).body.groups.find((g: { groupId: string }) => g.groupId === 'support-managers').owners[0];
    customer = await launchBrowser();
    manager = await launchBrowser();
    await signIn(customer.page, server.url, 'rita@acme.example');
    await signIn(manager.page, server.url, managerEmail);
  }, 180_000);

  afterAll(async () => {
    await customer?.close();
    await manager?.close();
    await server?.close();
  });

  it('SM-8: a Saturday upgrade from the portal is flagged on the manager\'s screen with why; the manager proposes a Monday and the customer reads it', async () => {
    const c = customer.page;
    const m = manager.page;
    await c.goto(`${server.url}/support`);
    await c.getByTestId('open-upgrade').click();
    await c.getByRole('heading', { name: 'Request upgrade assistance' }).waitFor();
    await c.getByTestId('upgrade-start').fill(local(dayAhead(6, 9)));
    await c.getByTestId('upgrade-minutes').fill('90');
    await c.getByTestId('upgrade-scope').fill('Omnibus 16.11 to 17.5 on one node');
    await c.getByTestId('submit-upgrade').click();
    await shot(c, 'upgrade-filed', () => c.getByText(/Upgrade assistance requested for Sat/).waitFor());
    const ticketUrl = c.url();

    await m.goto(`${server.url}/upgrades`);
    const row = m.getByTestId('upgrade-row').filter({ hasText: 'Omnibus 16.11 to 17.5' });
    await shot(m, 'upgrade-list', () => row.waitFor());
    expect(await row.getByTestId('flag-reason').innerText()).toMatch(/falls outside the support hours/);
    await row.click();
    const detail = m.getByTestId('upgrade-detail');
    await detail.getByTestId('upgrade-flag-reason').first().waitFor();
    await detail.getByTestId('reschedule-start').fill(local(dayAhead(1, 10)));
    await detail.getByTestId('reschedule-note').fill('Monday suits our engineer.');
    await detail.getByTestId('reschedule-upgrade').click();
    await shot(m, 'upgrade-rescheduled', () => detail.getByTestId('upgrade-timeline').getByText('rescheduled').waitFor());
    expect(await detail.getByTestId('upgrade-session').innerText()).toMatch(/Mon .*, 12:00/);

    await c.goto(ticketUrl);
    await shot(c, 'upgrade-told', () => c.getByText(/We propose to move your upgrade-assistance session from Sat .* to Mon/).waitFor());
    await c.getByText('Monday suits our engineer.').waitFor();
    expect(await c.getByText(/outside the support hours/).count()).toBe(0); // the triage stays internal
  }, 180_000);

  it('SM-7: the manager opens a security incident, sees its tickets and timeline, and responds to all at once', async () => {
    const m = manager.page;
    const tickets = [];
    for (const subject of ['Suspicious admin token', 'Unknown runner registered']) {
      const t = await api('POST', '/api/v1/tickets', { subject, form: 'self_managed', requesterEmail: 'rita@acme.example', description: 'Is our instance compromised?' });
      expect(t.status, t.text).toBe(201);
      tickets.push(t.body.ticket);
    }
    const d = await api('POST', '/api/v1/security-incidents', { title: 'Token leak in 17.4', communicationsManager: { name: 'Dana CMOC', email: 'dana@example.com' }, tickets: tickets.map((t) => t.number) });
    expect(d.status, d.text).toBe(201);

    await m.goto(`${server.url}/security-incidents`);
    await shot(m, 'security-list', () => m.getByTestId('security-row').getByRole('link', { name: /Token leak in 17.4/ }).click());
    await m.getByRole('heading', { name: /S-\d+ Token leak in 17.4/ }).waitFor();
    await m.getByText('Dana CMOC <dana@example.com> (outside contact)').waitFor();
    expect(await m.getByTestId('security-ticket').count()).toBe(2);
    await m.getByTestId('security-timeline').getByText('Declared').waitFor();
    await m.getByTestId('security-response').fill('We are investigating a token leak; rotate your personal access tokens now.');
    await m.getByTestId('respond-all').click();
    await shot(m, 'security-responded', () => m.getByTestId('security-timeline').getByText('Response sent to all').waitFor());
    await m.getByTestId('security-ticket').getByText(/^sent/).nth(1).waitFor({ timeout: 30_000 });

    // the customer reads the response on their own request, and nothing of the incident
    const c = customer.page;
    await c.goto(`${server.url}/support/${tickets[0].id}`);
    await shot(c, 'security-customer', () => c.getByText('We are investigating a token leak; rotate your personal access tokens now.').waitFor());
    expect(await c.getByText('Token leak in 17.4').count()).toBe(0);
  }, 180_000);

  it('SM-4: the redirect button on a message in an emergency\'s thread posts the anonymous reply linking the escalation form, once', async () => {
    const m = manager.page;
    const t = await api('POST', '/api/v1/tickets', { subject: 'Registry down', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Pushes fail.' });
    expect(t.status, t.text).toBe(201);
    const note = await api('POST', `/api/v1/emergencies/${t.body.ticket.number}/notes`, { text: 'Can a manager escalate this? The customer is furious' });
    expect(note.status, note.text).toBe(200);
    await m.goto(`${server.url}/emergencies/${t.body.ticket.number}`);
    const message = m.getByTestId('thread-note').filter({ hasText: 'Can a manager escalate this?' });
    await shot(m, 'redirect-before', () => message.getByTestId('redirect-entry').click());
    await message.getByTestId('redirected').getByText('Pointed to the escalation process').waitFor();
    const reply = m.getByTestId('thread-system').filter({ hasText: '/escalations/new' });
    await shot(m, 'redirect-after', () => reply.waitFor());
    expect(await reply.innerText()).toContain('Hotline'); // no person's name: the reply is anonymous
    expect(await m.getByTestId('thread-note').filter({ hasText: '/escalations/new' }).count()).toBe(0);
  }, 180_000);
});
