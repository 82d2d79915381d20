import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { EmailChannel, messageIdFor, threadRootIdFor, withActions } from './adapter-email.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/stand-ins/smtp-sink.ts';

const AUTH = { user: 'hotline', pass: 's3cret' };
let sink: SmtpSink;
let channel: EmailChannel;

beforeAll(async () => {
  sink = await startSmtpSink({ auth: AUTH });
  channel = new EmailChannel({ host: sink.host, port: sink.port, secure: false, auth: AUTH, from: 'Hotline <pager@hotline.test>' });
});
afterAll(async () => {
  channel.close();
  await sink.close();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('email channel over real SMTP', () => {
  it('PG-6: a delivery arrives with a Message-ID derived from its idempotency key, and a retry repeats it', async () => {
    const before = sink.messages.length;
    const d = { idempotencyKey: 'job:42:attempt-independent', to: 'ana@customer.test', subject: 'Page: ticket 1001', text: 'A customer asked for the on-call engineer.' };
    const first = await channel.send(d);
    const second = await channel.send(d);
    expect(first).toEqual({ ok: true, providerId: messageIdFor(d.idempotencyKey, 'hotline.test') });
    expect(second).toEqual(first);
    const got = (await sink.waitFor(before + 2)).slice(before);
    expect(got.map((m) => m.parsed.messageId)).toEqual([first.ok && first.providerId, first.ok && first.providerId]);
    expect(got[0]!.envelope).toEqual({ mailFrom: 'pager@hotline.test', rcptTo: ['ana@customer.test'] });
    expect(got[0]!.user).toBe('hotline');
    expect(got[0]!.parsed.subject).toBe('Page: ticket 1001');
    expect(got[0]!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(got[0]!.parsed.headers.get('x-hotline-delivery')).toBe('job:42:attempt-independent');
  });

  it('WF-1: messages with one threadKey refer to the same root (In-Reply-To, References)', async () => {
    const before = sink.messages.length;
    const a = await channel.send({ idempotencyKey: 'k-a', to: 'se@hotline.test', subject: 'Emergency ticket 1002', text: 'opened', threadKey: 'ticket:1002' });
    const b = await channel.send({ idempotencyKey: 'k-b', to: 'se@hotline.test', subject: 'Re: Emergency ticket 1002', text: 'acknowledged', threadKey: 'ticket:1002' });
    const other = await channel.send({ idempotencyKey: 'k-c', to: 'se@hotline.test', text: 'unrelated', threadKey: 'ticket:9' });
    const root = threadRootIdFor('ticket:1002', 'hotline.test');
    expect(a.ok && a.threadRef).toBe(root);
    expect(b.ok && b.threadRef).toBe(root);
    expect(other.ok && other.threadRef).not.toBe(root);
    const got = (await sink.waitFor(before + 3)).slice(before);
    for (const m of got.slice(0, 2)) {
      expect(m.parsed.inReplyTo).toBe(root);
      expect(m.parsed.references).toBe(root);
    }
    expect(got[0]!.parsed.messageId).not.toBe(got[1]!.parsed.messageId);
  });

  it('WF-1: a stored threadRef wins over the derived root', async () => {
    const before = sink.messages.length;
    const r = await channel.send({ idempotencyKey: 'k-d', to: 'se@hotline.test', text: 'reply', threadKey: 'ticket:1', threadRef: '<original@customer.test>' });
    expect(r.ok && r.threadRef).toBe('<original@customer.test>');
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    expect(m!.parsed.inReplyTo).toBe('<original@customer.test>');
  });

  it('PG-6: action links appear in the text and as links in the HTML', async () => {
    const before = sink.messages.length;
    await channel.send({
      idempotencyKey: 'k-actions',
      to: 'se@hotline.test',
      subject: 'Page',
      text: 'Customer <Acme> is down & waiting.',
      actions: [
        { label: 'Acknowledge', url: 'https://hotline.test/a/ack?t=abc&x=1' },
        { label: 'Escalate', url: 'https://hotline.test/a/esc?t=abc' },
      ],
    });
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    expect(m!.parsed.text).toContain('Acknowledge: https://hotline.test/a/ack?t=abc&x=1');
    expect(m!.parsed.text).toContain('Escalate: https://hotline.test/a/esc?t=abc');
    const html = String(m!.parsed.html);
    expect(html).toContain('<a href="https://hotline.test/a/ack?t=abc&amp;x=1">Acknowledge</a>');
    expect(html).toContain('Customer &lt;Acme&gt; is down &amp; waiting.');
  });

  it('PG-6: a temporary SMTP refusal (451) is retryable, a permanent one (550) is not', async () => {
    sink.failNextData(451, 'Try again later');
    const temp = await channel.send({ idempotencyKey: 'k-451', to: 'x@customer.test', text: 't' });
    expect(temp).toMatchObject({ ok: false, retryable: true });
    sink.failNextData(550, 'Mailbox unavailable');
    const perm = await channel.send({ idempotencyKey: 'k-550', to: 'x@customer.test', text: 't' });
    expect(perm).toMatchObject({ ok: false, retryable: false });
    expect(!perm.ok && perm.error).toContain('550');
  });

  it('PG-6: wrong SMTP credentials are not retryable; an unreachable server is', async () => {
    const bad = new EmailChannel({ host: sink.host, port: sink.port, secure: false, auth: { user: 'hotline', pass: 'wrong' }, from: 'pager@hotline.test' });
    const r = await bad.send({ idempotencyKey: 'k-auth', to: 'x@customer.test', text: 't' });
    bad.close();
    expect(r).toMatchObject({ ok: false, retryable: false });
    const down = new EmailChannel({ host: '127.0.0.1', port: await freePort(), secure: false, from: 'pager@hotline.test', timeoutMs: 2000 });
    const r2 = await down.send({ idempotencyKey: 'k-down', to: 'x@customer.test', text: 't' });
    down.close();
    expect(r2).toMatchObject({ ok: false, retryable: true });
  });

  it.each([
    ['<p>x</p>', '<p>A</p>', '<p>x</p>\n<p>A</p>'],
    ['<html><body><p>x</p></body></html>', '<p>A</p>', '<html><body><p>x</p><p>A</p>\n</body></html>'],
    ['<p>x</p>', '', '<p>x</p>'],
  ])('PG-6: action links are placed inside the HTML body (%s)', (html, actions, expected) => {
    expect(withActions(html, actions)).toBe(expected);
  });
});
