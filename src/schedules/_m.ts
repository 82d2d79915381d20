import { parseSchedulesConfig } from './config.ts';
import { DEMO_SCHEDULES_DOCUMENT } from './demo.ts';
import { finalEntriesMs } from './final-schedule.ts';
import { layeredEntriesMs } from './schedule.ts';
import { rotationShiftsMs } from './rotation.ts';
import { renderGroup } from './group.ts';
import { Temporal } from '../kernel/time.ts';
const ws = parseSchedulesConfig(DEMO_SCHEDULES_DOCUMENT);
const g = ws.groups[0];
const f = Date.parse('2026-01-01T00:00:00Z'), t = Date.parse('2027-01-01T00:00:00Z');
const time = (name: string, fn: () => void) => { for (let i = 0; i < 30; i++) fn(); const xs: number[] = []; for (let i = 0; i < 30; i++) { const t0 = performance.now(); fn(); xs.push(performance.now() - t0); } xs.sort((a, b) => a - b); console.log(name, xs[15].toFixed(2)); };
time('rot', () => { for (const s of g.schedules) rotationShiftsMs(s.layers[0].rotations[0], f, t); });
time('layer', () => { for (const s of g.schedules) layeredEntriesMs(s, f, t); });
time('final', () => { for (const s of g.schedules) finalEntriesMs(s, f, t); });
time('group', () => renderGroup(g, Temporal.Instant.fromEpochMilliseconds(f), Temporal.Instant.fromEpochMilliseconds(t)));
import { windowInstants, compileWindows, windowPieces } from './restriction.ts';
import { zone } from './zone.ts';
const cw = compileWindows([{ from: '12:00', to: '14:30' }]);
time('windowInstants', () => windowInstants(cw, 'America/New_York', f, t));
time('windowPieces', () => windowPieces(cw, f, t));
const z = zone('America/New_York');
time('toInstant x730', () => { for (let i = 0; i < 730; i++) z.toInstant(f + i * 43200000); });
import { toFinalEntry } from './final-schedule.ts';
import { span } from './span.ts';
const rendered = g.schedules.map((s) => ({ s, r: finalEntriesMs(s, f, t) }));
time('toFinal', () => { for (const x of rendered) x.r.entries.map(toFinalEntry); });
time('gaps', () => { for (const x of rendered) x.r.gaps.map((gg) => span(gg.start, gg.end)); });
time('final-only', () => g.schedules.map((s) => ({ s, r: finalEntriesMs(s, f, t) })));
import { mergeIntervals, subtractIntervals } from './restriction.ts';
{
  const T: Record<string, number> = {};
  const tick = (k: string, t0: number) => { T[k] = (T[k] ?? 0) + performance.now() - t0; };
  for (let it = 0; it < 60; it++) {
    let t0 = performance.now();
    const rendered = g.schedules.map((s) => ({ s, r: finalEntriesMs(s, f, t) })); tick('render', t0);
    for (const w of g.dri) {
      t0 = performance.now(); const open = windowInstants(compileWindows([w]), g.timeZone, f, t); tick('open', t0);
      t0 = performance.now(); const owners = rendered.find((x) => x.s.id === w.scheduleId)!.r.entries.filter((e) => !e.shadow); tick('owners', t0);
      t0 = performance.now(); const m = mergeIntervals(owners); tick('merge', t0);
      t0 = performance.now(); subtractIntervals(open, m); tick('sub', t0);
    }
  }
  for (const k in T) console.log(k, (T[k] / 60).toFixed(3));
}
