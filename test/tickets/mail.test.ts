// TK-8 e-mail intake through a real SMTP conversation: a new mail opens a ticket, a reply (by
// reply address or by In-Reply-To) becomes a comment, redelivery is not doubled, unknown senders
// are refused when configured. Sent with nodemailer, and with swaks when it is installed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { mailSettingsFromEnv, startTicketMailIntake, ticketMailHeaders } from '../../src/tickets/service-intake-mail.ts';
import { readTx } from '../../src/store/tx.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { SWAKS, needs, requireAvailable } from '../support/requirements.ts';

describe.each(testEngines())('e-mail intake on %s', (engine) => {
  let s: TestServer;
  let staff: ReturnType<typeof http>;
  let port: number;
  const send = (msg: SendMailOptions, p = port) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: p, secure: false, ignoreTLS: true }).sendMail(msg);
  const tickets = async (q: string) => (await staff('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).body.items;

  beforeAll(async () => {
    process.env.HOTLINE_MAIL_INTAKE_PORT = '0';
    process.env.HOTLINE_MAIL_REPLY_DOMAIN = 'support.example';
    try {
      s = await startTestServer({ engine });
    } finally {
      delete process.env.HOTLINE_MAIL_INTAKE_PORT;
      delete process.env.HOTLINE_MAIL_REPLY_DOMAIN;
    }
    staff = http(s.url, { token: s.admin.token });
    const org = (await staff('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    await staff('POST', '/api/v1/users', { email: 'rita@acme.example', name: 'Rita Okafor', role: 'customer', organizationId: org });
    port = s.hotline.app.mailIntake!.port;
  });
  afterAll(async () => s?.close());

  it('TK-8: a new mail opens a ticket; replies by address and by In-Reply-To become comments, once', async () => {
    await send({ from: 'Rita Okafor <rita@acme.example>', to: 'support@support.example', subject: 'Mailbox quota alarm', text: 'Our quota alarm fires.', messageId: '<first-1@acme.example>' });
    const [t] = await tickets('"Mailbox quota alarm"');
    expect(t).toMatchObject({ subject: 'Mailbox quota alarm', form: 'self_managed' });
    const token = (await s.hotline.ctx.db.kysely.selectFrom('tickets').select('reply_token').where('id', '=', t.id).executeTakeFirstOrThrow()).reply_token;
    await send({ from: 'rita@acme.example', to: `support+${token}@support.example`, subject: 'Re: Mailbox quota alarm', text: 'Logs attached.\n\nOn Mon, Support wrote:\n> quoted', messageId: '<reply-2@acme.example>', attachments: [{ filename: 'log.txt', content: 'line 1' }] });
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Re: Mailbox quota alarm', text: 'Still happening.', inReplyTo: '<first-1@acme.example>', references: ['<first-1@acme.example>'], messageId: '<reply-3@acme.example>' });
    // the sending server retries a message it thinks was lost: same Message-ID, no second comment
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Re: Mailbox quota alarm', text: 'Still happening.', inReplyTo: '<first-1@acme.example>', messageId: '<reply-3@acme.example>' });
    const d = (await staff('GET', `/api/v1/tickets/${t.id}`)).body;
    expect(d.comments.map((c: any) => c.body)).toEqual(['Our quota alarm fires.', 'Logs attached.', 'Still happening.']);
    expect(d.comments[1].attachments).toEqual([{ id: expect.any(String), filename: 'log.txt', contentType: 'text/plain', size: 6, sha256: expect.any(String) }]);
    expect(d.comments.every((c: any) => c.via === 'email' && c.isPublic)).toBe(true);
    expect(await tickets('"Mailbox quota alarm"')).toHaveLength(1);
  });

  it('TK-8: an unknown sender becomes a customer, or is refused with 550 when configured', async () => {
    await send({ from: 'newbie@elsewhere.example', to: 'support@support.example', subject: 'First contact', text: 'hello' });
    expect(await tickets('"First contact"')).toHaveLength(1);
    const strict = await startTicketMailIntake(s.hotline.ctx, { HOTLINE_MAIL_INTAKE_PORT: '0', HOTLINE_MAIL_REJECT_UNKNOWN: '1', HOTLINE_MAIL_REPLY_DOMAIN: 'support.example' });
    try {
      await expect(send({ from: 'stranger@nowhere.example', to: 'support@support.example', subject: 'Spam offer', text: 'buy' }, strict!.port)).rejects.toMatchObject({ responseCode: 550 });
      expect(await tickets('"Spam offer"')).toHaveLength(0);
      await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Known sender ok', text: 'hi' }, strict!.port);
      expect(await tickets('"Known sender ok"')).toHaveLength(1);
    } finally {
      await strict!.close();
    }
  });

  it('TK-6 / TK-8: a reply to a merged ticket lands on the ticket it was merged into', async () => {
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Merge source mail', text: 'one' });
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Merge target mail', text: 'two' });
    const [src] = await tickets('"Merge source mail"');
    const [dst] = await tickets('"Merge target mail"');
    expect((await staff('POST', `/api/v1/tickets/${src.id}/merge`, { into: dst.id })).status).toBe(200);
    const token = (await s.hotline.ctx.db.kysely.selectFrom('tickets').select('reply_token').where('id', '=', src.id).executeTakeFirstOrThrow()).reply_token;
    await send({ from: 'rita@acme.example', to: `support+${token}@support.example`, subject: 'Re: Merge source mail', text: 'late reply' });
    const d = (await staff('GET', `/api/v1/tickets/${dst.id}`)).body;
    expect(d.comments.map((c: any) => c.body)).toEqual(expect.arrayContaining(['one', 'two', 'late reply']));
  });

  it('TK-8: a reply to the Message-ID our notifier sends threads back to the ticket', async () => {
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Header threading', text: 'start' });
    const [t] = await tickets('"Header threading"');
    const h = (await ticketMailHeaders(readTx(s.hotline.ctx.db), t.id, mailSettingsFromEnv({ HOTLINE_MAIL_REPLY_DOMAIN: 'support.example' })))!;
    expect(h.replyTo).toMatch(/^support\+[A-Za-z0-9_-]+@support\.example$/);
    await send({ from: 'rita@acme.example', to: 'help@support.example', subject: 'Re: whatever', text: 'threaded by header', inReplyTo: h.messageId });
    expect((await staff('GET', `/api/v1/tickets/${t.id}`)).body.comments.map((c: any) => c.body)).toEqual(['start', 'threaded by header']);
  });

  // Quoted originals as real mail programs write them: only the sender's new text lands on the ticket.
  const replyAfterQuote = async (subject: string, msg: Omit<SendMailOptions, 'from' | 'to' | 'subject'>) => {
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject, text: 'The indexer is stuck.' });
    const [t] = await tickets(`"${subject}"`);
    const h = (await ticketMailHeaders(readTx(s.hotline.ctx.db), t.id, mailSettingsFromEnv({ HOTLINE_MAIL_REPLY_DOMAIN: 'support.example' })))!;
    await send({ from: 'Rita Okafor <rita@acme.example>', to: h.replyTo, subject: `Re: ${subject}`, ...msg });
    return (await staff('GET', `/api/v1/tickets/${t.id}`)).body.comments.map((c: any) => c.body);
  };

  it("TK-8: a Gmail reply whose 'On … wrote:' header is wrapped over two lines keeps only the new text", async () => {
    const text = 'Thanks, the restart fixed it.\n\nOn Tue, 1 Dec 2026 at 10:02, Rita <rita@acme.example>\nwrote:\n\n> Please restart the indexer.\n> Support\n';
    expect(await replyAfterQuote('Gmail wrapped quote', { text })).toEqual(['The indexer is stuck.', 'Thanks, the restart fixed it.']);
  });

  it("TK-8: an Outlook reply's From/Sent/To/Subject block and the original under it stay off the ticket", async () => {
    const text = 'Thanks, the restart fixed it.\n\nFrom: Hotline Support <support@support.example>\nSent: Tuesday, December 1, 2026 10:02 AM\n'
      + 'To: Rita Okafor <rita@acme.example>\nSubject: RE: Outlook quote\n\nPlease restart the indexer.\n';
    expect(await replyAfterQuote('Outlook quote', { text })).toEqual(['The indexer is stuck.', 'Thanks, the restart fixed it.']);
  });

  it("TK-8: a German reply's 'Am … schrieb …:' header and the quote stay off the ticket", async () => {
    const text = 'Danke, der Neustart hat geholfen.\n\nAm 01.12.2026 um 10:02 schrieb Rita <rita@acme.example>:\n> Bitte den Indexer neu starten.\n';
    expect(await replyAfterQuote('German quote', { text })).toEqual(['The indexer is stuck.', 'Danke, der Neustart hat geholfen.']);
  });

  it('TK-8: an HTML-only Outlook reply is read through the mail parser\'s text, without its quoted block or markup', async () => {
    const html = '<html><head><style>p { margin: 0 }</style></head><body><p>Thanks, the restart fixed it.</p>'
      + '<div id="divRplyFwdMsg"><hr><b>From:</b> Hotline Support &lt;support@support.example&gt;<br><b>Sent:</b> Tuesday, December 1, 2026 10:02 AM<br>'
      + '<b>To:</b> Rita Okafor &lt;rita@acme.example&gt;<br><b>Subject:</b> RE: HTML quote</div><p>Please restart the indexer.</p></body></html>';
    expect(await replyAfterQuote('HTML quote', { html })).toEqual(['The indexer is stuck.', 'Thanks, the restart fixed it.']);
  });

  it('TK-8: auto-replies never open tickets', async () => {
    await send({ from: 'rita@acme.example', to: 'support@support.example', subject: 'Out of office', text: 'away', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(await tickets('"Out of office"')).toHaveLength(0);
  });

  it('TK-8: a mail sent with swaks opens a ticket', needs('swaks'), async () => {
    // async: the SMTP listener runs in this very process and must keep answering
    requireAvailable('swaks');
    await promisify(execFile)(SWAKS, ['--server', '127.0.0.1', '--port', String(port), '--from', 'rita@acme.example', '--to', 'support@support.example',
      '--header', 'Subject: Sent by swaks', '--body', 'Swaks body text', '--silent', '2'], { timeout: 15_000 });
    const [t] = await tickets('"Sent by swaks"');
    expect(t).toBeDefined();
    const d = (await staff('GET', `/api/v1/tickets/${t.id}`)).body;
    expect(d.comments[0].body).toContain('Swaks body text');
  });
});
