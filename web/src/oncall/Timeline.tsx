// SCH-2/3/9: a rotation group over a week — a row per schedule with each person a coloured band,
// overrides hatched, the DRI row, gaps in red, day ticks in the group's zone and the viewer's.
// Dragging across a row selects a span (snapped to 30 minutes) for an override or a swap.
import { useRef, useState, type PointerEvent } from 'react';
import { Box, Group, Text, Tooltip } from '@mantine/core';
import type { GroupTimeline } from './api.ts';
import { dayTicks, fmtIn, pct, PALETTE } from './time.ts';

export interface Selection { scheduleId: string; start: number; end: number }
const SNAP = 30 * 60_000;
const LABEL = 210;

function Axis({ zone, label, since, until }: { zone: string; label: string; since: number; until: number }) {
  return (
    <Group gap={0} wrap="nowrap" h={22}>
      <Text w={LABEL} size="xs" c="dimmed" truncate>{label}</Text>
      <Box pos="relative" style={{ flex: 1 }} h={22}>
        {dayTicks(zone, since, until).map((t) => (
          <Text key={t.at} size="xs" pos="absolute" style={{ left: `${pct(t.at, since, until)}%`, borderLeft: '1px solid var(--mantine-color-gray-5)', paddingLeft: 3, whiteSpace: 'nowrap' }}>{t.label}</Text>
        ))}
      </Box>
    </Group>
  );
}

export function Timeline({ data, since, until, viewerZone, selection, onSelect }: {
  data: GroupTimeline; since: string; until: string; viewerZone: string; selection: Selection | null; onSelect: (s: Selection | null) => void;
}) {
  const s = Date.parse(since);
  const u = Date.parse(until);
  const people = [...new Set(data.schedules.flatMap((x) => x.entries.map((e) => e.user)))].sort();
  const colour = (user: string | null) => (user ? PALETTE[people.indexOf(user) % PALETTE.length] : '#fa5252');
  const drag = useRef<{ scheduleId: string; from: number; el: HTMLElement } | null>(null);
  const [live, setLive] = useState<Selection | null>(null);
  const at = (el: HTMLElement, x: number) => {
    const r = el.getBoundingClientRect();
    return Math.round((s + ((x - r.left) / r.width) * (u - s)) / SNAP) * SNAP;
  };
  const down = (scheduleId: string) => (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { scheduleId, from: at(e.currentTarget, e.clientX), el: e.currentTarget };
    setLive(null);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const to = at(d.el, e.clientX);
    setLive({ scheduleId: d.scheduleId, start: Math.min(d.from, to), end: Math.max(d.from, to) });
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const to = at(d.el, e.clientX);
    const sel = { scheduleId: d.scheduleId, start: Math.min(d.from, to), end: Math.max(d.from, to) };
    setLive(null);
    onSelect(sel.end > sel.start ? sel : null);
  };
  const shown = live ?? selection;
  const band = (key: string, start: string, end: string, style: React.CSSProperties, tip: string, testid: string, attrs: Record<string, string> = {}) => (
    <Tooltip key={key} label={tip} withinPortal>
      <Box data-testid={testid} {...attrs} pos="absolute" top={4} bottom={4}
        style={{ left: `${pct(Date.parse(start), s, u)}%`, width: `${pct(Date.parse(end), s, u) - pct(Date.parse(start), s, u)}%`, borderRadius: 4, ...style }} />
    </Tooltip>
  );
  const row = (id: string, label: string, children: React.ReactNode, interactive = false) => (
    <Group key={id} gap={0} wrap="nowrap" h={34} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text w={LABEL} size="sm" fw={500} truncate>{label}</Text>
      <Box pos="relative" style={{ flex: 1, cursor: interactive ? 'crosshair' : undefined, touchAction: 'none', userSelect: 'none' }} h={34}
        data-testid={interactive ? `track-${id}` : undefined}
        onPointerDown={interactive ? down(id) : undefined} onPointerMove={interactive ? move : undefined} onPointerUp={interactive ? up : undefined}>
        {children}
        {interactive && shown?.scheduleId === id && (
          <Box data-testid="selection" pos="absolute" top={0} bottom={0} style={{ left: `${pct(shown.start, s, u)}%`, width: `${pct(shown.end, s, u) - pct(shown.start, s, u)}%`, background: 'rgba(34,139,230,0.18)', border: '2px dashed #1c7ed6', pointerEvents: 'none' }} />
        )}
      </Box>
    </Group>
  );
  const tip = (who: string, a: string, b: string) => `${who}: ${fmtIn(data.timeZone, Date.parse(a))} – ${fmtIn(data.timeZone, Date.parse(b))} (${data.timeZone}); ${fmtIn(viewerZone, Date.parse(a))} – ${fmtIn(viewerZone, Date.parse(b))} (you)`;
  return (
    <Box data-testid="oncall-timeline">
      <Axis zone={data.timeZone} label={`Schedule · ${data.timeZone}`} since={s} until={u} />
      <Axis zone={viewerZone} label={`You · ${viewerZone}`} since={s} until={u} />
      {data.schedules.map((sch) => row(sch.scheduleId, data.names[sch.scheduleId] ?? sch.scheduleId,
        sch.entries.map((e) => band(e.key, e.start, e.end, {
          background: e.source.kind === 'override' ? `repeating-linear-gradient(45deg, ${colour(e.user)}, ${colour(e.user)} 6px, #fff 6px, #fff 9px)` : colour(e.user),
          opacity: e.shadow ? 0.45 : 1, outline: e.source.kind === 'override' ? '2px solid #212529' : undefined,
        }, `${tip(e.user, e.start, e.end)}${e.source.kind === 'override' ? ' — override' : e.source.kind === 'swap' ? ' — swap' : ''}`, 'band', { 'data-user': e.user, 'data-source': e.source.kind })),
        true))}
      {data.dri.length > 0 && row('dri', 'DRI', data.dri.map((d) => band(`dri-${d.start}`, d.start, d.end, { background: d.user ? colour(d.user) : '#fa5252', border: '2px solid #212529' }, d.user ? `DRI ${tip(d.user, d.start, d.end)}` : 'DRI window with nobody on call', 'dri-band', { 'data-user': d.user ?? '' }))) }
      {row('gaps', 'Gaps', data.gaps.map((g) => band(`gap-${g.start}`, g.start, g.end, { background: '#fa5252' }, `Nobody on call: ${tip('gap', g.start, g.end)}`, 'gap-band')))}
      <Group gap="md" mt="sm" data-testid="legend">
        {people.map((p) => (
          <Group key={p} gap={4}><Box w={12} h={12} style={{ background: colour(p), borderRadius: 3 }} /><Text size="xs">{p.split('@')[0]}</Text></Group>
        ))}
        <Group gap={4}><Box w={12} h={12} style={{ background: 'repeating-linear-gradient(45deg,#868e96,#868e96 3px,#fff 3px,#fff 5px)', outline: '1px solid #212529' }} /><Text size="xs">override</Text></Group>
        <Group gap={4}><Box w={12} h={12} style={{ background: '#fa5252' }} /><Text size="xs">nobody on call</Text></Group>
      </Group>
    </Box>
  );
}
