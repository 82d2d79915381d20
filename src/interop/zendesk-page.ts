// Zendesk's two ways of paging a list, as pure arithmetic: offset pages (`page`, `per_page`,
// answered with `next_page`/`previous_page` URLs and `count`) and cursor pages (`page[size]`,
// `page[after]`, answered with `meta` and `links`). Hotline's search pages by offset, so a cursor
// is the next offset, encoded; clients follow the URLs and never read inside.

export interface PageQuery { page?: string; per_page?: string; 'page[size]'?: string; 'page[after]'?: string; 'page[before]'?: string }
export interface PagePlan { mode: 'offset' | 'cursor'; limit: number; offset: number; page: number }

export const MAX_PER_PAGE = 100;

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(c: string): number | null {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(c, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

/** What to read; null when the cursor is not one this server gave out. */
export function planPage(q: PageQuery): PagePlan | null {
  if (q['page[size]'] !== undefined || q['page[after]'] !== undefined || q['page[before]'] !== undefined) {
    const limit = Math.min(Math.max(Number(q['page[size]'] ?? 100) || 100, 1), MAX_PER_PAGE);
    const cursor = q['page[after]'] ?? q['page[before]'];
    let offset = 0;
    if (cursor !== undefined) {
      const at = decodeCursor(cursor);
      if (at === null) return null;
      offset = q['page[before]'] !== undefined ? Math.max(at - limit, 0) : at;
    }
    return { mode: 'cursor', limit, offset, page: Math.floor(offset / limit) + 1 };
  }
  const limit = Math.min(Math.max(Number(q.per_page ?? 100) || 100, 1), MAX_PER_PAGE);
  const page = Math.max(Number(q.page ?? 1) || 1, 1);
  return { mode: 'offset', limit, offset: (page - 1) * limit, page };
}

/**
 * The paging part of a list answer. `url` is the list's absolute URL without paging parameters
 * (other query parameters kept); `count` the total when known.
 */
export function pageLinks(plan: PagePlan, url: string, more: boolean, count: number | null) {
  const sep = url.includes('?') ? '&' : '?';
  if (plan.mode === 'cursor') {
    const after = more ? encodeCursor(plan.offset + plan.limit) : null;
    const before = plan.offset > 0 ? encodeCursor(plan.offset) : null;
    return {
      meta: { has_more: more, after_cursor: after, before_cursor: before },
      links: {
        next: after ? `${url}${sep}page%5Bsize%5D=${plan.limit}&page%5Bafter%5D=${after}` : null,
        prev: before ? `${url}${sep}page%5Bsize%5D=${plan.limit}&page%5Bbefore%5D=${before}` : null,
      },
    };
  }
  return {
    next_page: more ? `${url}${sep}page=${plan.page + 1}&per_page=${plan.limit}` : null,
    previous_page: plan.page > 1 ? `${url}${sep}page=${plan.page - 1}&per_page=${plan.limit}` : null,
    count: count ?? plan.offset + (more ? plan.limit + 1 : 0),
  };
}
