// What sits in the main area of either shell: the page the address resolves to (a lazily loaded
// chunk), or why there is none. Also the home redirect and the tab title.
import { Suspense, useEffect } from 'react';
import { Center, Loader } from '@mantine/core';
import type { User } from '../api/types.ts';
import { Empty } from '../ui/states.tsx';
import { IconCompass, IconLock } from '../ui/icons.tsx';
import { labelOf, resolve, type Resolved } from './nav.ts';
import { navigate } from './router.tsx';

export function useResolved(path: string, me: User): Resolved {
  const resolved = resolve(path, me);
  useEffect(() => {
    if (resolved.kind === 'home' && resolved.to) navigate(resolved.to, { replace: true });
  }, [resolved.kind, resolved.kind === 'home' ? resolved.to : null]);

  useEffect(() => {
    const label = resolved.kind === 'page' || resolved.kind === 'forbidden' ? labelOf(resolved.entry, me) : null;
    document.title = label ? `${label} · Hotline` : 'Hotline';
  }, [resolved, me]);
  return resolved;
}

export function RoutedContent({ resolved, path, me }: { resolved: Resolved; path: string; me: User }) {
  return (
    <>
      {resolved.kind === 'page' && (
        // Each screen is a chunk of its own (nav.ts): a short spinner while it first loads.
        <Suspense fallback={<Center py="xl"><Loader aria-label="Loading" /></Center>}>
          <resolved.page params={resolved.params} me={me} />
        </Suspense>
      )}
      {resolved.kind === 'forbidden' && (
        <Empty icon={<IconLock size={40} />} title="Not available to your role"
          description={`${labelOf(resolved.entry, me)} is for support staff. Ask an admin if you need access.`} />
      )}
      {resolved.kind === 'not_found' && (
        <Empty icon={<IconCompass size={40} />} title="Nothing at this address"
          description={`${path} is not a Hotline page. Pick a section from the menu.`} />
      )}
      {resolved.kind === 'home' && !resolved.to && (
        <Empty icon={<IconLock size={40} />} title="Nothing to show" description="Your role has no sections yet. Ask an admin." />
      )}
    </>
  );
}
