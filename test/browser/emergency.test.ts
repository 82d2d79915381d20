// Browser journey of one emergency, end to end: a customer reports it in the portal (WF-1); an
// engineer watching the board sees it arrive live; the engineer it was paged to opens it,
// acknowledges, qualifies it as strict
// (WF-4), is refused resolving the page before a public reply (PG-2), replies publicly and adds an
// internal note (TK-2), and solves it with a new follow-up ticket (WF-9). The follow-up ticket
// exists, and the customer sees the public reply but never the internal note.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

const SUBJECT = 'Production cluster down after the 17.3 upgrade';
const REPLY = 'The engineer on call here: joining your bridge now, https://meet.example/acme';
const NOTE = 'INTERNAL: the upgrade skipped a required stop; check migrations.';

describe('web: an emergency from the portal to its follow-up ticket', needs('chromium'), () => {
  let server: TestServer;
  let engineer: BrowserSession;
  let customer: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    engineer = await launchBrowser();
    customer = await launchBrowser();
    await signIn(engineer.page, server.url, 'alice.nguyen@example.com');
    await signIn(customer.page, server.url, 'rita@acme.example');
  }, 180_000);

  afterAll(async () => {
    await engineer?.close();
    await customer?.close();
    await server?.close();
  });

  it('WF-1/WF-2/WF-4/PG-2/WF-9/TK-2: reported, seen live, acknowledged, qualified, replied, solved with a follow-up; customer sees public replies only', async () => {
    const eng = engineer.page;
    const cus = customer.page;
    // What each browser showed when a step failed, for whoever reads the failure.
    onTestFailed(async () => {
      console.error('screenshots:', await screenshot(eng, 'emergency-failed-engineer'), await screenshot(cus, 'emergency-failed-customer'));
    });
    // The engineer watches the (empty) board; it must fill by itself.
    await eng.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergencies' }).click();
    await eng.getByText('No open emergencies').waitFor();
    await eng.getByText('Live', { exact: true }).waitFor();

    // WF-1: the customer reports the emergency in the portal.
    await cus.getByTestId('open-emergency').click();
    await cus.getByTestId('emergency-definition').waitFor();
    await cus.getByLabel('Subject').fill(SUBJECT);
    await cus.getByLabel('What is happening?').fill('Every node answers 502 since 02:40 UTC. Reach me on +1 312 555 0100.');
    await cus.getByTestId('submit-request').click();
    await cus.getByRole('heading', { name: new RegExp(SUBJECT) }).waitFor();
    const ticketId = new URL(cus.url()).pathname.split('/').pop()!;

    // Live: the row arrives without a reload, with its owner, next step and a ticking age.
    const row = eng.getByTestId('emergency-row').filter({ hasText: SUBJECT });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('next-step').innerText()).toContain('Acknowledge the page');
    const age = row.getByTestId('age');
    const firstAge = await age.innerText();
    expect(firstAge).toMatch(/^0:\d\d$/);
    await expect.poll(() => age.innerText(), { timeout: 5_000, interval: 250 }).not.toBe(firstAge);
    await screenshot(eng, 'emergency-board');

    // The page went to whoever is on call at this hour (the DRI, or the manager): the board names
    // them, and they take it from here.
    const number = Number(await row.getAttribute('data-ticket'));
    const owner = (await api('GET', `/api/v1/emergencies/${number}`)).body.driUserId as string;
    const ownerName = (await api('GET', `/api/v1/users?q=${encodeURIComponent(owner)}`)).body.items.find((u: { email: string }) => u.email === owner).name;
    expect(await row.innerText()).toContain(ownerName);
    await signIn(eng, server.url, owner);
    await eng.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergencies' }).click();

    // The emergency page: runbook, timers, entitlement verdict.
    await row.getByRole('link', { name: SUBJECT }).click();
    await eng.getByRole('heading', { name: new RegExp(`Emergency #\\d+: ${SUBJECT}`) }).waitFor();
    expect(await eng.getByTestId('entitlement-message').innerText()).toMatch(/Acme Robotics: premium, emergency support included/);
    await eng.getByTestId('timers').getByText(/SLA: first reply/).waitFor();
    expect(await eng.locator('[data-item="entitlement_checked"]').getAttribute('data-status')).toBe('done');
    await eng.getByTestId('thread').getByText(/Thread for emergency ticket \d+/).waitFor();

    // Acknowledge from the runbook's next step: the step is ticked and the button moves on.
    const ack = eng.locator('[data-item="acknowledged"]');
    await ack.getByTestId('next-step-button').click();
    await eng.locator('[data-item="acknowledged"][data-status="done"]').waitFor();
    await eng.locator('[data-item="qualified"]').getByTestId('next-step-button').waitFor();

    // PG-2: resolving the page before a public reply is refused, in the server's words.
    const resolvePage = eng.getByTestId('resolve-page');
    await resolvePage.click();
    const err = eng.getByTestId('action-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/Send a public reply to the customer on the ticket first/);
    expect(await eng.locator('[data-item="page_resolved"]').getAttribute('data-status')).not.toBe('done');
    await screenshot(eng, 'emergency-pg2-refused');

    // WF-4: qualified as strict; the verdict shows and the step is ticked.
    await eng.getByTestId('open-qualify').click();
    await eng.getByTestId('qualify-form').getByLabel('strict definition').check();
    await eng.getByTestId('qualify-submit').click();
    await eng.getByTestId('qualify-form').waitFor({ state: 'detached' });
    await eng.getByTestId('entitlement').getByTestId('verdict').getByText('strict definition').waitFor();
    await eng.locator('[data-item="qualified"][data-status="done"]').waitFor();

    // TK-2: a public reply and an internal note, visibly different.
    const box = eng.getByTestId('reply-box');
    await box.getByRole('textbox', { name: 'Public reply' }).fill(REPLY);
    await box.getByTestId('send-reply').click();
    await eng.getByTestId('public-reply').filter({ hasText: 'Joining your bridge now' }).waitFor();
    await box.getByText('Internal note', { exact: true }).click();
    await box.getByRole('textbox', { name: 'Internal note' }).fill(NOTE);
    await box.getByTestId('send-reply').click();
    await eng.getByTestId('internal-note').filter({ hasText: 'INTERNAL: the upgrade skipped' }).getByText(/customer cannot see/i).waitFor();
    await eng.locator('[data-item="public_reply_sent"][data-status="done"]').waitFor();
    // WF-5: the first public reply armed the customer-silence follow-up, counting down.
    await eng.getByTestId('timers').getByText('Customer-silence follow-up').waitFor();

    // PG-2 satisfied: the page resolves now.
    await resolvePage.click();
    await eng.locator('[data-item="page_resolved"][data-status="done"]').waitFor();

    // A note on the thread, beside the system's posts.
    await eng.getByLabel('Note to the thread').fill('Bridge joined; customer is restoring from last night\'s backup.');
    await eng.getByTestId('add-thread-note').click();
    await eng.getByTestId('thread-note').filter({ hasText: 'Bridge joined' }).waitFor();
    await screenshot(eng, 'emergency-page');

    // WF-9: solve with a new follow-up ticket.
    await eng.getByTestId('open-resolve').click();
    const form = eng.getByTestId('resolve-form');
    await form.getByLabel('New follow-up ticket').check();
    await form.getByLabel('Follow-up subject').fill('Root cause of the 17.3 upgrade outage');
    await form.getByLabel('Internal emergency summary').fill('Restored from backup; migration order to be checked.');
    await eng.getByTestId('resolve-submit').click();
    const link = eng.getByTestId('follow-up-link');
    await link.waitFor();
    await eng.getByTestId('emergency-state').getByText('resolved').waitFor();
    await eng.getByTestId('linked-tickets').waitFor();
    await screenshot(eng, 'emergency-resolved');

    // The follow-up ticket exists, is not an emergency, and the emergency ticket is solved.
    await link.click();
    await eng.getByRole('heading', { name: /Root cause of the 17\.3 upgrade outage/ }).waitFor();
    const followUpId = new URL(eng.url()).pathname.split('/').pop()!;
    const follow = (await api('GET', `/api/v1/tickets/${followUpId}`)).body;
    expect([follow.ticket.isEmergency, follow.ticket.priority]).toEqual([false, 'normal']);
    const emergency = (await api('GET', `/api/v1/tickets/${ticketId}`)).body;
    expect(emergency.ticket.status).toBe('solved');
    expect(emergency.links.some((l: { sourceId: string; targetId: string }) => [l.sourceId, l.targetId].includes(followUpId))).toBe(true);

    // The board no longer lists it.
    await eng.goto(`${server.url}/emergencies`);
    await eng.getByText('No open emergencies').waitFor();

    // The customer (same page, no reload) sees the public reply and never the internal note.
    await cus.getByTestId('portal-conversation').getByText(REPLY).waitFor();
    await cus.reload();
    await cus.getByTestId('portal-conversation').getByText(REPLY).waitFor();
    expect(await cus.getByText(/INTERNAL: the upgrade skipped/).count()).toBe(0);
    expect(await cus.getByText(/Emergency summary/).count()).toBe(0);
    // ...although the note is on the ticket: the portal filtered it out.
    expect(emergency.comments.some((c: { body: string; isPublic: boolean }) => !c.isPublic && c.body.startsWith('INTERNAL'))).toBe(true);
    await screenshot(cus, 'portal-emergency-after');
  }, 120_000);

  it('WF-4: an exception without its criterion is refused in the server\'s words; with one, the verdict shows', async () => {
    const eng = engineer.page;
    onTestFailed(async () => {
      console.error('screenshot:', await screenshot(eng, 'emergency-failed-exception'));
    });
    const t = await api('POST', '/api/v1/tickets', { subject: 'Audit export blocked', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Auditors need the export today.' });
    expect(t.status).toBe(201);
    // Arrives live on the board the engineer already has open.
    await eng.goto(`${server.url}/emergencies`);
    const row = eng.getByTestId('emergency-row').filter({ hasText: 'Audit export blocked' });
    await row.getByRole('link', { name: 'Audit export blocked' }).click();
    await eng.getByTestId('open-qualify').click();
    const form = eng.getByTestId('qualify-form');
    await form.getByLabel('exception', { exact: true }).check();
    await eng.getByTestId('qualify-submit').click();
    const err = form.getByTestId('action-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/Choose the exception criterion/);
    await form.getByRole('combobox', { name: 'Exception criterion' }).click();
    await eng.getByRole('option', { name: 'Audit' }).click();
    await eng.getByTestId('qualify-submit').click();
    await form.waitFor({ state: 'detached' });
    await eng.getByTestId('entitlement').getByTestId('verdict').getByText('exception').waitFor();
    expect(await eng.getByTestId('entitlement').innerText()).toMatch(/Exception: audit/);
    const after = (await api('GET', `/api/v1/emergencies/${t.body.ticket.number}`)).body;
    expect([after.qualification, after.exceptionCriterion]).toEqual(['exception', 'audit']);
  }, 60_000);

  it('WF-5: the bridge — a link on the emergency page (from the meeting-link template), changed by the engineer, a bad link refused; the customer sees the link in the portal', async () => {
    const eng = engineer.page;
    const cus = customer.page;
    onTestFailed(async () => {
      console.error('screenshots:', await screenshot(eng, 'emergency-failed-bridge'), await screenshot(cus, 'portal-failed-bridge'));
    });
    const t = await api('POST', '/api/v1/tickets', { subject: 'Registry returns 500', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Pulls fail everywhere.' });
    expect(t.status).toBe(201);
    const { id, number } = t.body.ticket as { id: string; number: number };
    await eng.goto(`${server.url}/emergencies/${number}`);
    const link = eng.getByTestId('bridge').getByTestId('bridge-link');
    await link.waitFor();
    const fromTemplate = `https://meet.example.com/hotline-${number}`;
    expect([await link.innerText(), await link.getAttribute('href'), await link.getAttribute('target')]).toEqual([fromTemplate, fromTemplate, '_blank']);

    // A script link is refused in the server's words; the bridge stays as it was.
    await eng.getByTestId('bridge-edit').click();
    await eng.getByTestId('bridge').getByLabel('Bridge link').fill('javascript:alert(document.cookie)');
    await eng.getByTestId('bridge-save').click();
    await eng.getByTestId('bridge-error').getByText(/must start with https:\/\/ or http:\/\//).waitFor();
    expect((await api('GET', `/api/v1/emergencies/${number}`)).body.bridgeUrl).toBe(fromTemplate);

    const zoom = 'https://zoom.example/j/4242?pwd=abc';
    await eng.getByTestId('bridge').getByLabel('Bridge link').fill(zoom);
    await eng.getByTestId('bridge-save').click();
    await expect.poll(() => link.getAttribute('href')).toBe(zoom);
    expect(await link.innerText()).toBe(zoom);
    await screenshot(eng, 'emergency-bridge');

    // The customer's portal shows the bridge as a link they can click.
    await cus.goto(`${server.url}/support/${id}`);
    const portalLink = cus.getByTestId('portal-bridge-link');
    await portalLink.waitFor();
    expect([await portalLink.innerText(), await portalLink.getAttribute('href')]).toEqual([zoom, zoom]);
    await screenshot(cus, 'portal-bridge');

    // Removed by the engineer: the page says there is none, and the portal no longer offers one.
    await eng.getByTestId('bridge-remove').click();
    await eng.getByTestId('no-bridge').waitFor();
    await cus.reload();
    await cus.getByRole('heading', { name: /Registry returns 500/ }).waitFor();
    await cus.getByTestId('portal-conversation').waitFor();
    expect(await cus.getByTestId('portal-bridge').count()).toBe(0);
  }, 60_000);
});
