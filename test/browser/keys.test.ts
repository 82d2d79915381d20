// The keyboard shortcut reader (web/src/keyboard/keys.ts): sequences, the sheet's table, and
// never firing while the person types.
import { describe, expect, it } from 'vitest';
import { IDLE, readKey, SEQUENCE_MS, SHORTCUTS, type KeyState } from '../../web/src/keyboard/keys.ts';
import { groupHits, pageMatches } from '../../web/src/keyboard/hits.ts';

const press = (keys: string[], opts: { typing?: boolean; gap?: number; ctrl?: boolean } = {}) => {
  let state: KeyState = IDLE;
  let now = 1_000_000;
  const actions = [];
  for (const key of keys) {
    const r = readKey(state, { key, typing: opts.typing ?? false, ctrl: opts.ctrl }, now);
    state = r.state;
    actions.push(r.action);
    now += opts.gap ?? 100;
  }
  return actions;
};

describe('keyboard shortcuts', () => {
  it('g then a letter goes to the section; the first key alone does nothing', () => {
    expect(press(['g', 'b'])).toEqual([null, { kind: 'go', to: '/emergencies' }]);
    expect(press(['g', 'p'])[1]).toEqual({ kind: 'go', to: '/pages' });
    expect(press(['g', 'o'])[1]).toEqual({ kind: 'go', to: '/oncall' });
    expect(press(['G', 'T'])[1]).toEqual({ kind: 'go', to: '/tickets' });
  });

  it('a second key too late, or an unknown one, starts over', () => {
    expect(press(['g', 'b'], { gap: SEQUENCE_MS + 1 })).toEqual([null, null]);
    expect(press(['g', 'x', 'b'])).toEqual([null, null, null]);
    // 'g a' is no shortcut: the 'a' after 'g' must not acknowledge.
    expect(press(['g', 'a'])).toEqual([null, null]);
  });

  it('single keys: / searches, ? opens the sheet, a/r/n are commands', () => {
    expect(press(['/'])).toEqual([{ kind: 'search' }]);
    expect(press(['?'])).toEqual([{ kind: 'help' }]);
    expect(press(['a', 'r', 'n']).map((a) => a && a.kind === 'command' && a.name)).toEqual(['acknowledge', 'reply', 'note']);
  });

  it('never fires while typing in a field or with Ctrl/Cmd/Alt held', () => {
    expect(press(['a', 'g', 'b', '/', '?'], { typing: true })).toEqual([null, null, null, null, null]);
    expect(press(['r'], { ctrl: true })).toEqual([null]);
  });

  it('the sheet lists every shortcut the reader knows, each once', () => {
    const seen = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(seen).size).toBe(seen.length);
    for (const s of SHORTCUTS) expect(press(s.keys).at(-1)).toEqual(s.action);
  });
});

describe('global search hits', () => {
  const ticket = (n: number, isEmergency: boolean) => ({ id: `t${n}`, number: n, subject: `S${n}`, isEmergency, status: 'open' }) as never;
  it('emergencies link to the emergency view, other tickets to the ticket; empty groups are left out', () => {
    const g = groupHits('s', [ticket(1, true), ticket(2, false)], [], []);
    expect(g.map((x) => [x.group, x.hits.map((h) => h.to)])).toEqual([['Emergencies', ['/emergencies/1']], ['Tickets', ['/tickets/t2']]]);
  });
  it('a page matches by number or title words', () => {
    expect(pageMatches({ number: 12, title: 'Emergency ticket 18' }, '#12')).toBe(true);
    expect(pageMatches({ number: 12, title: 'Emergency ticket 18' }, 'ticket 18')).toBe(true);
    expect(pageMatches({ number: 12, title: 'Emergency ticket 18' }, '7')).toBe(false);
    expect(pageMatches({ number: 12, title: 'x' }, '  ')).toBe(false);
  });
});
