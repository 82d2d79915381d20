import { describe, expect, it } from 'vitest';
import { bareAddress, findReplyToken, formatReplyAddress, parseReplyAddress, replyAddressScheme } from './reply-address.ts';
import { isRecipientDomainAccepted, isSenderAllowed } from './sender-policy.ts';
import { DomainError } from '../kernel/errors.ts';

const scheme = replyAddressScheme('support.hotline.test');

describe('reply addresses (TK-8 threading)', () => {
  it('TK-8: format then parse gives the token back', () => {
    const addr = formatReplyAddress('Tk_9-aZ', scheme);
    expect(addr).toBe('support+Tk_9-aZ@support.hotline.test');
    expect(parseReplyAddress(addr, scheme)).toBe('Tk_9-aZ');
  });

  it.each([
    ['Acme Support <support+abc123@support.hotline.test>', 'abc123'],
    ['<SUPPORT+abc123@Support.Hotline.Test>', 'abc123'],
    ['support+ABC@support.hotline.test', 'ABC'],
    ['support@support.hotline.test', undefined],
    ['support+@support.hotline.test', undefined],
    ['support+abc@other.test', undefined],
    ['help+abc@support.hotline.test', undefined],
    ['support+ab.c@support.hotline.test', undefined],
    ['not an address', undefined],
  ])('TK-8: parse %s → %s', (input, token) => {
    expect(parseReplyAddress(input, scheme)).toBe(token);
  });

  it('TK-8: a custom mailbox and separator are honoured', () => {
    const s = replyAddressScheme('example.org', 'help', '-');
    expect(parseReplyAddress(formatReplyAddress('t1', s), s)).toBe('t1');
    expect(parseReplyAddress('help+t1@example.org', s)).toBeUndefined();
  });

  it('TK-8: a token outside the safe alphabet is refused with a stable code', () => {
    try {
      formatReplyAddress('a b', scheme);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('mail.bad_reply_token');
    }
  });

  it('TK-8: the token is found in the envelope (Bcc) before To and Cc', () => {
    const mail = {
      envelope: { rcptTo: ['support+fromenv@support.hotline.test'] },
      to: [{ address: 'someone@acme.test' }, { address: 'support+fromto@support.hotline.test' }],
      cc: [{ address: 'support+fromcc@support.hotline.test' }],
    };
    expect(findReplyToken(mail, scheme)).toBe('fromenv');
    expect(findReplyToken({ ...mail, envelope: { rcptTo: [] } }, scheme)).toBe('fromto');
    expect(findReplyToken({ to: [], cc: mail.cc }, scheme)).toBe('fromcc');
    expect(findReplyToken({ to: [] }, scheme)).toBeUndefined();
  });

  it('bareAddress strips display names and lower-cases the domain only', () => {
    expect(bareAddress('Ana <Ana.B@ACME.test>')).toBe('Ana.B@acme.test');
  });
});

describe('sender allow-list (TK-8)', () => {
  const list = ['acme.test', '@globex.test', 'cto@initech.test', '*.umbrella.test'];
  it.each([
    ['ana@acme.test', true],
    ['ANA@ACME.TEST', true],
    ['bob@globex.test', true],
    ['cto@initech.test', true],
    ['dev@initech.test', false],
    ['x@eu.umbrella.test', true],
    ['x@umbrella.test', true],
    ['x@notumbrella.test', false],
    ['x@acme.test.evil.test', false],
    ['', false],
    [null, false],
  ])('TK-8: %s allowed → %s', (sender, allowed) => {
    expect(isSenderAllowed(sender, list)).toBe(allowed);
  });

  it('TK-8: no list configured lets everyone in, including bounces', () => {
    expect(isSenderAllowed('', undefined)).toBe(true);
    expect(isSenderAllowed('a@b.test', [])).toBe(true);
  });

  it('TK-8: recipient domains', () => {
    expect(isRecipientDomainAccepted('support@Hotline.test', ['hotline.test'])).toBe(true);
    expect(isRecipientDomainAccepted('x@elsewhere.test', ['hotline.test'])).toBe(false);
    expect(isRecipientDomainAccepted('x@elsewhere.test', undefined)).toBe(true);
  });
});
