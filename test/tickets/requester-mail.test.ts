// TK-2, TK-8: a staff member's public reply reaches the requester by e-mail over real SMTP, with a
// reply address that brings the customer's answer back to the ticket; an internal note never
// leaves by e-mail, and a retried delivery job does not send the reply twice.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { startSmtpSink, type SmtpSink } from '../stand-ins/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('e-mail to the requester on %s', (engine) => {
  let s: TestServer;
  let sink: SmtpSink;
  let staff: ReturnType<typeof http>;
  let ticketId: string;
  const drain = () => s.hotline.ctx.jobs.drain();

  beforeAll(async () => {
    sink = await startSmtpSink();
    // read at start (the listener) and when a reply is addressed, as on a real node
    process.env.HOTLINE_MAIL_INTAKE_PORT = '0';
    process.env.HOTLINE_MAIL_REPLY_DOMAIN = 'support.example';
    s = await startTestServer({ engine, runJobs: false });
    configureNotify(s.hotline.ctx, { channels: createChannels({ email: { host: sink.host, port: sink.port, secure: false, from: 'Acme Support <support@support.example>' } }), publicUrl: 'https://hotline.example' });
    staff = http(s.url, { token: s.admin.token });
    const org = (await staff('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    await staff('POST', '/api/v1/users', { email: 'rita@acme.example', name: 'Rita Okafor', role: 'customer', organizationId: org });
    const t = await staff('POST', '/api/v1/tickets', { subject: 'Backups fail nightly', form: 'self_managed', requesterEmail: 'rita@acme.example' });
    expect(t.status).toBe(201);
    ticketId = t.body.ticket.id;
    await drain();
  });
  afterAll(async () => {
    delete process.env.HOTLINE_MAIL_INTAKE_PORT;
    delete process.env.HOTLINE_MAIL_REPLY_DOMAIN;
    await s?.close();
    await sink?.close();
  });

  it('TK-2: the public reply is e-mailed to the requester; the internal note is not, in any mail', async () => {
    expect((await staff('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'SECRET-NOTE: their licence server is ours to restart', public: false })).status).toBe(201);
    expect((await staff('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'Please run the backup check with --verbose and send us the output.', public: true })).status).toBe(201);
    await drain();
    const [m] = await sink.waitFor(1);
    expect(m.envelope.rcptTo).toEqual(['rita@acme.example']);
    expect(m.parsed.subject).toMatch(/^\[#\d+\] Backups fail nightly$/);
    expect(m.parsed.text).toContain('Please run the backup check with --verbose');
    expect(m.parsed.text).toContain(`https://hotline.example/support/${ticketId}`);
    expect(m.parsed.replyTo?.value[0]?.address).toMatch(/^support\+[A-Za-z0-9_-]+@support\.example$/);
    expect(m.parsed.inReplyTo).toMatch(/^<ticket\.[A-Za-z0-9_-]+@support\.example>$/);
    expect(sink.messages.map((x) => x.raw.toString('utf8')).join('\n')).not.toContain('SECRET-NOTE');
    expect(sink.messages).toHaveLength(1);
  });

  it('TK-8: answering that e-mail adds the answer to the ticket', async () => {
    const m = sink.messages[0]!;
    const port = s.hotline.app.mailIntake!.port;
    await nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
      from: 'rita@acme.example', to: m.parsed.replyTo!.value[0]!.address, subject: `Re: ${m.parsed.subject}`, text: 'Output attached: all green now.\n\nOn Mon, Support wrote:\n> quoted',
      inReplyTo: m.parsed.messageId, references: [m.parsed.messageId!],
    });
    const d = (await staff('GET', `/api/v1/tickets/${ticketId}`)).body;
    expect(d.comments.at(-1)).toMatchObject({ body: 'Output attached: all green now.', isPublic: true, via: 'email' });
    await drain();
    expect(sink.messages).toHaveLength(1); // the customer is not mailed their own words
  });

  it('TK-2: a delivery job that runs again after it sent does not send the reply twice', async () => {
    expect((await staff('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'One more thing: check the disk.', public: true })).status).toBe(201);
    await drain();
    await sink.waitFor(2);
    const job = await s.hotline.ctx.db.kysely.selectFrom('jobs').select(['id']).where('kind', '=', 'notify.person').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    // the node died after the send and before recording the job done: the job runs again
    await s.hotline.ctx.db.kysely.updateTable('jobs').set({ status: 'pending', attempts: 0 }).where('id', '=', job.id).execute();
    await drain();
    expect(sink.messages.filter((x) => x.parsed.text?.includes('check the disk'))).toHaveLength(1);
  });
});
