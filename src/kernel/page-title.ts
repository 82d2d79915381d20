// The title of a page raised for a ticket, whichever room raises it (an emergency's intake, a
// manual page): the first line a phone notification shows, so it says whose emergency and what is
// wrong — "Acme Corp — Prod down: 502 on every push (ticket 18)". Pure.
export function ticketPageTitle(t: { number: number; subject?: string | null; who?: string | null }): string {
  const said = [t.who?.trim(), t.subject?.trim()].filter((x): x is string => !!x);
  return said.length ? `${said.join(' — ')} (ticket ${t.number})` : `Emergency ticket ${t.number}`;
}
