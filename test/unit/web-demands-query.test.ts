import {
  emptyFilters,
  fromRouteQuery,
  toApiQuery,
  toRouteQuery,
} from '../../web/src/demands/demand-query';

/** The 诉求 page keeps its search in the URL: a shared link must give the same search back. */
describe('诉求 search in the URL', () => {
  it('round-trips every filter and the page through the query', () => {
    const filters = {
      ...emptyFilters(),
      q: '路灯',
      status: ['handling', 'paused'],
      domain: ['utilities'],
      unit: '511999001001',
      from: '2026-03-01',
      to: '2026-03-31',
      overdue: 'true' as const,
    };
    const query = toRouteQuery(filters, 3, 50);
    expect(query).toEqual({
      q: '路灯',
      status: 'handling,paused',
      domain: 'utilities',
      unit: '511999001001',
      from: '2026-03-01',
      to: '2026-03-31',
      overdue: 'true',
      page: '3',
      pageSize: '50',
    });
    expect(fromRouteQuery(query)).toEqual({ filters, page: 3, pageSize: 50 });
  });

  it('leaves out what is not set, so the first page of everything is a bare link', () => {
    expect(toApiQuery({ ...emptyFilters(), q: '  ' }, 1, 20)).toEqual({});
  });

  it('ignores nonsense in a hand-edited link instead of sending it to the server', () => {
    const { filters, page, pageSize } = fromRouteQuery({
      overdue: 'maybe',
      page: '-2',
      pageSize: 'x',
      status: ['a', 'b'],
    });
    expect(filters).toEqual(emptyFilters());
    expect({ page, pageSize }).toEqual({ page: 1, pageSize: 20 });
  });
});
