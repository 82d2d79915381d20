// Thin fetch wrapper for /api/v1: JSON in and out, the session cookie, and the CSRF header that
// every cookie-authenticated mutation must carry.
import type {
  ApiToken, ContactInput, ContactMethod, ListResponse, Meta, NewApiToken, NewUser, Organization, OrganizationDetail,
  OrganizationInput, Session, Team, TeamInput, User, UserPatch,
} from './types.ts';

export const API_BASE = '/api/v1';

/** An error answered by the server as `{error:{code,message,details}}`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** Remembered from login/me; sent as x-csrf-token on POST/PATCH/PUT/DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a hand-made fetch (a download that is not JSON). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network.unreachable',
      'Cannot reach the Hotline server. Check your connection; the page retries on its own.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try { data = JSON.parse(text); } catch { data = undefined; }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http.${res.status}`,
      err?.message ?? fallbackMessage(res.status),
      err?.details,
    );
  }
  return data as T;
}

function fallbackMessage(status: number): string {
  if (status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (status >= 500) return `The server failed (HTTP ${status}). Try again; if it persists, check the server logs.`;
  return `Request failed (HTTP ${status}).`;
}

function qs(params: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

// --- auth ---------------------------------------------------------------------------------
export async function login(email: string, password: string): Promise<Session> {
  const s = await request<Session>('POST', '/auth/login', { email, password });
  setCsrfToken(s.csrfToken);
  return s;
}

/** The current session, or null when not signed in. */
export async function fetchMe(): Promise<Session | null> {
  try {
    const s = await request<Session>('GET', '/auth/me');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/auth/logout');
  setCsrfToken(null);
}

export const fetchMeta = () => request<Meta>('GET', '/meta');

// --- people -------------------------------------------------------------------------------
export interface UserFilter { role?: string; q?: string; team?: string }
export const listUsers = (f: UserFilter = {}) =>
  request<ListResponse<User>>('GET', `/users${qs({ role: f.role, q: f.q, team: f.team })}`).then((r) => r.items);
export const getUser = (id: string) => request<User>('GET', `/users/${encodeURIComponent(id)}`);
export const createUser = (u: NewUser) => request<User>('POST', '/users', u);
export const updateUser = (id: string, patch: UserPatch) =>
  request<User>('PATCH', `/users/${encodeURIComponent(id)}`, patch);
export const addContactMethod = (userId: string, c: ContactInput) =>
  request<ContactMethod>('POST', `/users/${encodeURIComponent(userId)}/contact-methods`, c);
export const removeContactMethod = (userId: string, id: string) =>
  request<void>('DELETE', `/users/${encodeURIComponent(userId)}/contact-methods/${encodeURIComponent(id)}`);

// --- teams --------------------------------------------------------------------------------
export const listTeams = () => request<ListResponse<Team>>('GET', '/teams').then((r) => r.items);
/** Creates the team, or replaces name, kind and members of the team with that handle. */
export const saveTeam = (t: TeamInput) => request<Team>('POST', '/teams', t);

// --- organisations ------------------------------------------------------------------------
export const listOrgs = (q?: string) =>
  request<ListResponse<Organization>>('GET', `/orgs${qs({ q })}`).then((r) => r.items);
export const getOrg = (id: string) => request<OrganizationDetail>('GET', `/orgs/${encodeURIComponent(id)}`);
export const createOrg = (o: OrganizationInput) => request<Organization>('POST', '/orgs', o);
export const updateOrg = (id: string, o: Partial<OrganizationInput>) =>
  request<Organization>('PATCH', `/orgs/${encodeURIComponent(id)}`, o);

// --- API tokens (always the signed-in user's own) -----------------------------------------
export const listTokens = () => request<ListResponse<ApiToken>>('GET', '/tokens').then((r) => r.items);
export const createToken = (name: string) => request<NewApiToken>('POST', '/tokens', { name });
export const revokeToken = (id: string) => request<void>('DELETE', `/tokens/${encodeURIComponent(id)}`);
