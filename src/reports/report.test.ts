import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../kernel/time.ts';
import { parseFilters, reportName, toCsv } from './report.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return null;
};

describe('RP-1 report filters and CSV', () => {
  it('RP-1: dates cover whole days (until is inclusive), instants are exact', () => {
    const f = parseFilters({ since: '2026-11-01', until: '2026-11-30', group: 'region', region: 'AMER' }, isValidTimeZone);
    expect(f.since.toString()).toBe('2026-11-01T00:00:00Z');
    expect(f.until.toString()).toBe('2026-12-01T00:00:00Z');
    expect(f.group).toBe('region');
    expect(parseFilters({ since: '2026-11-01T10:00:00Z', until: '2026-11-01T11:00:00Z' }, isValidTimeZone).until.toString()).toBe('2026-11-01T11:00:00Z');
  });

  it.each([
    ['RP-1: no period', {}, 'report.period_required'],
    ['RP-1: a date that is not one', { since: '2026-13-01', until: '2026-12-01' }, 'report.bad_date'],
    ['RP-1: since after until', { since: '2026-12-01', until: '2026-11-01' }, 'report.bad_period'],
    ['RP-1: more than 400 days', { since: '2025-01-01', until: '2026-12-01' }, 'report.period_too_long'],
    ['RP-1: an unknown grouping', { since: '2026-11-01', until: '2026-12-01', group: 'colour' }, 'report.bad_group'],
    ['RP-1: a zone that does not exist', { since: '2026-11-01', until: '2026-12-01', zone: 'Mars/Olympus' }, 'report.bad_zone'],
  ])('%s is refused with a code', (_t, q, code) => {
    expect(codeOf(() => parseFilters(q, isValidTimeZone))).toBe(code);
  });

  it('RP-1: an unknown report is a not-found with the list', () => {
    expect(codeOf(() => reportName('nope'))).toBe('report.unknown');
    expect(reportName('engineer-load')).toBe('engineer-load');
  });

  it('RP-1: CSV quotes commas and quotes, leaves empty cells empty and defuses formulas', () => {
    expect(toCsv({ columns: ['a', 'b', 'c'], rows: [['x, y', 'say "hi"', null], ['=1+1', -3, 4]] })).toBe('a,b,c\r\n"x, y","say ""hi""",\r\n\'=1+1,-3,4\r\n');
  });
});
