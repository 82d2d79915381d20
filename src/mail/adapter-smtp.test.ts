import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailRejected, startMailIntake, type MailIntake } from './adapter-smtp.ts';
import type { InboundMail } from './inbound-mail.ts';
import { findReplyToken, replyAddressScheme } from './reply-address.ts';
import { SWAKS, needs, requireAvailable } from '../../test/support/requirements.ts';


let intake: MailIntake;
const received: InboundMail[] = [];
let nextHandlerError: Error | undefined;

beforeAll(async () => {
  intake = await startMailIntake(
    { maxBytes: 64 * 1024, allowedSenders: ['acme.test', 'cto@initech.test'], acceptedRecipientDomains: ['hotline.test'] },
    async (mail) => {
      if (nextHandlerError) {
        const e = nextHandlerError;
        nextHandlerError = undefined;
        throw e;
      }
      received.push(mail);
    },
  );
});
afterAll(() => intake.close());
afterEach(() => {
  nextHandlerError = undefined;
});

function client() {
  return nodemailer.createTransport({ host: intake.host, port: intake.port, secure: false, ignoreTLS: true });
}

async function sendExpectingError(mail: SendMailOptions) {
  const t = client();
  try {
    await t.sendMail(mail);
    throw new Error('expected the server to refuse the message');
  } catch (err) {
    return err as { responseCode?: number; response?: string; command?: string };
  } finally {
    t.close();
  }
}

describe('SMTP mail intake on loopback (nodemailer as the sending server)', () => {
  it('TK-8: a customer e-mail arrives parsed: ids, threading, addresses, text, html, attachments', async () => {
    const t = client();
    const before = received.length;
    await t.sendMail({
      from: 'Ana Lopez <ana@acme.test>',
      to: 'Support <support+tok123@hotline.test>',
      cc: 'Bob <bob@acme.test>',
      subject: 'Production is down',
      text: 'Our instance returns 502 since 14:00.',
      html: '<p>Our instance returns <b>502</b> since 14:00.</p>',
      messageId: '<cust-1@acme.test>',
      inReplyTo: '<hl.abc@hotline.test>',
      references: ['<thread.xyz@hotline.test>', '<hl.abc@hotline.test>'],
      date: new Date('2026-03-10T14:05:00Z'),
      attachments: [{ filename: 'error.log', content: 'line 1\nline 2\n', contentType: 'text/plain' }],
    });
    t.close();
    expect(received.length).toBe(before + 1);
    const m = received.at(-1)!;
    expect(m).toMatchObject({
      messageId: '<cust-1@acme.test>',
      inReplyTo: '<hl.abc@hotline.test>',
      references: ['<thread.xyz@hotline.test>', '<hl.abc@hotline.test>'],
      from: { address: 'ana@acme.test', name: 'Ana Lopez' },
      to: [{ address: 'support+tok123@hotline.test', name: 'Support' }],
      cc: [{ address: 'bob@acme.test', name: 'Bob' }],
      subject: 'Production is down',
      text: 'Our instance returns 502 since 14:00.',
      html: '<p>Our instance returns <b>502</b> since 14:00.</p>',
      date: '2026-03-10T14:05:00.000Z',
      autoSubmitted: false,
      // bob@acme.test is outside the accepted domains, so only our address is in the envelope.
      envelope: { mailFrom: 'ana@acme.test', rcptTo: ['support+tok123@hotline.test'] },
    });
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ filename: 'error.log', contentType: 'text/plain', size: 14 });
    expect(m.attachments[0]!.content.toString()).toBe('line 1\nline 2\n');
    expect(findReplyToken(m, replyAddressScheme('hotline.test'))).toBe('tok123');
  });

  it('TK-8: an unknown envelope sender is refused at RCPT with a clear 550', async () => {
    const before = received.length;
    const err = await sendExpectingError({ from: 'mallory@evil.test', to: 'support@hotline.test', subject: 's', text: 't' });
    expect(err.responseCode).toBe(550);
    expect(err.command).toBe('RCPT TO');
    expect(err.response).toContain('Sender <mallory@evil.test> is not allowed to open support requests here');
    expect(received.length).toBe(before);
  });

  it('TK-8: an allowed envelope with a forged header From is refused at DATA', async () => {
    const before = received.length;
    const err = await sendExpectingError({ envelope: { from: 'ana@acme.test', to: ['support@hotline.test'] }, from: 'ceo@evil.test', to: 'support@hotline.test', subject: 's', text: 't' });
    expect(err.responseCode).toBe(550);
    expect(err.command).toBe('DATA');
    expect(received.length).toBe(before);
  });

  it('TK-8: a recipient outside our domains is refused (no open relay)', async () => {
    const err = await sendExpectingError({ from: 'ana@acme.test', to: 'someone@gmail.test', subject: 's', text: 't' });
    expect(err.responseCode).toBe(550);
    expect(err.response).toContain('is not handled by this server');
  });

  it('TK-8: a message over the size limit is refused with 552 and never reaches the intake', async () => {
    const before = received.length;
    const err = await sendExpectingError({ from: 'cto@initech.test', to: 'support@hotline.test', subject: 'big', text: 'x'.repeat(100 * 1024) });
    expect(err.responseCode).toBe(552);
    expect(received.length).toBe(before);
  });

  it('TK-8: an intake failure answers 451 so the sender retries; MailRejected answers its own 5xx', async () => {
    nextHandlerError = new Error('database unavailable');
    const temp = await sendExpectingError({ from: 'ana@acme.test', to: 'support@hotline.test', subject: 's', text: 't' });
    expect(temp.responseCode).toBe(451);
    nextHandlerError = new MailRejected(550, '5.1.1 Ticket token unknown; write to support@hotline.test without a token');
    const perm = await sendExpectingError({ from: 'ana@acme.test', to: 'support+nope@hotline.test', subject: 's', text: 't' });
    expect(perm.responseCode).toBe(550);
    expect(perm.response).toContain('Ticket token unknown');
  });

  it('TK-8: auto-replies are flagged so the intake never answers them', async () => {
    const t = client();
    await t.sendMail({ from: 'ana@acme.test', to: 'support@hotline.test', subject: 'Out of office', text: 'away', headers: { 'Auto-Submitted': 'auto-replied' } });
    t.close();
    expect(received.at(-1)!.autoSubmitted).toBe(true);
  });

  it('TK-8: without an allow-list anyone may write, and several messages share one connection', async () => {
    const open: InboundMail[] = [];
    const server = await startMailIntake({}, async (m) => {
      open.push(m);
    });
    const t = nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 });
    await Promise.all([1, 2, 3].map((i) => t.sendMail({ from: `u${i}@anywhere.test`, to: 'support@x.test', subject: `m${i}`, text: 't' })));
    t.close();
    await server.close();
    expect(open.map((m) => m.subject).sort()).toEqual(['m1', 'm2', 'm3']);
  });
});

describe('SMTP mail intake with swaks as the client', () => {
  const swaks = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      requireAvailable('swaks');
      execFile(SWAKS, ['--server', intake.host, '--port', String(intake.port), '--timeout', '10', ...args], (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
      });
    });

  it('TK-8: swaks delivers a message with an attachment that the intake parses', needs('swaks'), async () => {
    const before = received.length;
    const dir = mkdtempSync(join(tmpdir(), 'hotline-swaks-'));
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'steps to reproduce\n');
    const r = await swaks([
      '--from', 'ana@acme.test', '--to', 'support+swk1@hotline.test',
      '--header', 'Subject: Emergency via swaks', '--header', 'Message-Id: <swaks-1@acme.test>',
      '--body', 'Everything is on fire.', '--attach-type', 'text/plain', '--attach-name', 'note.txt', '--attach', `@${file}`,
    ]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code, r.out).toBe(0);
    expect(received.length).toBe(before + 1);
    const m = received.at(-1)!;
    expect(m.subject).toBe('Emergency via swaks');
    expect(m.messageId).toBe('<swaks-1@acme.test>');
    expect(m.envelope.rcptTo).toEqual(['support+swk1@hotline.test']);
    expect(m.text.trim()).toBe('Everything is on fire.');
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['note.txt', 'text/plain', 'steps to reproduce\n']]);
  });

  it('TK-8: swaks from an unknown sender sees the 550 at RCPT', needs('swaks'), async () => {
    const r = await swaks(['--from', 'mallory@evil.test', '--to', 'support@hotline.test', '--body', 'x']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<\*\* 550 5\.7\.1 Sender <mallory@evil\.test> is not allowed/);
  });
});
