// Accessibility: every page each role can reach is scanned with axe-core (WCAG 2.0/2.1 A and AA)
// in real Chromium, in both colour schemes for staff. A person paged at 3 a.m. on a dim laptop,
// or with a screen reader, must be able to read every badge and reach every control: no critical
// and no serious violation anywhere. A failure prints each violation (rule, element, summary).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding { page: string; id: string; impact: string; target: string; summary: string }

/** Opens `path` and waits until the page has drawn its content (a heading, no spinner). */
async function open(p: Page, base: string, path: string): Promise<void> {
  await p.goto(base + path);
  await p.locator('h1, h2').first().waitFor();
  await p.waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0, undefined, { timeout: 15_000 }).catch(() => {});
  // Transitions (badges fading in, the navbar) settle before colours are measured.
  await p.waitForTimeout(300);
}

async function scan(p: Page, label: string): Promise<Finding[]> {
  const r = await new AxeBuilder({ page: p }).withTags(TAGS).analyze();
  const findings: Finding[] = r.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => ({
      page: label, id: v.id, impact: v.impact ?? '', target: n.target.join(' '),
      summary: (n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 240),
    })));
  // Not a WCAG A/AA rule in axe, but a screen reader's first jump: every page names itself in one h1.
  const h1 = await p.locator('h1').count();
  if (h1 !== 1) findings.push({ page: label, id: 'one-h1', impact: 'serious', target: 'h1', summary: `the page has ${h1} h1 headings, not one` });
  return findings;
}

function report(findings: Finding[]): string {
  return findings.map((f) => `[${f.impact}] ${f.page} ${f.id} ${f.target}: ${f.summary}`).join('\n');
}

describe('web: accessibility of every page for every role', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let receiver: Server | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    const admin = http(server.url, { token: server.admin.token });
    const rita = (await admin('GET', '/api/v1/users?q=rita@acme.example')).body.items[0];
    const token = (await admin('POST', '/api/v1/tokens', { name: 'a11y-rita', userId: rita.id })).body.token;
    const customer = http(server.url, { token });
    const e = await customer('POST', '/api/v1/portal/tickets', { subject: 'Production down after upgrade', description: 'Every node answers 502. See https://status.example/acme', form: 'self_managed', emergency: true });
    expect(e.status, e.text).toBe(201);
    ids.emergencyId = e.body.ticket.id;
    ids.emergencyNumber = String(e.body.ticket.number);
    const r = await customer('POST', '/api/v1/portal/tickets', { subject: 'How do we rotate the runner token?', description: 'Docs unclear.', form: 'self_managed' });
    expect(r.status, r.text).toBe(201);
    ids.requestId = r.body.ticket.id;
    ids.orgId = rita.organizationId;
    const pages = (await admin('GET', '/api/v1/pages?limit=5')).body.items;
    ids.pageId = pages[0]?.id;
    const incidentTickets = [];
    for (const subject of ['CI runners down', 'CI runners down again']) {
      const t = await admin('POST', '/api/v1/tickets', { subject, form: 'saas', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Down.' });
      incidentTickets.push(t.body.ticket.number);
    }
    const inc = await admin('POST', '/api/v1/incidents', { number: 901, title: 'CI runners down', tickets: incidentTickets });
    ids.incident = inc.status === 201 ? '901' : '';
    ids.personId = (await admin('GET', '/api/v1/users?q=alice.nguyen@example.com')).body.items[0].id;
    const esc = await admin('POST', '/api/v1/escalations', { ticket: ids.requestId, need: 'An owner who knows runner tokens.', businessCase: 'Their release is blocked.', urgency: 'medium' });
    expect(esc.status, esc.text).toBe(201);
    ids.escalation = String(esc.body.number);
    // Admin → Webhooks with each state on screen: a delivered test event, a failing receiver, a
    // disabled subscription (with a cancelled delivery it offers to resend).
    receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
    await new Promise<void>((ok) => receiver!.listen(0, '127.0.0.1', ok));
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const hooks = [
      ['Status page', `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, ['page.triggered', 'escalation.*']],
      ['Old CRM', `http://127.0.0.1:${closedPort}/gone`, ['ticket.created']],
      ['Legacy bridge', `http://127.0.0.1:${closedPort}/legacy`, ['page.resolved']],
    ] as const;
    for (const [name, url, eventTypes] of hooks) {
      const w = await admin('POST', '/api/v1/webhook-subscriptions', { name, url, eventTypes });
      expect(w.status, w.text).toBe(201);
      const at = `/api/v1/webhook-subscriptions/${w.body.subscription.id}`;
      expect((await admin('POST', `${at}/test`)).status).toBe(202);
      // disabled with its test event still unsent: the card offers to resend what was cancelled
      if (name === 'Legacy bridge') expect((await admin('POST', `${at}/disable`)).status).toBe(200);
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((ok) => (receiver ? receiver.close(ok) : ok(undefined)));
  });

  const staffPages = () => [
    ['board', '/emergencies'], ['emergency', `/emergencies/${ids.emergencyNumber}`],
    ['incident', `/emergencies/incidents/${ids.incident}`],
    ['tickets', '/tickets'], ['ticket', `/tickets/${ids.requestId}`],
    ['pages', '/pages'], ['page', `/pages/${ids.pageId}`], ['on call', '/oncall'],
    ['people', '/people'], ['person', `/people/${ids.personId}`], ['my profile', '/people/me'],
    ['teams', '/teams'], ['orgs', '/orgs'], ['org', `/orgs/${ids.orgId}`],
    ['escalations', '/escalations'], ['file escalation', '/escalations/new'], ['escalation', `/escalations/${ids.escalation}`],
    // RP-3: the history lists, with a filter set so the filter bar shows a chosen value
    ['page history', '/pages?tab=history&status=resolved'], ['emergency history', '/emergencies?view=history&state=ended'],
    ['escalation history', '/escalations?state=ended&q=runner'],
    ['upgrades', '/upgrades'], ['security incidents', '/security-incidents'],
  ];
  // Managers' and admins' own screens
  const managerPages = () => [['manager', '/manager'], ['reports', '/reports'], ['what-if', '/reports/whatif']];
  const customerPages = () => [
    ['portal', '/support'], ['request', `/support/${ids.requestId}`], ['emergency request', `/support/${ids.emergencyId}`],
    ['emergency form', '/support?new=emergency'], ['request form', '/support?new=request'],
    ['my organisation', '/orgs'], ['org', `/orgs/${ids.orgId}`],
  ];

  it('the sign-in page has no critical or serious violation', async () => {
    const p = browser.page;
    await p.context().clearCookies();
    await p.goto(server.url);
    await p.getByLabel('E-mail', { exact: true }).waitFor();
    const findings = await scan(p, 'login');
    expect(findings, report(findings)).toEqual([]);
  });

  const roles: [string, string, 'staff' | 'customer'][] = [
    ['admin', 'admin@example.com', 'staff'],
    ['engineer', 'alice.nguyen@example.com', 'staff'],
    ['manager', 'tara.brooks@example.com', 'staff'],
    ['customer', 'rita@acme.example', 'customer'],
  ];
  it.each(roles)('%s: every reachable page, light and dark, has no critical or serious violation', async (role, email, kind) => {
    const p = browser.page;
    await signIn(p, server.url, email);
    const findings: Finding[] = [];
    // the outbox and the webhooks are the admin's alone
    const list = kind === 'staff'
      ? [...staffPages(), ...(role === 'admin' || role === 'manager' ? managerPages() : []), ...(role === 'admin' ? [['outbox', '/outbox'], ['webhooks', '/webhooks']] : [])]
      : customerPages();
    for (const scheme of ['light', 'dark'] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      await p.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
      const check = async (label: string, path: string) => {
        const found = await scan(p, `${role} ${scheme} ${label} (${path})`);
        if (found.length) console.error('screenshot:', await screenshot(p, `a11y-${role}-${scheme}-${label.replace(/\W+/g, '-')}`));
        findings.push(...found);
      };
      for (const [label, path] of list) {
        await open(p, server.url, path!);
        if (label === 'webhooks') await p.getByTestId('webhook-missed').waitFor();
        await check(label!, path!);
        // Webhooks: each delivery log too (one opens at a time), a delivered one and a failing one.
        for (const [name, state] of label === 'webhooks' ? [['Status page', 'delivered'], ['Old CRM', /pending|failed/]] as const : []) {
          const card = p.getByTestId('webhook-subscription').filter({ hasText: name });
          await card.getByRole('button', { name: 'Deliveries', exact: true }).click();
          await card.getByTestId('webhook-delivery').filter({ hasText: state }).first().waitFor();
          await check(`webhooks, ${name} deliveries`, path!);
        }
      }
    }
    await p.evaluate(() => localStorage.removeItem('mantine-color-scheme-value'));
    expect(findings, report(findings)).toEqual([]);
  }, 600_000);
});
