import { describe, expect, it } from 'vitest';
import { mailIntakeConfigFromEnv } from './config.ts';

describe('mail intake settings (TK-8)', () => {
  it.each([
    [{}, undefined],
    [{ HOTLINE_MAIL_INTAKE_PORT: '2525' }, { port: 2525, host: '127.0.0.1' }],
    [
      { HOTLINE_MAIL_INTAKE_PORT: '25', HOTLINE_MAIL_INTAKE_HOST: '0.0.0.0', HOTLINE_MAIL_INTAKE_MAX_BYTES: '1048576', HOTLINE_MAIL_ALLOWED_SENDERS: 'acme.test, cto@initech.test', HOTLINE_MAIL_DOMAINS: 'support.hotline.test' },
      { port: 25, host: '0.0.0.0', maxBytes: 1048576, allowedSenders: ['acme.test', 'cto@initech.test'], acceptedRecipientDomains: ['support.hotline.test'] },
    ],
  ])('TK-8: %j → %j', (env, expected) => {
    expect(mailIntakeConfigFromEnv(env)).toEqual(expected);
  });

  it.each([
    [{ HOTLINE_MAIL_INTAKE_PORT: 'smtp' }, 'config.bad_port'],
    [{ HOTLINE_MAIL_INTAKE_PORT: '70000' }, 'config.bad_port'],
    [{ HOTLINE_MAIL_INTAKE_PORT: '25', HOTLINE_MAIL_INTAKE_MAX_BYTES: '-1' }, 'config.bad_number'],
  ])('TK-8: %j is refused with %s', (env, code) => {
    expect(() => mailIntakeConfigFromEnv(env)).toThrowError(expect.objectContaining({ code }));
  });
});
