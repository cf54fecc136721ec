import { DateTime } from 'luxon';
import { isoWithOffset } from '../../server/http/time';

/** The contract writes every time in Beijing time with its offset (API.md). */
describe('isoWithOffset', () => {
  const byZone = (instant: Date) => DateTime.fromJSDate(instant).setZone('Asia/Shanghai').toISO();

  it('writes Beijing time with +08:00', () => {
    expect(isoWithOffset(new Date('2026-03-02T03:13:53.000Z'))).toBe(
      '2026-03-02T11:13:53.000+08:00',
    );
    // Past midnight in Beijing: the date moves on.
    expect(isoWithOffset(new Date('2027-02-28T16:00:00.250Z'))).toBe(
      '2027-03-01T00:00:00.250+08:00',
    );
  });

  it('agrees with the time-zone database, also in the years Beijing kept summer time', () => {
    const instants = [
      '1988-07-01T12:00:00Z', // summer time: +09:00
      '1991-12-31T23:59:59.999Z',
      '1992-01-01T00:00:00Z',
      '2000-02-29T16:00:00Z',
      '2026-12-31T16:30:00Z',
      '2099-06-15T08:00:00.007Z',
    ].map((text) => new Date(text));
    for (const instant of instants) expect(isoWithOffset(instant)).toBe(byZone(instant));
    expect(isoWithOffset(new Date('1988-07-01T12:00:00Z'))).toBe('1988-07-01T21:00:00.000+09:00');
  });

  it('writes nothing for no time', () => {
    expect(isoWithOffset(null)).toBeNull();
    expect(isoWithOffset(undefined)).toBeNull();
  });
});
