import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsConfigFromEnv, createChannels } from './adapters.ts';
import { DomainError } from '../../kernel/errors.ts';
import { startSlackStandIn, type SlackStandIn } from '../../../test/stand-ins/slack.ts';

describe('channel configuration', () => {
  it('PG-6: only channels with settings exist; the others fail with a clear code', () => {
    const set = createChannels(channelsConfigFromEnv({ HOTLINE_WEBHOOK_SECRET: 'a, b', HOTLINE_TWILIO_ACCOUNT_SID: 'AC1', HOTLINE_TWILIO_AUTH_TOKEN: 't', HOTLINE_TWILIO_FROM: '+15005550006' }));
    expect(set.kinds().sort()).toEqual(['sms', 'voice', 'webhook']);
    expect(() => set.get('email')).toThrowError(DomainError);
    const err = (() => {
      try {
        set.get('slack');
      } catch (e) {
        return e;
      }
    })();
    expect((err as DomainError).code).toBe('notify.channel_not_configured');
    set.close();
  });

  it.each([
    [{ HOTLINE_SMTP_HOST: 'smtp.acme.test' }, { host: 'smtp.acme.test', port: 587, secure: false, from: 'Hotline <hotline@smtp.acme.test>' }],
    [{ HOTLINE_SMTP_HOST: 'h', HOTLINE_SMTP_SECURE: 'true', HOTLINE_SMTP_USER: 'u', HOTLINE_SMTP_PASS: 'p', HOTLINE_MAIL_FROM: 'a@b.test' }, { host: 'h', port: 465, secure: true, from: 'a@b.test', auth: { user: 'u', pass: 'p' } }],
  ])('PG-6: SMTP settings %j', (env, expected) => {
    expect(channelsConfigFromEnv(env).email).toEqual(expected);
  });

  it('PG-6: webhook secrets rotate as a comma list; a bad port is refused', () => {
    expect(channelsConfigFromEnv({ HOTLINE_WEBHOOK_SECRET: 'new, old' }).webhook).toEqual({ secret: ['new', 'old'] });
    expect(() => channelsConfigFromEnv({ HOTLINE_SMTP_HOST: 'h', HOTLINE_SMTP_PORT: 'twenty-five' })).toThrowError(/HOTLINE_SMTP_PORT/);
  });

  describe('with the Slack stand-in', () => {
    let slack: SlackStandIn;
    beforeAll(async () => {
      slack = await startSlackStandIn({ token: 'xoxb-env' });
    });
    afterAll(() => slack.close());
    it('PG-6: a Slack channel built from the environment posts to the configured base URL', async () => {
      const set = createChannels(channelsConfigFromEnv({ HOTLINE_SLACK_TOKEN: 'xoxb-env', HOTLINE_SLACK_API_URL: slack.apiUrl, HOTLINE_SLACK_DEFAULT_CHANNEL: 'emergencies' }));
      const r = await set.get('slack').send({ idempotencyKey: 'env-1', to: '', text: 'hello' });
      expect(r.ok).toBe(true);
      expect(slack.messages.at(-1)!.text).toBe('hello');
    });
  });
});
