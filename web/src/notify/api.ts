// The built-in outbox (admins): messages Hotline kept because no real channel of their kind is
// configured. Keys start with 'outbox'; page.* events refetch it (a page's notifications land there).
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type OutboxMessage = components['schemas']['OutboxMessage'];

export interface OutboxFilter { channel?: string }

export function useOutbox(f: OutboxFilter) {
  return useQuery({
    queryKey: ['outbox', f],
    queryFn: () => {
      const qs = new URLSearchParams({ limit: '200' });
      if (f.channel) qs.set('channel', f.channel);
      return request<Answer<'/api/v1/outbox'>>('GET', `/outbox?${qs}`).then((r) => r.items);
    },
  });
}

/** Channel kinds as people name them. */
export const CHANNEL_LABEL: Record<string, string> = {
  email: 'E-mail', sms: 'SMS', voice: 'Voice', slack: 'Chat', 'chat-webhook': 'Chat (webhook)', webhook: 'Webhook', push: 'Push', browser: 'Browser',
};
