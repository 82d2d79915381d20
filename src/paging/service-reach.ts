// The "nobody has been reached" banner's data for pages (the page view, the emergency page, the
// board): each page's delivery attempts, its notifications still queued and its people, judged by
// notify's reachOf.
import { findUsers } from '../people/index.ts';
import { listDeliveries, reachOf, type Reach } from '../notify/index.ts';
import type { Tx } from '../store/tx.ts';
import { queuedNotifications, type PageRow } from './store.ts';

export async function reachOfPages(tx: Tx, pages: readonly Pick<PageRow, 'id' | 'status' | 'targetUserIds'>[]): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach>();
  const open = pages.filter((p) => p.status === 'triggered');
  for (const p of pages) if (p.status !== 'triggered') out.set(p.id, reachOf({ status: p.status, targets: [], attempts: [], pending: 0 }));
  if (open.length === 0) return out;
  const ids = open.map((p) => p.id);
  const attempts = await listDeliveries(tx, { pageIds: ids });
  const queued = await queuedNotifications(tx, ids);
  const people = new Map((await findUsers(tx, { ids: [...new Set(open.flatMap((p) => p.targetUserIds))] })).map((u) => [u.id, u.name]));
  for (const p of open) {
    out.set(p.id, reachOf({
      status: p.status,
      targets: p.targetUserIds.map((id) => ({ id, name: people.get(id) ?? 'someone' })),
      attempts: attempts.filter((a) => a.pageId === p.id),
      pending: queued.get(p.id) ?? 0,
    }));
  }
  return out;
}
