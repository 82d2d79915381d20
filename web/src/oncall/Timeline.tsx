// SCH-2/3/9: a rotation group over a week — a row per schedule with each person a band in their own
// colour and their name written on it, overrides outlined, the DRI row, gaps hatched red, a line at
// "now", day ticks in the group's zone and the viewer's. Dragging across a row selects a span
// (snapped to 30 minutes) for an override or a swap. It never grows wider than its container.
import { useRef, useState, type CSSProperties, type PointerEvent, type ReactNode } from 'react';
import { Box, Group, Text, Tooltip } from '@mantine/core';
import type { GroupTimeline } from './api.ts';
import { BAND_TEXT, GAP_FILL, nameOf, personColour } from './people.ts';
import { dayTicks, fmtIn, pct } from './time.ts';

export interface Selection { scheduleId: string; start: number; end: number }
const SNAP = 30 * 60_000;
const LABEL = 150;

function Axis({ zone, label, since, until }: { zone: string; label: string; since: number; until: number }) {
  return (
    <Group gap={0} wrap="nowrap" h={22}>
      <Text w={LABEL} size="xs" c="dimmed" truncate style={{ flex: 'none' }}>{label}</Text>
      <Box pos="relative" style={{ flex: 1, minWidth: 0, overflow: 'hidden' }} h={22}>
        {dayTicks(zone, since, until).map((t) => {
          const at = pct(t.at, since, until);
          // a tick near the right edge carries its label to its left, inside the track
          const style: CSSProperties = at > 92 ? { right: `${100 - at}%`, borderRight: '1px solid var(--mantine-color-gray-5)', paddingRight: 3 } : { left: `${at}%`, borderLeft: '1px solid var(--mantine-color-gray-5)', paddingLeft: 3 };
          return <Text key={t.at} size="xs" pos="absolute" style={{ ...style, whiteSpace: 'nowrap' }}>{t.label}</Text>;
        })}
      </Box>
    </Group>
  );
}

export function Timeline({ data, since, until, viewerZone, selection, onSelect, now = Date.now() }: {
  data: GroupTimeline; since: string; until: string; viewerZone: string; selection: Selection | null; onSelect: (s: Selection | null) => void; now?: number;
}) {
  const s = Date.parse(since);
  const u = Date.parse(until);
  const people = data.people ?? {};
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
  const left = (t: string | number) => pct(typeof t === 'number' ? t : Date.parse(t), s, u);
  const band = (key: string, start: string, end: string, style: CSSProperties, tip: string, testid: string, text: string | null, attrs: Record<string, string> = {}) => (
    <Tooltip key={key} label={tip} withinPortal>
      <Box data-testid={testid} {...attrs} pos="absolute" top={4} bottom={4}
        style={{ left: `${left(start)}%`, width: `${left(end) - left(start)}%`, borderRadius: 4, overflow: 'hidden', display: 'flex', alignItems: 'center', ...style }}>
        {text && <Text size="xs" fw={600} px={4} truncate c={BAND_TEXT} style={{ pointerEvents: 'none' }} data-testid="band-name">{text}</Text>}
      </Box>
    </Tooltip>
  );
  const nowLine = now >= s && now < u && (
    <Box data-testid="now-line" aria-hidden pos="absolute" top={0} bottom={0} style={{ left: `${left(now)}%`, width: 2, marginLeft: -1, background: 'var(--mantine-color-blue-8)', zIndex: 2, pointerEvents: 'none' }} />
  );
  const row = (id: string, label: string, children: ReactNode, interactive = false) => (
    <Group key={id} gap={0} wrap="nowrap" h={34} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text w={LABEL} size="sm" fw={500} truncate style={{ flex: 'none' }}>{label}</Text>
      <Box pos="relative" style={{ flex: 1, minWidth: 0, cursor: interactive ? 'crosshair' : undefined, touchAction: 'none', userSelect: 'none' }} h={34}
        data-testid={interactive ? `track-${id}` : undefined}
        onPointerDown={interactive ? down(id) : undefined} onPointerMove={interactive ? move : undefined} onPointerUp={interactive ? up : undefined}>
        {children}
        {nowLine}
        {interactive && shown?.scheduleId === id && (
          <Box data-testid="selection" pos="absolute" top={0} bottom={0} style={{ left: `${left(shown.start)}%`, width: `${left(shown.end) - left(shown.start)}%`, background: 'rgba(34,139,230,0.18)', border: '2px dashed #1c7ed6', pointerEvents: 'none', zIndex: 3 }} />
        )}
      </Box>
    </Group>
  );
  const tip = (who: string, a: string, b: string) => `${who}: ${fmtIn(data.timeZone, Date.parse(a))} – ${fmtIn(data.timeZone, Date.parse(b))} (${data.timeZone}); ${fmtIn(viewerZone, Date.parse(a))} – ${fmtIn(viewerZone, Date.parse(b))} (you)`;
  const fill = (user: string) => {
    const c = personColour(people, user);
    return { background: c.bg, borderLeft: `3px solid ${c.edge}` };
  };
  const everyone = [...new Set(data.schedules.flatMap((x) => x.entries.map((e) => e.user)))].sort((a, b) => nameOf(people, a).localeCompare(nameOf(people, b)));
  return (
    <Box data-testid="oncall-timeline" data-group={data.groupId} style={{ maxWidth: '100%', overflow: 'hidden' }}>
      <Axis zone={data.timeZone} label={`Schedule · ${data.timeZone}`} since={s} until={u} />
      <Axis zone={viewerZone} label={`You · ${viewerZone}`} since={s} until={u} />
      {data.schedules.map((sch) => row(sch.scheduleId, data.names[sch.scheduleId] ?? sch.scheduleId,
        sch.entries.map((e) => band(e.key, e.start, e.end, {
          ...fill(e.user),
          opacity: e.shadow ? 0.55 : 1, outline: e.source.kind === 'override' ? '2px dashed #212529' : e.source.kind === 'swap' ? '2px dotted #212529' : undefined, outlineOffset: -2,
        }, `${tip(nameOf(people, e.user), e.start, e.end)}${e.source.kind === 'override' ? ' — override' : e.source.kind === 'swap' ? ' — swap' : ''}${e.shadow ? ' — shadow' : ''}`, 'band',
        nameOf(people, e.user), { 'data-user': e.user, 'data-source': e.source.kind, 'data-colour': personColour(people, e.user).bg })),
        true))}
      {data.dri.length > 0 && row('dri', 'DRI', data.dri.map((d) => band(`dri-${d.start}`, d.start, d.end,
        d.user ? { ...fill(d.user), boxShadow: 'inset 0 0 0 2px #212529' } : { background: GAP_FILL },
        d.user ? `DRI ${tip(nameOf(people, d.user), d.start, d.end)}` : 'DRI window with nobody on call', 'dri-band', d.user ? nameOf(people, d.user) : null, { 'data-user': d.user ?? '' })))}
      {row('gaps', 'Gaps', data.gaps.map((g) => band(`gap-${g.start}`, g.start, g.end, { background: GAP_FILL }, `Nobody on call: ${tip('gap', g.start, g.end)}`, 'gap-band', null)))}
      <Group gap="md" mt="sm" data-testid="legend">
        {everyone.map((p) => {
          const c = personColour(people, p);
          return <Group key={p} gap={4} data-testid="legend-person" data-user={p} data-colour={c.bg}><Box w={12} h={12} style={{ background: c.bg, borderLeft: `3px solid ${c.edge}`, borderRadius: 3 }} /><Text size="xs">{nameOf(people, p)}</Text></Group>;
        })}
        <Group gap={4}><Box w={12} h={12} style={{ background: '#dee2e6', outline: '2px dashed #212529', outlineOffset: -2 }} /><Text size="xs">override</Text></Group>
        <Group gap={4}><Box w={12} h={12} style={{ background: GAP_FILL }} /><Text size="xs">nobody on call</Text></Group>
        <Group gap={4}><Box w={2} h={12} style={{ background: 'var(--mantine-color-blue-8)' }} /><Text size="xs">now</Text></Group>
      </Group>
    </Box>
  );
}
