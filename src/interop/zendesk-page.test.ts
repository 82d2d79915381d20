// Zendesk's offset and cursor pages over Hotline's offset search (TK-4).
import { describe, expect, it } from 'vitest';
import { pageLinks, planPage } from './zendesk-page.ts';

describe('Zendesk paging', () => {
  it('offset pages: page/per_page in, next_page/previous_page/count out', () => {
    const plan = planPage({ page: '2', per_page: '10' })!;
    expect(plan).toEqual({ mode: 'offset', limit: 10, offset: 10, page: 2 });
    expect(pageLinks(plan, 'http://h/api/v2/tickets.json', true, 35)).toEqual({
      next_page: 'http://h/api/v2/tickets.json?page=3&per_page=10', previous_page: 'http://h/api/v2/tickets.json?page=1&per_page=10', count: 35,
    });
    expect(planPage({ per_page: '1000' })!.limit).toBe(100);
  });
  it('cursor pages: page[size] in, meta and links out; a followed cursor reads the next page', () => {
    const plan = planPage({ 'page[size]': '2' })!;
    const out = pageLinks(plan, 'http://h/api/v2/tickets.json', true, null) as { meta: { after_cursor: string }; links: { next: string } };
    expect(out.meta).toMatchObject({ has_more: true, before_cursor: null });
    const next = new URL(out.links.next);
    expect(planPage({ 'page[size]': next.searchParams.get('page[size]')!, 'page[after]': next.searchParams.get('page[after]')! })).toEqual({ mode: 'cursor', limit: 2, offset: 2, page: 2 });
    expect(pageLinks(planPage({ 'page[size]': '2', 'page[after]': out.meta.after_cursor })!, 'u', false, null)).toMatchObject({ meta: { has_more: false, after_cursor: null }, links: { next: null } });
  });
  it('a cursor this server did not give is refused', () => {
    expect(planPage({ 'page[after]': 'not-ours' })).toBeNull();
  });
});
