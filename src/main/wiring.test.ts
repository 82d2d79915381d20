// The composition root: subscribers run in the order src/main/wiring.ts lists, each port has one
// provider, and two nodes built in one process share no subscriber and no port.
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../runtime/context.ts';
import { EventHub } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { capabilities } from './capabilities.ts';
import { wire } from './wiring.ts';

const plug = (name: string) => capabilities.find((c) => c.name === name)!;

describe('src/main wiring', () => {
  it('a staff reply is heard by the helpdesk (requester e-mail) first, then by the emergency workflow', () => {
    const w = wire(capabilities);
    expect(w.subscribers['comment.public_by_staff']).toEqual([plug('tickets').subscribes!['comment.public_by_staff'], plug('emergencies').subscribes!['comment.public_by_staff']]);
    expect(w.ports.scheduleResolver).toBe(plug('schedules').provides!.scheduleResolver);
    expect(w.ports.pageVeto).toBe(plug('emergencies').provides!.pageVeto);
    expect(w.sections.map((s) => s.order)).toEqual([...w.sections.map((s) => s.order)].sort((a, b) => a - b));
  });

  it('a subscription the list does not name, or a port provided twice, fails the node start', () => {
    const stray = { name: 'stray', subscribes: { 'ticket.merged': () => undefined } };
    expect(() => wire([...capabilities, stray])).toThrow(/stray subscribes to ticket.merged/);
    const twice = { name: 'twice', provides: { pageVeto: () => null } };
    expect(() => wire([...capabilities, twice])).toThrow(/both provide pageVeto/);
  });

  it('two nodes in one process share nothing: a subscriber or a port set on one is not on the other', async () => {
    const [a, b] = [wire(capabilities), wire(capabilities)];
    const ctx = {} as Ctx;
    const [hubA, hubB] = [new EventHub(() => ctx, a.subscribers), new EventHub(() => ctx, b.subscribers)];
    const heard: string[] = [];
    hubA.subscribe('ticket.merged', () => void heard.push('a'));
    hubB.subscribe('ticket.merged', () => void heard.push('b'));
    await hubA.publish({} as Tx, 'ticket.merged', {} as never);
    expect(heard).toEqual(['a']);
    a.ports.onCallCheck = () => true;
    expect(b.ports.onCallCheck).toBe(plug('emergencies').provides!.onCallCheck);
    expect(a.subscribers['comment.public_by_staff']).not.toBe(b.subscribers['comment.public_by_staff']);
  });
});
