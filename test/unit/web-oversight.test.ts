import type { LedgerRow } from '../../web/src/api/ledgers';
import {
  cellText,
  currentMonth,
  fromRouteQuery,
  ledgerTime,
  toRouteQuery,
} from '../../web/src/ledgers/ledger-query';
import {
  fromRouteQuery as rankingFilters,
  isoWeekOf,
  percent,
  periodChoices,
  recentPeriods,
} from '../../web/src/rankings/ranking-period';

const row = (code: string, content: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  code,
  channel: 'hotline_12345',
  citizen: { name: '刘*', phone: '155****2654', anonymous: false },
  content,
  category: 'request',
  domain: 'housing',
  responsibleUnit: { code: '511999001', name: '学府街道' },
  assignedAt: '2026-03-02T15:00:00+08:00',
  dueAt: null,
  status: 'handling',
  resolvedAt: null,
  satisfaction: null,
  closedAt: null,
  labels: {
    channel: '12345热线',
    category: '求助',
    domain: '住房',
    progress: '办理中',
    satisfaction: '',
  },
  ...extra,
});

describe('台账 filters and cells', () => {
  it('keeps tier, unit, month, text and page in the URL, within the tiers of the role', () => {
    const filters = {
      tier: 'village' as const,
      unit: '511999001001',
      month: '2026-03',
      q: '路灯',
      page: 3,
    };
    expect(fromRouteQuery(toRouteQuery(filters), 'township_staff')).toEqual(filters);
    expect(toRouteQuery({ ...filters, page: 1 })).not.toHaveProperty('page');
    expect(fromRouteQuery({ page: 'x' }, 'township_staff').page).toBe(1);
    // A village cadre has only the micro-ledger; a bad month falls back to this month.
    const now = new Date('2026-03-31T17:00:00Z'); // 1 April in Beijing
    expect(fromRouteQuery({ tier: 'district', month: '2026-13' }, 'village_staff', now)).toEqual({
      tier: 'village',
      unit: '',
      month: '2026-04',
      q: '',
      page: 1,
    });
    expect(currentMonth(now)).toBe('2026-04');
  });

  it('writes cells as the workbook does: labels, unit names, Beijing minutes, withheld citizens', () => {
    const entry = row('511999-20260302-00001', '楼道灯坏了');
    expect(cellText(entry, 'channel')).toBe('12345热线');
    expect(cellText(entry, 'progress')).toBe('办理中');
    expect(cellText(entry, 'responsibleUnit')).toBe('学府街道');
    expect(cellText(entry, 'assignedAt')).toBe('2026-03-02 15:00');
    expect(cellText(entry, 'citizen')).toBe('刘* 155****2654');
    expect(cellText({ ...entry, citizen: { withheld: true } }, 'citizen')).toBe('（不予显示）');
    expect(ledgerTime('2026-03-31T23:30:00Z')).toBe('2026-04-01 07:30');
  });
});

describe('红黑榜 periods', () => {
  it('names ISO weeks across a year end and lists recent periods newest first', () => {
    expect(isoWeekOf(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-W01');
    expect(isoWeekOf(new Date(Date.UTC(2027, 0, 1)))).toBe('2026-W53');
    expect(isoWeekOf(new Date(Date.UTC(2026, 2, 2)))).toBe('2026-W10');
    const now = new Date('2026-03-02T01:00:00Z');
    expect(recentPeriods('month', now, 3)).toEqual(['2026-03', '2026-02', '2026-01']);
    expect(recentPeriods('week', now, 2)).toEqual(['2026-W10', '2026-W09']);
  });

  it('offers every ranked period, however old, marked, beside the recent ones', () => {
    const now = new Date('2026-03-02T01:00:00Z');
    const choices = periodChoices('month', ['2026-03', '2023-11'], '', now);
    expect(choices.slice(0, 2)).toEqual([
      { period: '2026-03', ranked: true },
      { period: '2026-02', ranked: false },
    ]);
    expect(choices.at(-1)).toEqual({ period: '2023-11', ranked: true });
    expect(choices.filter((c) => c.ranked).map((c) => c.period)).toEqual(['2026-03', '2023-11']);
    // A period typed into the address that is neither recent nor ranked is offered too.
    expect(periodChoices('week', [], '2020-W01', now).at(-1)).toEqual({
      period: '2020-W01',
      ranked: false,
    });
  });

  it('reads kind and period from the URL, dropping a period of the other kind', () => {
    expect(rankingFilters({ kind: 'week', period: '2026-W10' })).toEqual({
      kind: 'week',
      period: '2026-W10',
    });
    expect(rankingFilters({ kind: 'week', period: '2026-03' })).toEqual({
      kind: 'week',
      period: '',
    });
    expect(rankingFilters({})).toEqual({ kind: 'month', period: '' });
    expect(percent(0.66667)).toBe('66.7%');
    expect(percent(null)).toBe('—');
  });
});
