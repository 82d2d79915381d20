// WF-5: the bridge (the call the engineer and the customer join). An emergency carries its URL,
// set by the engineer or filled from the workspace's meeting-link template; the customer sees it
// as a link, so only plain web addresses are accepted (never javascript:, data: and the like).
// Pure: text in, a checked URL out, or an error saying what to fix.
import { invalid } from '../kernel/errors.ts';

export const BRIDGE_URL_MAX = 2000;
/** Placeholders a meeting-link template may use. */
export const BRIDGE_TEMPLATE_PLACEHOLDERS = ['ticket'] as const;

/** Why `raw` is not a bridge URL, or null when it is one. */
export function bridgeUrlProblem(raw: string): string | null {
  if (raw.length > BRIDGE_URL_MAX) return `is longer than ${BRIDGE_URL_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return 'contains spaces or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a web address such as https://meet.example.com/emergency-101';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// or http:// (got ${url.protocol})`;
  if (!url.hostname) return 'has no host name';
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}

/** The bridge URL as stored: trimmed and checked (4xx `emergency.bad_bridge_url` otherwise). */
export function checkBridgeUrl(raw: string): string {
  const url = raw.trim();
  const problem = bridgeUrlProblem(url);
  if (problem) throw invalid('emergency.bad_bridge_url', `The bridge URL ${problem}.`, { url: raw.slice(0, 200) });
  return url;
}

/** Why a meeting-link template is unusable, or null (`{ticket}` becomes the ticket number). */
export function bridgeTemplateProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((p) => !(BRIDGE_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) return `unknown placeholder {${unknown[0]}}; use {ticket}`;
  const problem = bridgeUrlProblem(bridgeUrlFromTemplate(template, 101));
  return problem ? `with {ticket} filled in, the address ${problem}` : null;
}

export function bridgeUrlFromTemplate(template: string, ticketNumber: number): string {
  return template.trim().replaceAll('{ticket}', String(ticketNumber));
}

/** The bridge a new emergency starts with: none, or the template's, when it is valid. */
export function initialBridgeUrl(template: string | null, ticketNumber: number): string | null {
  if (!template || bridgeTemplateProblem(template)) return null;
  return bridgeUrlFromTemplate(template, ticketNumber);
}
