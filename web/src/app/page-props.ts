// What every page of the app is given. Kept apart from nav.ts, which imports every page, so a page
// can name its props without importing the navigation back (no import cycle in web/src).
import type { User } from '../api/types.ts';

export interface PageProps {
  /** Parameters from the matched pattern, e.g. `{id}` for `/orgs/:id`. */
  params: Record<string, string>;
  /** The signed-in user. */
  me: User;
}
