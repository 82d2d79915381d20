// Helpdesk API (TK-1..TK-8): wire types, fetch functions and TanStack Query hooks. Query keys start
// with 'tickets' (or 'portal', 'macros', 'views') so the stream's ticket.* events refetch them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';
import type { components } from './schema.d.ts';

type Schemas = components['schemas'];

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STAGES = ['first_reply', 'next_reply'] as const;
export const TICKET_FORMS = ['self_managed', 'saas', 'licensing', 'us_government', 'dedicated'] as const;
export type TicketStatus = Schemas['Ticket']['status'];
export type TicketPriority = Schemas['Ticket']['priority'];

export type Ticket = Schemas['Ticket'];

export type TicketComment = Schemas['TicketComment'];

export type Sla = Schemas['SlaStatus'];

export type TicketDetail = Schemas['TicketDetail'];

export type FieldChange = Schemas['FieldChange'];
export interface RenderedComment { public: boolean; body: string }

export type SavedView = Schemas['SavedView'];
export type Macro = Schemas['Macro'];
export type MacroPreview = Schemas['MacroPreview'];

export type SearchResult = Schemas['TicketSearchResult'];

export interface TicketPatch {
  version?: number;
  status?: string; priority?: string; form?: string; stage?: string;
  assigneeId?: string | null; tags?: string[];
}

export interface BulkInput {
  ticketIds?: string[]; query?: string;
  addTags?: string[]; removeTags?: string[]; status?: string; priority?: string; publicReply?: string; internalNote?: string;
}
export type BulkJob = Schemas['TicketBulkUpdate'];

export type TimelineEntry = Schemas['TimelineEntry'];

const enc = encodeURIComponent;
const T = '/tickets';

export const searchTickets = (q: string, offset = 0, limit = 50) =>
  request<SearchResult>('GET', `${T}?q=${enc(q)}&limit=${limit}&offset=${offset}&count=true`);
export const getTicket = (id: string) => request<TicketDetail>('GET', `${T}/${enc(id)}`);
export const patchTicket = (id: string, patch: TicketPatch) =>
  request<Schemas['TicketChange']>('PATCH', `${T}/${enc(id)}`, patch);
export const addComment = (id: string, body: { body: string; public: boolean; version?: number; status?: string }) =>
  request<{ ticket: Ticket }>('POST', `${T}/${enc(id)}/comments`, body);
export const listViews = () => request<{ items: SavedView[] }>('GET', '/views').then((r) => r.items);
export const listMacros = () => request<{ items: Macro[] }>('GET', '/macros').then((r) => r.items);
export const previewMacro = (id: string, macroId: string) =>
  request<MacroPreview>('POST', `${T}/${enc(id)}/macros/${enc(macroId)}/preview`, {});
export const applyMacro = (id: string, macroId: string, version?: number) =>
  request<{ ticket: Ticket }>('POST', `${T}/${enc(id)}/macros/${enc(macroId)}/apply`, { version });
export const startBulk = (b: BulkInput) => request<BulkJob>('POST', '/ticket-bulk-updates', b);
export const getBulk = (id: string) => request<BulkJob>('GET', `/ticket-bulk-updates/${enc(id)}`);
export const ticketTimeline = (id: string) => request<{ items: TimelineEntry[] }>('GET', `${T}/${enc(id)}/timeline`).then((r) => r.items);

// --- portal (TK-8, role customer) ----------------------------------------------------------
/** TK-2: a file as the API takes it (the per-file limit is checked on the decoded bytes). */
export interface AttachmentUpload { filename: string; contentType?: string; contentBase64: string }
export interface PortalOpen { subject: string; description: string; form: string; emergency?: boolean; contactPhone?: string; priority?: 'low' | 'normal' | 'high'; attachments?: AttachmentUpload[] }
export type TicketForm = Schemas['TicketForm'];
export const portalList = () => request<SearchResult>('GET', '/portal/tickets');
export type PortalTicketDetail = Schemas['PortalTicketDetail'];
export const portalGet = (id: string) => request<PortalTicketDetail>('GET', `/portal/tickets/${enc(id)}`);
export const portalOpen = (b: PortalOpen) => request<Schemas['CreatedTicket']>('POST', '/portal/tickets', b);
export const portalReply = (id: string, body: string, attachments?: AttachmentUpload[]) =>
  request<{ ticket: Ticket }>('POST', `/portal/tickets/${enc(id)}/replies`, attachments?.length ? { body, attachments } : { body });
export const listTicketForms = () => request<{ items: TicketForm[] }>('GET', '/ticket-forms').then((r) => r.items);

// --- hooks ------------------------------------------------------------------------------------
export const ticketKeys = {
  search: (q: string, offset: number) => ['tickets', 'search', q, offset] as const,
  one: (id: string) => ['tickets', 'one', id] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
  views: ['tickets', 'views'] as const,
  macros: ['macros'] as const,
  bulk: (id: string) => ['tickets', 'bulk', id] as const,
  portal: ['tickets', 'portal'] as const,
  portalOne: (id: string) => ['tickets', 'portal', id] as const,
};

export function useTicketSearch(q: string, offset = 0) {
  return useQuery({ queryKey: ticketKeys.search(q, offset), queryFn: () => searchTickets(q, offset), placeholderData: keepPreviousData, retry: false });
}
export const useViews = () => useQuery({ queryKey: ticketKeys.views, queryFn: listViews });
export const useTicket = (id: string) => useQuery({ queryKey: ticketKeys.one(id), queryFn: () => getTicket(id) });
export const useTicketTimeline = (id: string) => useQuery({ queryKey: ticketKeys.timeline(id), queryFn: () => ticketTimeline(id) });
export const useMacros = () => useQuery({ queryKey: ticketKeys.macros, queryFn: listMacros, staleTime: 60_000 });
export function useBulkJob(id: string | null) {
  return useQuery({
    queryKey: ticketKeys.bulk(id ?? ''), queryFn: () => getBulk(id!), enabled: !!id,
    // Poll until the durable job is done: progress is what the engineer is waiting for.
    refetchInterval: (q) => (q.state.data && q.state.data.status === 'done' ? false : 700),
  });
}
export const useTicketForms = () => useQuery({ queryKey: ['ticket-forms'], queryFn: listTicketForms, staleTime: 300_000 });
export const usePortalTickets = () => useQuery({ queryKey: ticketKeys.portal, queryFn: portalList });
export const usePortalTicket = (id: string) => useQuery({ queryKey: ticketKeys.portalOne(id), queryFn: () => portalGet(id) });

/** Every ticket mutation refetches the 'tickets' family (the stream would too, a moment later). */
export function useTicketMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['tickets'] }) });
}
