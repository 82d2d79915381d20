// PG-5 from the ticket: a support manager turns this ticket into an emergency page (the emergency
// policy is paged, the ticket number is the title). The page view opens on success.
import { Alert, Button, Popover, Stack, Text } from '@mantine/core';
import { usePageMutation, type PageRow } from '../api/paging.ts';
import { request } from '../api/client.ts';
import { navigate } from '../app/router.tsx';
import type { Ticket } from '../api/tickets.ts';

const pageTicket = (t: Ticket) => request<PageRow>('POST', '/pages', { ticketNumber: t.number, ticketId: t.id });

export function PageOnCall({ ticket }: { ticket: Ticket }) {
  const send = usePageMutation(() => pageTicket(ticket));
  return (
    <Popover width={320} position="bottom-end" withArrow>
      <Popover.Target><Button color="red" variant="light">Page on-call…</Button></Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">Turn ticket #{ticket.number} into an emergency page: the customer-emergencies policy pages the on-call engineer now.</Text>
          {send.error && <Alert color="red" role="alert">{send.error.message}</Alert>}
          <Button color="red" loading={send.isPending} onClick={() => send.mutate(undefined, { onSuccess: (p) => navigate(`/pages/${p.id}`) })}>Page on-call now</Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
