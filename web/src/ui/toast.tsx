// Toasts: a short confirmation in the corner that a change was saved ("Override saved: …"), read out
// by screen readers (role=status), gone after a few seconds or on close. A tiny store instead of a
// notifications package: one host (<Toasts/>, mounted by the shell) and toast() callable from anywhere.
import { useSyncExternalStore } from 'react';
import { Notification, Stack } from '@mantine/core';

export interface Toast { id: number; title?: string; message: string; color?: string }

let toasts: Toast[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** Shows a toast for `ms` milliseconds (default 6 s); returns its id. */
export function toast(t: Omit<Toast, 'id'>, ms = 6000): number {
  const id = ++seq;
  toasts = [...toasts, { ...t, id }].slice(-4);
  emit();
  setTimeout(() => dismissToast(id), ms);
  return id;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function Toasts() {
  const list = useSyncExternalStore(subscribe, () => toasts, () => toasts);
  return (
    // fixed to the viewport from the shell's root, so no portal (nor its chunk) is needed
    <Stack gap="xs" role="status" aria-live="polite" pos="fixed" bottom={16} right={16}
      style={{ zIndex: 400, width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      {list.map((t) => (
        <Notification key={t.id} data-testid="toast" title={t.title} color={t.color ?? 'teal'} withBorder
          closeButtonProps={{ 'aria-label': 'Dismiss' }} onClose={() => dismissToast(t.id)}>
          {t.message}
        </Notification>
      ))}
    </Stack>
  );
}
