export type { Channel, ChannelKind, Delivery, DeliveryAction, SendResult } from './channel.ts';
export { delivered, describeNetworkError, failed, httpVerdict, parseRetryAfter } from './channel.ts';
export { actionLines, actionsHtml, digest, escapeHtml, textToHtml, textWithActions } from './render.ts';
export { EmailChannel, classifySmtpError, messageIdFor, threadRootIdFor, withActions, type EmailChannelConfig } from './adapter-email.ts';
export {
  ChatWebhookChannel,
  SlackChannel,
  classifySlackError,
  escapeSlack,
  memoryThreadRefStore,
  slackText,
  type ChatWebhookConfig,
  type SlackChannelConfig,
  type ThreadRefStore,
} from './adapter-slack.ts';
export { hmacHex, signBody, verifySignature } from './signing.ts';
export { WebhookChannel, eventIdFor, webhookBody, type WebhookChannelConfig, type WebhookEnvelope } from './adapter-webhook.ts';
export {
  DEFAULT_SMS_REPLY_KEYWORDS,
  SMS_MAX_LENGTH,
  SmsChannel,
  parseInboundSms,
  parseSmsReply,
  smsText,
  type InboundSms,
  type SmsChannelConfig,
  type SmsMessage,
  type SmsReplyAction,
  type SmsVoiceProvider,
  type VoiceCall,
} from './sms.ts';
export { VoiceChannel, escapeXml, spokenText, voiceTwiml, type VoiceChannelConfig } from './voice.ts';
export { TwilioProvider, twilioSignature, verifyTwilioSignature, type TwilioConfig } from './adapter-twilio.ts';
export { channelsConfigFromEnv, createChannels, type ChannelSet, type ChannelsConfig } from './adapters.ts';
export { BrowserChannel, browserNotice, type BrowserNotice, type PublishNotice } from './adapter-browser.ts';
