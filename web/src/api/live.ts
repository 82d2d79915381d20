// Live updates: one EventSource on /api/v1/stream; each `change` event invalidates the queries
// of the resource it names. Capabilities add their prefixes to LIVE_INVALIDATIONS.
import { useEffect, useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { API_BASE } from './client.ts';
import type { ChangeEvent } from './types.ts';
import { showNotice, type Notice } from '../notify/attention.ts';

/** Event type prefix (before the first dot) → query key families to refetch. */
export const LIVE_INVALIDATIONS: Record<string, QueryKey[]> = {
  user: [['users'], ['teams'], ['orgs'], ['me']],
  team: [['teams'], ['users']],
  org: [['orgs']],
  // An incident's view shows its tickets' own pages (acknowledged together with the incident's).
  page: [['pages'], ['incidents'], ['outbox']],
  // A reply on an emergency ticket ticks its runbook and arms its timers: the board must refetch.
  ticket: [['tickets'], ['emergencies']],
  emergency: [['emergencies']],
};

export function keysForEvent(type: string): QueryKey[] {
  const prefix = type.split('.')[0] ?? type;
  return LIVE_INVALIDATIONS[prefix] ?? [[`${prefix}s`]];
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

const MAX_BACKOFF_MS = 30_000;

export function useLiveUpdates(enabled: boolean): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>(enabled ? 'connecting' : 'off');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('off');
      return;
    }
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    let everOpened = false;

    const connect = () => {
      if (stopped) return;
      es = new EventSource(`${API_BASE}/stream`, { withCredentials: true });
      es.onopen = () => {
        // After a gap we may have missed events: refetch everything that is on screen.
        if (everOpened) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
        everOpened = true;
        attempt = 0;
        setStatus('live');
      };
      es.addEventListener('change', (ev) => {
        let data: ChangeEvent;
        try { data = JSON.parse((ev as MessageEvent<string>).data) as ChangeEvent; } catch { return; }
        if (!data || typeof data.type !== 'string') return;
        for (const queryKey of keysForEvent(data.type)) void qc.invalidateQueries({ queryKey });
      });
      // a page for this person (their browser contact method): only their own stream carries it
      es.addEventListener('notify', (ev) => {
        let data: Notice;
        try { data = JSON.parse((ev as MessageEvent<string>).data) as Notice; } catch { return; }
        if (!data || typeof data.title !== 'string') return;
        showNotice(data);
      });
      es.onerror = () => {
        // Reconnect ourselves with backoff: the browser gives up for good on some failures
        // (e.g. a 401 or a proxy answering HTML) and leaves the source CLOSED.
        es?.close();
        es = null;
        setStatus('reconnecting');
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++);
        timer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      es?.close();
    };
  }, [enabled, qc]);

  return status;
}
