// The header's search box (staff): tickets, emergencies, pages and people in one list, opened
// with `/`, walked with the arrow keys, Enter opens the highlighted hit.
import { useEffect, useState } from 'react';
import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { listUsers } from '../api/client.ts';
import { listPages } from '../api/paging.ts';
import { searchTickets } from '../api/tickets.ts';
import { navigate } from '../app/router.tsx';
import { groupHits, PER_GROUP } from './hits.ts';
import { SEARCH_INPUT_ID } from './Shortcuts.tsx';

async function findAll(q: string) {
  const [tickets, open, resolved, people] = await Promise.all([
    searchTickets(q, 0, PER_GROUP * 2).then((r) => r.items).catch(() => []),
    listPages({ status: 'open' }).catch(() => []),
    listPages({ status: 'resolved' }).catch(() => []),
    listUsers({ q }).catch(() => []),
  ]);
  return groupHits(q, tickets, [...open, ...resolved], people);
}

export function GlobalSearch() {
  const [q, setQ] = useState('');
  const [term] = useDebouncedValue(q.trim(), 200);
  const box = useCombobox({ onDropdownClose: () => box.resetSelectedOption() });
  const found = useQuery({ queryKey: ['global-search', term], queryFn: () => findAll(term), enabled: term.length >= 2, staleTime: 10_000 });
  const groups = term.length >= 2 ? found.data ?? [] : [];
  useEffect(() => { if (groups.length) box.selectFirstOption(); }, [found.data]);

  // Focus moves to the page opened, so the next shortcut is not typed into the box.
  const open = (to: string) => {
    box.closeDropdown();
    setQ('');
    navigate(to);
    document.getElementById('main-content')?.focus();
  };
  return (
    <Combobox store={box} onOptionSubmit={open} width={420} position="bottom-start">
      <Combobox.Target>
        <TextInput id={SEARCH_INPUT_ID} type="search" w={{ sm: 220, lg: 320 }} value={q} placeholder="Search  /"
          aria-label="Search tickets, emergencies, pages and people" data-testid="global-search"
          rightSection={found.isFetching ? <Loader size={14} aria-label="Searching" /> : null}
          onChange={(e) => { setQ(e.currentTarget.value); box.openDropdown(); }}
          onFocus={() => box.openDropdown()} onBlur={() => box.closeDropdown()}
          onKeyDown={(e) => { if (e.key === 'Escape') { setQ(''); e.currentTarget.blur(); } }} />
      </Combobox.Target>
      <Combobox.Dropdown hidden={term.length < 2} data-testid="global-search-results">
        <Combobox.Options aria-label="Search results">
          {groups.map((g) => (
            <Combobox.Group key={g.group} label={g.group}>
              {g.hits.map((h) => (
                <Combobox.Option key={h.to} value={h.to} data-testid="search-hit">
                  <Text size="sm" fw={600} lineClamp={1}>{h.label}</Text>
                  <Text size="xs" className="hl-hit-detail">{h.detail}</Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
          {found.isSuccess && groups.length === 0 && <Combobox.Empty>Nothing matches “{term}”.</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
