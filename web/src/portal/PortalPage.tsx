// TK-8 customer portal: my organisation's requests, and opening a request or an emergency.
import { lazy, Suspense } from 'react';
import { Button, Group } from '@mantine/core';
import './portal.css';
import { usePortalTickets } from '../api/tickets.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { ago, EmergencyMark, StatusBadge } from '../tickets/badges.tsx';

const OpenForm = lazy(() => import('./PortalOpenForm.tsx').then((m) => ({ default: m.OpenForm })));
const UpgradeForm = lazy(() => import('./PortalUpgradeForm.tsx').then((m) => ({ default: m.UpgradeForm }))); // SM-8

export function PortalPage({ me }: PageProps) {
  const { query } = useRoute();
  const mode = query.get('new'); // 'request' | 'emergency' | 'upgrade' | null
  const list = usePortalTickets();
  if (mode === 'upgrade') return <Suspense fallback={<LoadingRows rows={4} />}><UpgradeForm /></Suspense>;
  if (mode === 'request' || mode === 'emergency') return <Suspense fallback={<LoadingRows rows={4} />}><OpenForm emergency={mode === 'emergency'} /></Suspense>;
  return (
    <>
      <PageHeader title="Support requests" description={`Requests from your organisation. Signed in as ${me.name}.`}
        actions={<>
          <Button variant="light" onClick={() => navigate('/support?new=request')}>Open a request</Button>
          <Button variant="light" onClick={() => navigate('/support?new=upgrade')} data-testid="open-upgrade">Request upgrade assistance</Button>
          <Button color="red" onClick={() => navigate('/support?new=emergency')} data-testid="open-emergency">Report an emergency</Button>
        </>} />
      {list.isError && <QueryError what="your requests" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingRows />}
      {list.data && list.data.items.length === 0 && <Empty title="No requests yet" description="Open a request when you need help; report an emergency when production is down." />}
      {list.data && list.data.items.length > 0 && (
        <Panel>
          {/* A plain table (Mantine's Table brings its scroll container along): the portal stays light. */}
          <table className="hl-portal-table" aria-label="Your requests">
            <thead><tr><th>#</th><th>Subject</th><th>Status</th><th>Updated</th></tr></thead>
            <tbody>
              {list.data.items.map((t) => (
                <tr key={t.id} data-testid="portal-row">
                  <td className="hl-mono">{t.number}</td>
                  <td><Group gap={6}><Link className="hl-row-link" to={`/support/${t.id}`}>{t.subject}</Link><EmergencyMark on={t.isEmergency} /></Group></td>
                  <td><StatusBadge status={t.status} /></td>
                  <td>{ago(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
