// RP-3: what every history list shares. The filters live in the address (so a filtered view can be
// shared as a link), a bar of them sits above the list, and the list is read a page at a time,
// following the API's nextOffset when the reader asks for more.
import { useState, type ReactNode } from 'react';
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { navigate, useRoute } from '../app/router.tsx';

export type Option = { value: string; label: string };
export type Field =
  | { key: string; kind: 'search'; label: string; placeholder: string }
  | { key: string; kind: 'select'; label: string; any: string; options: Option[] }
  | { key: string; kind: 'date'; label: string };

/** Address values → API query. Dates are whole days in the viewer's zone: "to" takes in its whole day. */
export function apiQuery(query: URLSearchParams, keys: readonly string[], fixed: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams(fixed);
  for (const k of keys) {
    const v = query.get(k);
    if (!v) continue;
    if (k === 'from') p.set(k, new Date(`${v}T00:00`).toISOString());
    else if (k === 'to') p.set(k, new Date(new Date(`${v}T00:00`).getTime() + 86_400_000).toISOString());
    else p.set(k, v);
  }
  return p;
}

/** A list read `pageSize` at a time; `more()` fetches from the last answer's nextOffset. */
export function usePagedList<T>(key: readonly unknown[], path: string, params: URLSearchParams, pageSize = 50) {
  const q = useInfiniteQuery({
    queryKey: [...key, params.toString()],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams(params);
      p.set('limit', String(pageSize));
      if (pageParam) p.set('offset', String(pageParam));
      return request<{ items: T[]; nextOffset: number | null }>('GET', `${path}?${p}`);
    },
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  return { ...q, items: q.data?.pages.flatMap((p) => p.items) ?? [] };
}

/** The filter bar: each change rewrites the address (replacing, not stacking, history entries). */
export function FilterBar({ base, fields, keep = {}, testId = 'history-filters' }: { base: string; fields: Field[]; keep?: Record<string, string>; testId?: string }) {
  const { query } = useRoute();
  const search = fields.find((f) => f.kind === 'search');
  const [text, setText] = useState(search ? query.get(search.key) ?? '' : '');
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(query);
    for (const [kk, vv] of Object.entries(keep)) next.set(kk, vv);
    if (v) next.set(k, v); else next.delete(k);
    navigate(`${base}?${next.toString()}`, { replace: true });
  };
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap" data-testid={testId}>
      {fields.map((f) => {
        if (f.kind === 'search') {
          return (
            <form key={f.key} role="search" onSubmit={(e) => { e.preventDefault(); set(f.key, text.trim()); }}>
              <TextInput label={f.label} placeholder={f.placeholder} value={text} onChange={(e) => setText(e.currentTarget.value)}
                onBlur={() => { if (text.trim() !== (query.get(f.key) ?? '')) set(f.key, text.trim()); }} w={240} />
            </form>
          );
        }
        if (f.kind === 'select') {
          return <NativeSelect key={f.key} label={f.label} value={query.get(f.key) ?? ''} onChange={(e) => set(f.key, e.currentTarget.value)}
            data={[{ value: '', label: f.any }, ...f.options]} />;
        }
        return <TextInput key={f.key} type="date" label={f.label} value={query.get(f.key) ?? ''} onChange={(e) => set(f.key, e.currentTarget.value)} />;
      })}
    </Group>
  );
}

/** Under a list: how many are shown, and "Show more" while the API says there are more. */
export function MoreButton({ shown, hasMore, loading, onMore, noun }: { shown: number; hasMore: boolean; loading: boolean; onMore: () => void; noun: [one: string, many: string] }): ReactNode {
  if (shown === 0) return null;
  return (
    <Group justify="center" mt="md" gap="md">
      <Text size="sm" c="dimmed" data-testid="history-count">{shown} {shown === 1 ? noun[0] : noun[1]} shown{hasMore ? '' : ', all that match'}</Text>
      {hasMore && <Button variant="default" onClick={onMore} loading={loading} data-testid="history-more">Show more</Button>}
    </Group>
  );
}
