// The credentials a Zendesk client sends, read from the Authorization header: Basic
// `{email}/token:{api_token}` (Zendesk's API token form), Bearer `{token}` (Zendesk's OAuth form)
// and Basic `{email}:{password}`. Hotline API tokens stand in for both kinds of Zendesk token.
// Password access is recognised only to be refused: Zendesk itself has retired it for the API, and
// a per-request password check would open a guessing channel beside the rate-limited sign-in.

export type ZendeskCredentials =
  | { kind: 'api_token'; email: string; token: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'password'; email: string };

export function parseZendeskAuth(header: string | undefined): ZendeskCredentials | null {
  if (!header) return null;
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (bearer) return { kind: 'bearer', token: bearer[1] };
  const basic = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(header);
  if (!basic) return null;
  const text = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1) return null;
  const user = text.slice(0, colon);
  const secret = text.slice(colon + 1);
  if (user.endsWith('/token')) {
    const email = user.slice(0, -'/token'.length).trim();
    return email && secret ? { kind: 'api_token', email, token: secret } : null;
  }
  return { kind: 'password', email: user.trim() };
}
