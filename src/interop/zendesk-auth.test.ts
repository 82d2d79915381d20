// The credentials Zendesk clients send, as node-zendesk builds them.
import { describe, expect, it } from 'vitest';
import { parseZendeskAuth } from './zendesk-auth.ts';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('Zendesk credentials', () => {
  it.each([
    ['API token', basic('a@x.example/token:hl_abc'), { kind: 'api_token', email: 'a@x.example', token: 'hl_abc' }],
    ['OAuth bearer', 'Bearer hl_abc', { kind: 'bearer', token: 'hl_abc' }],
    ['password (recognised, to be refused)', basic('a@x.example:secret'), { kind: 'password', email: 'a@x.example' }],
    ['nothing', undefined, null],
    ['a malformed basic', 'Basic !!!', null],
    ['a token form without a token', basic('a@x.example/token:'), null],
    ['another scheme', 'Digest abc', null],
  ])('%s', (_n, header, want) => {
    expect(parseZendeskAuth(header)).toEqual(want);
  });
});
