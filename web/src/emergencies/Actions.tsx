// The emergency's action bar: one-click actions (acknowledge, escalate instead, resolve the page,
// stuck) run here; the ones that need input open their form below the bar.
import { Alert, Button, Group, Menu, Paper, Text } from '@mantine/core';
import { emergencyApi, useEmergencyMutation, type Emergency } from '../api/emergencies.ts';
import { HandoffForm, PostCallForm, QualifyForm, ResolveForm } from './ActionForms.tsx';

export type Panel = 'qualify' | 'post_call' | 'handoff' | 'resolve' | null;
export type Quick = 'acknowledge' | 'escalate' | 'resolve_page' | 'manager_on_call' | 'developer_escalation';

const QUICK_LABEL: Record<Quick, string> = {
  acknowledge: 'acknowledge', escalate: 'escalate', resolve_page: 'resolve the page',
  manager_on_call: 'bring in the manager on call', developer_escalation: 'request a developer escalation',
};

export function useQuickAction(e: Emergency | undefined) {
  return useEmergencyMutation((q: Quick) => {
    const ref = String(e!.ticketNumber);
    if (q === 'acknowledge') return emergencyApi.acknowledge(ref);
    if (q === 'escalate') return emergencyApi.escalate(ref);
    if (q === 'resolve_page') return emergencyApi.resolvePage(ref);
    return emergencyApi.stuck(ref, q);
  });
}

/** The emergency's own page while resolving it is still owed (the list holds open pages only). */
export const pageToResolve = (e: Emergency) => {
  if (!e.pageId || e.runbook.items.some((i) => i.item === 'page_resolved' && i.status === 'done')) return null;
  return e.pages.find((p) => p.id === e.pageId) ?? { id: e.pageId, number: null };
};

export function Actions({ e, panel, setPanel, quick, staff }: {
  e: Emergency; panel: Panel; setPanel: (p: Panel) => void; quick: ReturnType<typeof useQuickAction>; staff: { value: string; label: string }[];
}) {
  const open = e.state === 'open';
  const page = pageToResolve(e);
  const unacknowledged = open && !e.acknowledgedAt;
  const busy = (q: Quick) => quick.isPending && quick.variables === q;
  const close = () => setPanel(null);
  return (
    <Paper withBorder radius="md" p="md" data-testid="emergency-actions">
      {open ? (
        <Group gap="sm">
          {unacknowledged && <Button color="yellow" onClick={() => quick.mutate('acknowledge')} loading={busy('acknowledge')} data-testid="acknowledge" data-shortcut="acknowledge">Acknowledge — I own it</Button>}
          {unacknowledged && <Button variant="outline" color="red" onClick={() => quick.mutate('escalate')} loading={busy('escalate')}>Busy: escalate to manager</Button>}
          <Button variant={panel === 'qualify' ? 'filled' : 'light'} onClick={() => setPanel('qualify')} data-testid="open-qualify">Qualify…</Button>
          {page && <Button variant="light" color="teal" onClick={() => quick.mutate('resolve_page')} loading={busy('resolve_page')} data-testid="resolve-page">{page.number ? `Resolve page #${page.number}` : 'Resolve the page'}</Button>}
          <Button variant={panel === 'post_call' ? 'filled' : 'light'} onClick={() => setPanel('post_call')}>Post-call…</Button>
          <Button variant={panel === 'handoff' ? 'filled' : 'light'} onClick={() => setPanel('handoff')}>Hand off…</Button>
          {e.stuckOptions.length > 0 && (
            <Menu position="bottom-start">
              <Menu.Target><Button variant="light" color="orange">Stuck…</Button></Menu.Target>
              <Menu.Dropdown>
                {/* the CMOC line is advice (who may help at a SaaS weekend), not an action Hotline takes */}
                {e.stuckOptions.map((o) => o.option === 'cmoc' ? <Menu.Label key={o.option}>{o.label}</Menu.Label> : <Menu.Item key={o.option} onClick={() => quick.mutate(o.option as Exclude<typeof o.option, 'cmoc'>)}>{o.label}</Menu.Item>)}
              </Menu.Dropdown>
            </Menu>
          )}
          <Button color="teal" variant={panel === 'resolve' ? 'filled' : 'outline'} onClick={() => setPanel('resolve')} data-testid="open-resolve">Resolve emergency…</Button>
        </Group>
      ) : <Text size="sm" c="dimmed">This emergency is {e.state.replace('_', ' ')}{e.resolvedAt ? ` since ${new Date(e.resolvedAt).toLocaleString('en-GB')}` : ''}; its ticket carries on as usual.</Text>}
      {quick.error && (
        <Alert color="red" mt="sm" role="alert" title={`Could not ${quick.variables ? QUICK_LABEL[quick.variables] : 'do that'}`} data-testid="action-error"
          withCloseButton onClose={() => quick.reset()}>{quick.error.message}</Alert>
      )}
      {panel === 'qualify' && <QualifyForm e={e} onDone={close} />}
      {panel === 'post_call' && <PostCallForm e={e} onDone={close} />}
      {panel === 'handoff' && <HandoffForm e={e} staff={staff} onDone={close} />}
      {panel === 'resolve' && <ResolveForm e={e} onDone={close} />}
    </Paper>
  );
}
