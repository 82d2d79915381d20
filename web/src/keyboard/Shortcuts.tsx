// Installs the keyboard shortcuts (keys.ts) for staff and draws the `?` sheet. A page offers a
// command (acknowledge, reply, note) with useShortcut, or by marking its button
// data-shortcut="acknowledge": the reader asks the page first, then presses the marked button.
import { Fragment, useEffect, useRef, useState } from 'react';
import { Kbd, Modal, Table, Text } from '@mantine/core';
import { navigate } from '../app/router.tsx';
import { IDLE, isTypingTarget, readKey, SHORTCUTS, type Command, type KeyState } from './keys.ts';

const SHORTCUT_EVENT = 'hotline:shortcut';
export const SEARCH_INPUT_ID = 'hl-global-search';

/** Runs `handler` when the person presses the shortcut for `name` (while `enabled`). */
export function useShortcut(name: Command, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const on = (ev: Event) => {
      if ((ev as CustomEvent<Command>).detail !== name || ev.defaultPrevented) return;
      ev.preventDefault();
      latest.current();
    };
    window.addEventListener(SHORTCUT_EVENT, on);
    return () => window.removeEventListener(SHORTCUT_EVENT, on);
  }, [name, enabled]);
}

function runCommand(name: Command): void {
  const ev = new CustomEvent<Command>(SHORTCUT_EVENT, { detail: name, cancelable: true });
  if (!window.dispatchEvent(ev)) return;
  const button = [...document.querySelectorAll<HTMLButtonElement>(`[data-shortcut="${name}"]`)]
    .find((b) => !b.disabled && b.getClientRects().length > 0);
  button?.click();
}

export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const state = useRef<KeyState>(IDLE);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const r = readKey(state.current, { key: e.key, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey, typing: isTypingTarget(e.target) }, Date.now());
      state.current = r.state;
      const a = r.action;
      if (!a) return;
      e.preventDefault();
      if (a.kind === 'help') setOpen((o) => !o);
      else if (a.kind === 'go') { setOpen(false); navigate(a.to); }
      else if (a.kind === 'search') { setOpen(false); document.getElementById(SEARCH_INPUT_ID)?.focus(); }
      else runCommand(a.name);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" size="lg" data-testid="shortcut-sheet">
      <Table aria-label="Keyboard shortcuts" verticalSpacing="xs">
        <Table.Thead><Table.Tr><Table.Th>Keys</Table.Th><Table.Th>What it does</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.keys.join(' ')}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {s.keys.map((k, i) => <Fragment key={i}>{i > 0 && <Text span size="sm" mx={4}>then</Text>}<Kbd>{k}</Kbd></Fragment>)}
              </Table.Td>
              <Table.Td>{s.what}{s.where && <Text span size="sm" c="dimmed"> · {s.where}</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="sm">Shortcuts never fire while you type in a field. Press Esc to close.</Text>
    </Modal>
  );
}
