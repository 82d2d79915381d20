// TK-8: the new part of a reply, for the quote forms mail programs write.
import { describe, expect, it } from 'vitest';
import { replyText } from './reply-text.ts';

describe('replyText', () => {
  it('TK-8: drops a wrapped Gmail header, an Outlook block, a German header and > quotes', () => {
    expect(replyText('New.\r\n\r\nOn Tue, 1 Dec 2026 at 10:02, Rita <rita@acme.example>\r\nwrote:\r\n\r\n> old\r\n')).toBe('New.');
    expect(replyText('New.\n\nFrom: A <a@x.example>\nSent: Tuesday, December 1, 2026 10:02 AM\nTo: B <b@x.example>\nSubject: RE: x\n\nold\n')).toBe('New.');
    expect(replyText('Neu.\n\nAm 01.12.2026 um 10:02 schrieb Rita <rita@acme.example>:\n> alt\n')).toBe('Neu.');
  });

  it("TK-8: Outlook's rule above its From block (underscores in text, dashes from an <hr>) goes with the block", () => {
    const block = 'From: A <a@x.example>\nSent: Tuesday, December 1, 2026 10:02 AM\nTo: B <b@x.example>\nSubject: RE: x\n\nold\n';
    expect(replyText(`New.\n\n________________________________\n${block}`)).toBe('New.');
    expect(replyText(`New.\n\n${'-'.repeat(80)}\n\n${block}`)).toBe('New.'); // as the HTML conversion writes it
  });

  it('TK-8: a message that is only a quote is kept whole rather than emptied', () => {
    expect(replyText('> forwarded line\n')).toBe('> forwarded line');
  });
});
