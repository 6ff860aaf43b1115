// Walking a paged time range (pointsPage, incidentsPage) from its start to its end: the one loop the
// Arrow endpoints and the exports share, with a turn of the event loop between pages so requests
// and commits are served while a long range is read.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PageCursor, PointsPageQuery, RangePage } from './types.ts';

/** A county, township or village code and which of them it is. */
export interface CodeScope {
  code: string;
  level: 'county' | 'township' | 'village';
}

/** The store filter of a scope: by township, then village; the county needs none. */
export function scopeFilter(scope: CodeScope): Pick<PointsPageQuery, 'townshipCode' | 'villageCode'> {
  if (scope.level === 'township') return { townshipCode: scope.code };
  if (scope.level === 'village') return { townshipCode: scope.code.slice(0, 9), villageCode: scope.code };
  return {};
}

/**
 * The rows of every page `read` returns, following each page's `next` (empty pages are read but
 * not yielded), with a turn of the event loop after each page. Pulled, not pushed: the next page is
 * read only when the consumer asks for it, and a consumer that stops (return()) stops the reading;
 * so does `stop` (the client went away during the turn).
 */
export async function* rangePages<T>(read: (after: PageCursor | undefined) => Promise<RangePage<T>>, stop?: AbortSignal): AsyncGenerator<T[]> {
  let after: PageCursor | undefined;
  for (;;) {
    const page = await read(after);
    if (page.rows.length > 0) yield page.rows;
    if (!page.next) return;
    after = page.next;
    await nextTurn();
    if (stop?.aborted) return;
  }
}
