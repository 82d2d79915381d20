// TK-8: what the portal turns into a link in a reply. Only http(s) addresses; sentence punctuation
// stays outside; anything else (javascript:, markup) stays plain text.
import { describe, expect, it } from 'vitest';
import { linkPieces } from '../../web/src/portal/links.ts';
import { afterSent } from '../../web/src/ui/compose.ts';

describe('portal reply links', () => {
  it.each([
    ['Join https://meet.example/acme now.', [{ text: 'Join ' }, { href: 'https://meet.example/acme', text: 'https://meet.example/acme' }, { text: ' now.' }]],
    ['(see http://status.example/x?a=1&b=2).', [{ text: '(see ' }, { href: 'http://status.example/x?a=1&b=2', text: 'http://status.example/x?a=1&b=2' }, { text: ').' }]],
    ['javascript:alert(1) and data:text/html,<b>x</b>', [{ text: 'javascript:alert(1) and data:text/html,<b>x</b>' }]],
    ['<a href="https://evil.example">click</a>', [{ text: '<a href="' }, { href: 'https://evil.example/', text: 'https://evil.example' }, { text: '">click</a>' }]],
    ['no links at all', [{ text: 'no links at all' }]],
  ])('%s', (body, pieces) => {
    expect(linkPieces(body)).toEqual(pieces);
  });
});

describe('compose box after sending (TK-2)', () => {
  it.each([
    ['Looking now.', 'Looking now.', ''],
    ['Looking now. And more', 'Looking now.', 'And more'],
    ['Something else entirely', 'Looking now.', 'Something else entirely'],
    ['', 'Looking now.', ''],
  ])('box %j after sending %j → %j', (current, sent, left) => {
    expect(afterSent(current, sent)).toBe(left);
  });
});
