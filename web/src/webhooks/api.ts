// Event webhook subscriptions (admins): the shapes come from the API document's generated types.
// Keys start with 'webhooks'.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type WebhookSubscription = components['schemas']['WebhookSubscription'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type WithSecret = components['schemas']['WebhookSubscriptionWithSecret'];
export type WebhookEnabled = components['schemas']['WebhookSubscriptionEnabled'];
export type CancelledDeliveries = components['schemas']['WebhookCancelledDeliveries'];

export const EVENT_TYPES: { value: string; label: string }[] = [
  { value: 'page.triggered', label: 'Page triggered' },
  { value: 'page.acknowledged', label: 'Page acknowledged' },
  { value: 'page.escalated', label: 'Page escalated' },
  { value: 'page.resolved', label: 'Page resolved' },
  { value: 'emergency.opened', label: 'Emergency opened' },
  { value: 'emergency.qualified', label: 'Emergency qualified' },
  { value: 'emergency.resolved', label: 'Emergency resolved' },
  { value: 'ticket.created', label: 'Ticket created' },
  { value: 'ticket.updated', label: 'Ticket updated' },
  { value: 'escalation.*', label: 'Every escalation change' },
];

const enc = encodeURIComponent;
const base = '/webhook-subscriptions';

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks'], queryFn: () => request<Answer<'/api/v1/webhook-subscriptions'>>('GET', base).then((r) => r.items) });
}

export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: () => request<Answer<'/api/v1/webhook-subscriptions/{id}/deliveries'>>('GET', `${base}/${enc(id!)}/deliveries?limit=50`).then((r) => r.items),
    enabled: !!id,
    // a delivery is sent by the job engine a moment after it is queued: look again while any is pending
    refetchInterval: (q) => ((q.state.data ?? []).some((d) => d.state === 'pending') ? 1000 : false),
  });
}

/** What a disabled subscription missed, asked only while it is disabled (enabling may resend it). */
export function useCancelledDeliveries(id: string, disabled: boolean) {
  return useQuery({
    queryKey: ['webhooks', id, 'cancelled'],
    queryFn: () => request<CancelledDeliveries>('GET', `${base}/${enc(id)}/cancelled-deliveries`),
    enabled: disabled,
  });
}

export interface NewWebhook { name: string; url: string; eventTypes: string[]; serviceIds?: string[]; organizationIds?: string[] }

export function useWebhookActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['webhooks'] });
  return {
    create: useMutation({ mutationFn: (b: NewWebhook) => request<WithSecret>('POST', base, b), onSettled: done }),
    test: useMutation({ mutationFn: (id: string) => request<Answer<'/api/v1/webhook-subscriptions/{id}/test', 'post'>>('POST', `${base}/${enc(id)}/test`), onSettled: done }),
    enable: useMutation({ mutationFn: ({ id, resendCancelled }: { id: string; resendCancelled: boolean }) => request<WebhookEnabled>('POST', `${base}/${enc(id)}/enable`, { resendCancelled }), onSettled: done }),
    rotate: useMutation({ mutationFn: (id: string) => request<Answer<'/api/v1/webhook-subscriptions/{id}/rotate-secret', 'post'>>('POST', `${base}/${enc(id)}/rotate-secret`), onSettled: done }),
    remove: useMutation({ mutationFn: (id: string) => request<void>('DELETE', `${base}/${enc(id)}`), onSettled: done }),
  };
}
