// SM-2: the skills directory's suggestions, ranked; fixed instants, never the real clock.
import { describe, expect, it } from 'vitest';
import { instant } from '../kernel/time.ts';
import { helpChannelFor, escalationSettings } from './settings.ts';
import { inWorkingHours, rankSuggestions, subjectsFor, type SkillPerson } from './skills.ts';

// Tuesday 2026-11-24 15:00 UTC: 10:00 in New York, 15:00 in London, 00:00 Wednesday in Tokyo.
const TUESDAY_15 = instant('2026-11-24T15:00:00Z');
const person = (id: string, timeZone: string, region: string, subjects: SkillPerson['subjects']): SkillPerson => ({ userId: id, email: `${id}@example.com`, name: id, region, timeZone, subjects });
const DIR: SkillPerson[] = [
  person('lena', 'Europe/Dublin', 'EMEA', { licensing: 'expert' }),
  person('bella', 'America/Denver', 'AMER', { licensing: 'proficient', self_managed: 'expert' }),
  person('kenji', 'Asia/Tokyo', 'APAC', { licensing: 'expert' }),
  person('mei', 'Australia/Adelaide', 'APAC', { licensing: 'learning' }),
  person('carmen', 'America/Chicago', 'AMER', { saas: 'expert' }),
];

describe('SM-2: skills-by-subject suggestions', () => {
  it('SM-2: working hours are weekdays in the person\'s own zone', () => {
    expect(inWorkingHours('America/New_York', TUESDAY_15)).toBe(true);
    expect(inWorkingHours('Asia/Tokyo', TUESDAY_15)).toBe(false); // midnight
    expect(inWorkingHours('Europe/London', instant('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
    expect(inWorkingHours('Europe/London', TUESDAY_15, { from: '08:00', to: '15:00' })).toBe(false); // the end is exclusive
  });

  it('SM-2: only people who know the subject; working now first, then level, then name', () => {
    const s = rankSuggestions(DIR, { subjects: ['licensing'], at: TUESDAY_15, onShift: new Set() });
    // lena: expert, 15:00 in Dublin; kenji: expert, asleep in Tokyo; bella: 08:00 in Denver, not yet working
    expect(s.map((x) => x.userId)).toEqual(['lena', 'kenji', 'bella', 'mei']);
    expect(s[0]).toMatchObject({ level: 'expert', inWorkingHours: true, onShift: false, why: 'expert in licensing, in working hours' });
    expect(s.find((x) => x.userId === 'carmen')).toBeUndefined();
  });

  it('SM-2: someone on shift now comes before an expert who is asleep', () => {
    const s = rankSuggestions(DIR, { subjects: ['licensing'], at: TUESDAY_15, onShift: new Set(['mei']) });
    expect(s.map((x) => x.userId)).toEqual(['lena', 'mei', 'kenji', 'bella']);
    expect(s[1]).toMatchObject({ onShift: true, why: 'learning in licensing, on shift now' });
  });

  it('SM-2: the wanted region breaks a tie of availability and level', () => {
    const at = instant('2026-11-24T02:00:00Z'); // in working hours only in Tokyo (11:00) and Adelaide (12:30)
    const dir = [...DIR, person('zed', 'America/Los_Angeles', 'AMER', { licensing: 'expert' })]; // 18:00 Monday: done for the day
    expect(rankSuggestions(dir, { subjects: ['licensing'], at, onShift: new Set() }).map((x) => x.userId)).toEqual(['kenji', 'mei', 'lena', 'zed', 'bella']);
    expect(rankSuggestions(dir, { subjects: ['licensing'], at, onShift: new Set(), region: 'AMER' }).map((x) => x.userId)).toEqual(['kenji', 'mei', 'zed', 'lena', 'bella']);
  });

  it('SM-2: the best level among several subjects counts; excluded people and the limit apply', () => {
    const s = rankSuggestions(DIR, { subjects: ['self_managed', 'licensing'], at: TUESDAY_15, onShift: new Set(['bella']), exclude: ['lena'], limit: 2 });
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ userId: 'bella', subject: 'self_managed', level: 'expert' });
  });

  it('SM-2: subjects come from the manager, else the ticket\'s form and tags (spelled alike)', () => {
    expect(subjectsFor({ form: 'self_managed', tags: ['Geo', 'escalated'] })).toEqual(['self_managed', 'geo', 'escalated']);
    expect(subjectsFor({ named: ['Self-Managed'], form: 'saas' })).toEqual(['self_managed']);
    expect(subjectsFor({})).toEqual([]);
  });

  it('SM-2: help threads go to the form\'s product channel, or a known one asked for', () => {
    const s = escalationSettings(null);
    expect(s.channel).toBe('#support_escalations');
    expect(helpChannelFor(s, 'saas')).toBe('#support_gitlab-com');
    expect(helpChannelFor(s, 'licensing')).toBe('#support_licensing-subscription');
    expect(helpChannelFor(s, null)).toBe('#support_self-managed');
    expect(helpChannelFor(s, 'saas', 'support_self-managed')).toBe('#support_self-managed');
    expect(helpChannelFor(s, 'saas', '#random')).toBeNull();
  });
});
