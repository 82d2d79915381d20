// A table row that opens its record: reachable with Tab, opened with Enter or Space like the link
// inside it (which stays, for middle-click and copy link).
import type { KeyboardEvent } from 'react';
import { navigate } from '../app/router.tsx';

export function rowOpens(to: string) {
  return {
    tabIndex: 0,
    onKeyDown: (ev: KeyboardEvent<HTMLElement>) => {
      if ((ev.key === 'Enter' || ev.key === ' ') && ev.target === ev.currentTarget) {
        ev.preventDefault();
        navigate(to);
      }
    },
  };
}
