// Browser journeys of the support manager on call. SM-1..SM-3: an engineer files an escalation from
// the ticket page; the manager on call (whoever the support-manager rotation names now) sees it
// arrive on the list live, acknowledges, runs the escalated-ticket macro, assigns an owner from the
// skills suggestions and resolves with a label; the ticket carries the `escalated` tag and the
// internal note; the customer sees none of it. SM-9: a manager asks a named manager for cover on
// the On call page (a past start is refused with the server's message) and the other accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** A datetime-local value in the browser's zone (the test process and Chromium share it). */
const local = (ms: number) => { const d = new Date(ms); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`; };

async function shot<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try { return await run(); } catch (e) { console.error('screenshot:', await screenshot(page, name)); throw e; }
}

describe('web: escalations and the support manager on call', needs('chromium'), () => {
  let server: TestServer;
  let engineer: BrowserSession;
  let manager: BrowserSession;
  let api: ReturnType<typeof http>;
  let managerOnCall: { email: string; name: string };
  let otherManager: { email: string; name: string };
  let ticket: { id: string; number: number };

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    const t = await api('POST', '/api/v1/tickets', { subject: 'Licence seats not applied after renewal', form: 'self_managed', requesterEmail: 'rita@acme.example', description: 'We renewed for 500 seats and still see 200.' });
    expect(t.status, t.text).toBe(201);
    ticket = { id: t.body.ticket.id, number: t.body.ticket.number };
    // The manager on call is whoever the support-manager rotation names at this instant.
    const now = await api('GET', '/api/v1/oncall');
    const group = now.body.groups.find((g: { groupId: string }) => g.groupId === 'support-managers');
    const email = group.owners[0] as string;
    expect(email, 'the demo has a support manager on call').toBeTruthy();
    const managers = (await api('GET', '/api/v1/users?role=manager')).body.items as { email: string; name: string; active: boolean }[];
    managerOnCall = managers.find((m) => m.email === email)!;
    otherManager = managers.find((m) => m.email !== email && m.active)!;
    engineer = await launchBrowser();
    manager = await launchBrowser();
    await signIn(engineer.page, server.url, 'alice.nguyen@example.com');
    await signIn(manager.page, server.url, managerOnCall.email);
  }, 180_000);

  afterAll(async () => {
    await engineer?.close();
    await manager?.close();
    await server?.close();
  });

  it('SM-1..SM-3: filed by an engineer, seen live by the manager on call, acknowledged, assigned from the skills suggestions, resolved with a label', async () => {
    const m = manager.page;
    const e = engineer.page;
    // The manager watches the open escalations; a marker on window proves no reload happens.
    await m.goto(`${server.url}/escalations`);
    await m.getByRole('heading', { name: 'Escalations', level: 1 }).waitFor();
    await m.getByText('No open escalation').waitFor();
    await m.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

    // The engineer escalates from the ticket page: the form opens with the ticket filled in.
    await e.goto(`${server.url}/tickets/${ticket.id}`);
    await e.getByTestId('escalate').click();
    await e.getByRole('heading', { name: 'File an escalation' }).waitFor();
    expect(await e.getByLabel('Ticket number').inputValue()).toBe(String(ticket.number));
    // The urgencies carry the handbook's definitions.
    await e.getByText(/Immediate business risk/).waitFor();
    await e.getByLabel('What is needed').fill('A licensing expert to apply the renewed seats today.');
    await e.getByLabel('Business case').fill('Acme renewed 500 seats; 300 engineers are locked out.');
    await e.getByRole('radio', { name: 'High' }).check();
    await e.getByTestId('file-submit').click();
    await shot(e, 'escalation-filed', () => e.getByRole('heading', { name: /Escalation #1: Licence seats not applied/ }).waitFor());
    // The announcement names the manager on call at the instant of filing.
    await e.getByTestId('escalation-thread').getByText(`@${managerOnCall.name}`, { exact: false }).waitFor();
    expect(await e.getByTestId('escalation-manager').innerText()).toBe(managerOnCall.name);
    // An engineer is offered no manager action.
    expect(await e.getByTestId('manager-actions').count()).toBe(0);

    // Live: the row appears on the manager's list without a reload.
    const row = m.getByTestId('escalation-row').filter({ hasText: 'Licence seats not applied' });
    await shot(m, 'escalation-live', () => row.waitFor({ timeout: 10_000 }));
    expect(await m.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await row.getByRole('link').click();
    await m.getByRole('heading', { name: /Escalation #1/ }).waitFor();

    // Only what the state allows: before acknowledging, no assign, resolve or reject.
    const actions = m.getByTestId('manager-actions');
    await actions.getByRole('button', { name: 'Acknowledge' }).waitFor();
    for (const name of ['Assign owner', 'Resolve', 'Reject']) expect(await actions.getByRole('button', { name, exact: true }).count()).toBe(0);
    await actions.getByRole('button', { name: 'Acknowledge' }).click();
    await m.getByTestId('escalation-state').getByText('acknowledged').waitFor();
    expect(await actions.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    await actions.getByRole('button', { name: 'Run escalated-ticket macro' }).click();
    await m.getByTestId('escalation-timeline').getByText(/macro/).waitFor();

    // Assign from the skills directory: ranked suggestions with subject, level, region, working now.
    await actions.getByRole('button', { name: 'Assign owner' }).click();
    const first = m.getByTestId('suggestion').first();
    await first.waitFor();
    const suggested = (await api('GET', `/api/v1/escalations/1/suggestions`)).body.items[0];
    expect(await first.innerText()).toContain(suggested.name);
    expect((await first.innerText()).toLowerCase()).toContain(suggested.level);
    expect(await first.innerText()).toMatch(/working now|off now/i);
    await first.click();
    await shot(m, 'escalation-assigned', () => m.getByTestId('escalation-owner').getByText(suggested.name).waitFor());
    await m.getByTestId('escalation-state').getByText('assigned').waitFor();

    // Resolve with a label and a closing comment.
    await actions.getByRole('button', { name: 'Resolve', exact: true }).click();
    const labels = m.getByLabel('Labels').and(m.locator('input'));
    await labels.fill('License-Issue');
    await labels.press('Enter');
    await m.getByLabel('Closing comment').fill('Seats re-applied by the licensing team; the owner confirms with Acme.');
    await m.getByTestId('resolve-submit').click();
    await m.getByTestId('escalation-state').getByText('resolved').waitFor();
    await m.getByTestId('escalation-label').getByText('License-Issue').waitFor();
    expect(await m.getByTestId('manager-actions').count()).toBe(0);
    const after = (await api('GET', '/api/v1/escalations/1')).body;
    expect(after).toMatchObject({ state: 'resolved', labels: ['License-Issue'], owner: { email: suggested.email }, manager: { email: managerOnCall.email } });

    // The ticket carries the `escalated` tag and the internal note linking the escalation.
    await m.goto(`${server.url}/tickets/${ticket.id}`);
    await m.locator('.mantine-Pill-root', { hasText: /^escalated$/ }).waitFor();
    await m.getByTestId('internal-note').filter({ hasText: 'Escalation #1' }).first().waitFor();
    await screenshot(m, 'escalated-ticket');

    // The customer sees none of it: no escalation, no internal note, no way to the list.
    await signIn(m, server.url, 'rita@acme.example');
    await m.goto(`${server.url}/support/${ticket.id}`);
    await m.getByRole('heading', { name: /Licence seats not applied/ }).waitFor();
    await m.getByText('We renewed for 500 seats').waitFor();
    const body = await m.locator('body').innerText();
    expect(body).not.toMatch(/escalat/i);
    expect(body).not.toContain('Needed: A licensing expert');
    await m.goto(`${server.url}/support`);
    await m.getByRole('heading', { level: 1 }).waitFor();
    expect(await m.locator('body').innerText()).not.toMatch(/escalat/i);
    const denied = await m.evaluate(async () => (await fetch('/api/v1/escalations')).status);
    expect(denied).toBe(403);
    await m.goto(`${server.url}/escalations/1`);
    await m.getByText('Not available to your role').waitFor();
    expect(await m.locator('body').innerText()).not.toContain('Licence seats not applied');
  }, 120_000);

  it('SM-9: a manager asks another for cover on the On call page; a past start is refused with the server\'s message; the other accepts', async () => {
    const m = manager.page;
    await signIn(m, server.url, managerOnCall.email);
    await m.goto(`${server.url}/oncall`);
    const panel = m.getByTestId('cover-requests');
    await panel.getByTestId('ask-cover').click();
    const form = m.getByTestId('cover-form');
    const hour = 3_600_000;
    await form.getByLabel('From').fill(local(Date.now() - 2 * hour));
    await form.getByLabel('To').fill(local(Date.now() + 2 * hour));
    await form.getByTestId('cover-submit').click();
    await m.getByTestId('cover-error').getByText(/already past/).waitFor();

    const start = Math.ceil(Date.now() / hour) * hour + 24 * hour;
    await form.getByLabel('From').fill(local(start));
    await form.getByLabel('To').fill(local(start + 3 * hour));
    await form.getByLabel('Ask').click();
    await m.getByRole('option', { name: otherManager.name }).click();
    await form.getByLabel('Note').fill('Dentist');
    await form.getByTestId('cover-submit').click();
    await m.getByTestId('toast').getByText(new RegExp(`${otherManager.name} is asked to cover`)).waitFor();
    const row = panel.getByTestId('cover-row').filter({ hasText: 'Dentist' });
    await row.getByText(`waiting for ${otherManager.name}`).waitFor();

    await signIn(m, server.url, otherManager.email);
    await m.goto(`${server.url}/oncall`);
    const theirs = m.getByTestId('cover-requests').getByTestId('cover-row').filter({ hasText: 'Dentist' });
    await theirs.getByText('asks you to cover').waitFor();
    await theirs.getByRole('button', { name: 'Accept' }).click();
    await shot(m, 'cover-accept', () => m.getByTestId('toast').getByText(/You are the support manager on call/).waitFor());
    await shot(m, 'cover-accepted', () => m.getByTestId('cover-requests').getByText('No open cover request.').waitFor());
    const c = (await api('GET', '/api/v1/cover-requests')).body.items.find((x: { note: string | null }) => x.note === 'Dentist');
    expect(c).toMatchObject({ state: 'accepted', answeredBy: { email: otherManager.email } });
    expect(c.overrideId).toBeTruthy();
    expect(Date.parse(c.start)).toBe(start);
  }, 90_000);
});
