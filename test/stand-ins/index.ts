// Loopback stand-ins of outside services, for any test that needs to talk to one over a real socket.
// Each start function listens on 127.0.0.1 with an ephemeral port and returns the URL/port to point
// Hotline at, the recorded traffic, scripting hooks for failures, and close().
export { startSlackStandIn, type SlackApiCall, type SlackMessage, type SlackStandIn, type SlackStandInOptions, type WebhookPost } from './slack.ts';
export { startSmsProviderStandIn, type ProviderCall, type ProviderMessage, type SmsProviderStandIn } from './sms-provider.ts';
export { startSmtpSink, type SinkMessage, type SmtpSink } from './smtp-sink.ts';
export { startWebhookReceiver, type ReceivedWebhook, type ScriptedAnswer, type WebhookReceiver } from './webhook-receiver.ts';
export { startStandardWebhookReceiver, type StandardRequest, type StandardWebhookReceiver } from './standard-webhook-receiver.ts';
export { listenLoopback, parseBody, readBody, type Listening } from './http-util.ts';
export { startIcsFeed, type IcsFeed } from './ics-feed.ts';
export { startZendeskStandIn, type ZendeskStandIn } from './zendesk.ts';
