// The keyboard shortcuts, as data and one pure reader of keystrokes: `g` then a letter goes to a
// section, `/` focuses the search, `?` opens the sheet listing them all, and on an emergency or
// a page `a` acknowledges, `r` starts a public reply, `n` an internal note. The sheet and the
// reader share this table, so the sheet cannot list a shortcut that does not work.

export type Command = 'acknowledge' | 'reply' | 'note';
export type Action =
  | { kind: 'go'; to: string }
  | { kind: 'search' }
  | { kind: 'help' }
  | { kind: 'command'; name: Command };

export interface Shortcut { keys: string[]; what: string; action: Action; where?: string }

export const SHORTCUTS: Shortcut[] = [
  { keys: ['g', 'b'], what: 'Go to the emergency board', action: { kind: 'go', to: '/emergencies' } },
  { keys: ['g', 'p'], what: 'Go to pages', action: { kind: 'go', to: '/pages' } },
  { keys: ['g', 'o'], what: 'Go to on call', action: { kind: 'go', to: '/oncall' } },
  { keys: ['g', 't'], what: 'Go to tickets', action: { kind: 'go', to: '/tickets' } },
  { keys: ['/'], what: 'Search tickets, emergencies, pages and people', action: { kind: 'search' } },
  { keys: ['a'], what: 'Acknowledge', where: 'On an emergency or a page', action: { kind: 'command', name: 'acknowledge' } },
  { keys: ['r'], what: 'Write a public reply', where: 'On an emergency', action: { kind: 'command', name: 'reply' } },
  { keys: ['n'], what: 'Write an internal note', where: 'On an emergency', action: { kind: 'command', name: 'note' } },
  { keys: ['?'], what: 'Show these shortcuts', action: { kind: 'help' } },
];

/** How long after `g` the second key still counts. */
export const SEQUENCE_MS = 1500;

export interface KeyState { pending: string | null; at: number }
export const IDLE: KeyState = { pending: null, at: 0 };

export interface Stroke { key: string; ctrl?: boolean; meta?: boolean; alt?: boolean; typing: boolean }

/**
 * Reads one keystroke. Never fires while the person types in a field or holds a modifier (Ctrl+R
 * must still reload); an unknown key clears a pending `g`.
 */
export function readKey(state: KeyState, s: Stroke, now: number): { state: KeyState; action: Action | null } {
  if (s.typing || s.ctrl || s.meta || s.alt) return { state: IDLE, action: null };
  const key = s.key.length === 1 ? s.key.toLowerCase() : s.key;
  const pending = state.pending && now - state.at <= SEQUENCE_MS ? state.pending : null;
  if (pending) {
    const hit = SHORTCUTS.find((x) => x.keys.length === 2 && x.keys[0] === pending && x.keys[1] === key);
    return { state: IDLE, action: hit?.action ?? null };
  }
  if (SHORTCUTS.some((x) => x.keys.length === 2 && x.keys[0] === key)) return { state: { pending: key, at: now }, action: null };
  // '?' arrives as itself with Shift held on most layouts; compare the character, not the case.
  const hit = SHORTCUTS.find((x) => x.keys.length === 1 && x.keys[0] === (s.key === '?' || s.key === '/' ? s.key : key));
  return { state: IDLE, action: hit?.action ?? null };
}

/** Whether keys typed into this element are text (inputs, text areas, editable regions). */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as HTMLElement).tagName !== 'string') return false;
  const t = el as HTMLElement;
  const tag = t.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || t.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = ((t as HTMLInputElement).type || 'text').toLowerCase();
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
