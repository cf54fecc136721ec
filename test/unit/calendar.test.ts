import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  beijingDateOf,
  calendarCoverage,
  CalendarFileError,
  createWorkingCalendar,
  loadCalendarOptions,
} from '../../domain/calendar';

const calendar = createWorkingCalendar();

/** An instant given as Beijing wall-clock time. */
const beijing = (wallClock: string): Date => new Date(`${wallClock}+08:00`);

const endOfDay = (date: string): string => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('national calendar: National Day 2025', () => {
  it('has Oct 1–8 off and the Sunday Sep 28 and Saturday Oct 11 as make-up workdays', () => {
    for (let day = 1; day <= 8; day++) {
      expect(calendar.isWorkingDay(`2025-10-0${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('finds the next working day across the holiday', () => {
    expect(calendar.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(calendar.nextWorkingDay('2025-10-10')).toBe('2025-10-11');
    expect(calendar.nextWorkingDay('2025-10-11')).toBe('2025-10-13');
  });

  it('counts 5 working days from the morning of Sep 30 to the end of Oct 14', () => {
    // Oct 9 Thu, Oct 10 Fri, Oct 11 Sat (make-up), Oct 13 Mon, Oct 14 Tue; Oct 12 Sun is off.
    const deadline = calendar.addWorkingDays(beijing('2025-09-30T09:30:00'), 5);
    expect(deadline.toISOString()).toBe(endOfDay('2025-10-14'));
    expect(calendar.addWorkingDays(beijing('2025-09-30T09:30:00'), 3).toISOString()).toBe(
      endOfDay('2025-10-11'),
    );
  });

  it('does not count the day of receipt even when it arrives at 00:00', () => {
    const atMidnight = calendar.addWorkingDays(beijing('2025-10-09T00:00:00'), 1);
    expect(atMidnight.toISOString()).toBe(endOfDay('2025-10-10'));
  });

  it('treats n = 0 as the end of the day of receipt', () => {
    expect(calendar.addWorkingDays(beijing('2025-10-03T10:00:00'), 0).toISOString()).toBe(
      endOfDay('2025-10-03'),
    );
  });

  it('rejects negative or fractional working days', () => {
    expect(() => calendar.addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('China Standard Time, not the machine zone', () => {
  it('places 2025-09-30T20:00:00Z on Oct 1 in Beijing, a holiday', () => {
    const instant = new Date('2025-09-30T20:00:00Z');
    expect(beijingDateOf(instant)).toBe('2025-10-01');
    expect(calendar.isWorkingDay(instant)).toBe(false);
    expect(calendar.isWorkingDay(new Date('2025-09-30T15:59:59.999Z'))).toBe(true);
  });

  it('counts from the Beijing date of receipt when UTC is still on the day before', () => {
    // Sat Sep 27 17:00 UTC is Sun Sep 28 01:00 in Beijing, itself a make-up workday; the first
    // working day after it is Mon Sep 29 (from Sep 27 it would have been Sep 28).
    const deadline = calendar.addWorkingDays(new Date('2025-09-27T17:00:00Z'), 1);
    expect(deadline.toISOString()).toBe('2025-09-29T15:59:59.999Z');
  });

  it('gives the same answers when the process runs west of UTC', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
      expect(calendar.isWorkingDay(new Date('2025-09-30T20:00:00Z'))).toBe(false);
      expect(calendar.addWorkingDays(beijing('2025-09-30T09:30:00'), 5).toISOString()).toBe(
        endOfDay('2025-10-14'),
      );
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('national calendar: Spring Festival 2026', () => {
  it('has Feb 15–23 off and Saturdays Feb 14 and Feb 28 as workdays', () => {
    for (let day = 15; day <= 23; day++) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
  });

  it('runs a deadline from Friday Feb 13 over the festival', () => {
    const received = beijing('2026-02-13T16:00:00');
    expect(calendar.addWorkingDays(received, 1).toISOString()).toBe(endOfDay('2026-02-14'));
    expect(calendar.addWorkingDays(received, 2).toISOString()).toBe(endOfDay('2026-02-24'));
    expect(calendar.addWorkingDays(received, 6).toISOString()).toBe(endOfDay('2026-02-28'));
    expect(calendar.addWorkingDays(received, 7).toISOString()).toBe(endOfDay('2026-03-02'));
  });

  it('counts working days between two instants', () => {
    expect(calendar.countWorkingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    expect(calendar.countWorkingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(calendar.countWorkingDaysBetween('2026-02-28', '2026-02-13')).toBe(0);
    expect(calendar.countWorkingDaysBetween(beijing('2026-02-13T08:00:00'), '2026-02-13')).toBe(0);
  });
});

describe('local holidays and workdays', () => {
  it('moves a deadline when the county adds a holiday', () => {
    const local = createWorkingCalendar({ extraHolidays: ['2025-10-09'] });
    expect(local.isWorkingDay('2025-10-09')).toBe(false);
    expect(local.addWorkingDays(beijing('2025-09-30T09:30:00'), 5).toISOString()).toBe(
      endOfDay('2025-10-15'),
    );
  });

  it('moves a deadline earlier when the county adds a make-up Sunday', () => {
    const local = createWorkingCalendar({ extraWorkdays: ['2025-10-12'] });
    expect(local.addWorkingDays(beijing('2025-09-30T09:30:00'), 5).toISOString()).toBe(
      endOfDay('2025-10-13'),
    );
  });

  it('lets local entries override the national arrangement both ways', () => {
    const local = createWorkingCalendar({
      extraHolidays: ['2025-10-11'],
      extraWorkdays: ['2025-10-03'],
    });
    expect(local.isWorkingDay('2025-10-11')).toBe(false);
    expect(local.isWorkingDay('2025-10-03')).toBe(true);
    // The national calendar itself is untouched for other users.
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('rejects invalid dates and a day listed both ways', () => {
    expect(() => createWorkingCalendar({ extraHolidays: ['2025-02-30'] })).toThrow(/2025-02-30/);
    expect(() => createWorkingCalendar({ extraWorkdays: ['2025/10/12'] })).toThrow(/2025\/10\/12/);
    expect(() =>
      createWorkingCalendar({ extraHolidays: ['2025-10-12'], extraWorkdays: ['2025-10-12'] }),
    ).toThrow(/both/);
  });
});

describe('round trip between addWorkingDays and countWorkingDaysBetween', () => {
  // A fixed-seed generator keeps failures reproducible.
  function mulberry32(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it.each([
    ['national', createWorkingCalendar()],
    [
      'with local days',
      createWorkingCalendar({ extraHolidays: ['2025-05-06'], extraWorkdays: ['2026-01-03'] }),
    ],
  ])('holds for 500 random instants in 2025–2026 (%s)', (_name, cal) => {
    const random = mulberry32(20251001);
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const end = Date.parse('2027-01-01T00:00:00+08:00');
    for (let i = 0; i < 500; i++) {
      const received = new Date(start + Math.floor(random() * (end - start)));
      const n = Math.floor(random() * 30);
      const deadline = cal.addWorkingDays(received, n);
      expect(cal.countWorkingDaysBetween(received, deadline)).toBe(n);
      if (n > 0) expect(cal.isWorkingDay(deadline)).toBe(true);
      // One millisecond later is the next Beijing day.
      expect(beijingDateOf(new Date(deadline.getTime() + 1))).not.toBe(beijingDateOf(deadline));
    }
  });
});

describe('agreement with chinese-days', () => {
  it('matches the package for every day of 2025 and 2026 in the zone it expects', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const chineseDays = require('chinese-days') as typeof import('chinese-days');
        for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
          const date = new Date(t).toISOString().slice(0, 10);
          expect([date, calendar.isWorkingDay(date)]).toEqual([date, chineseDays.isWorkday(date)]);
        }
      });
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('calendarCoverage', () => {
  it('reports the last year with an official arrangement', () => {
    const last = calendarCoverage();
    expect(last).toBeGreaterThanOrEqual(2026);
    // The coverage year has National Day off; the year after only knows weekends.
    expect(calendar.isWorkingDay(`${last}-10-01`)).toBe(false);
    for (let t = Date.UTC(last + 1, 0, 1); t < Date.UTC(last + 2, 0, 1); t += 86_400_000) {
      const day = new Date(t);
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      expect(calendar.isWorkingDay(day.toISOString().slice(0, 10))).toBe(!weekend);
    }
  });
});

describe('loadCalendarOptions', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'minsheng-calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function calendarFile(content: string): string {
    const file = path.join(dir, 'calendar.json');
    writeFileSync(file, content);
    return file;
  }

  it('returns no local days when MINSHENG_CALENDAR_FILE is unset', () => {
    expect(loadCalendarOptions({})).toEqual({});
  });

  it('reads local holidays and workdays that the calendar then applies', () => {
    const file = calendarFile('{"holidays":["2027-01-01"],"workdays":["2027-02-20"]}');
    const options = loadCalendarOptions({ MINSHENG_CALENDAR_FILE: file });
    expect(options).toEqual({ extraHolidays: ['2027-01-01'], extraWorkdays: ['2027-02-20'] });
    const local = createWorkingCalendar(options);
    expect(local.isWorkingDay('2027-01-01')).toBe(false); // a Friday
    expect(local.isWorkingDay('2027-02-20')).toBe(true); // a Saturday
  });

  it('rejects an impossible date, naming the file and the entry', () => {
    const file = calendarFile('{"holidays":["2027-01-01","2027-02-30"]}');
    const load = () => loadCalendarOptions({ MINSHENG_CALENDAR_FILE: file });
    expect(load).toThrow(CalendarFileError);
    expect(load).toThrow(file);
    expect(load).toThrow('holidays[1] = "2027-02-30"');
  });

  it('rejects non-string entries, unknown keys, bad JSON and a missing file', () => {
    const load = (content: string) =>
      loadCalendarOptions({ MINSHENG_CALENDAR_FILE: calendarFile(content) });
    expect(() => load('{"workdays":[20270220]}')).toThrow('workdays[0] = 20270220');
    expect(() => load('{"holiday":["2027-01-01"]}')).toThrow('unknown key "holiday"');
    expect(() => load('{"holidays":"2027-01-01"}')).toThrow('"holidays" must be a list');
    expect(() => load('{"holidays":["2027-01-01"],')).toThrow('not valid JSON');
    expect(() => load('["2027-01-01"]')).toThrow('must hold an object');
    expect(() => load('{"holidays":["2027-01-01"],"workdays":["2027-01-01"]}')).toThrow(
      '2027-01-01 listed both',
    );
    const missing = path.join(dir, 'absent.json');
    expect(() => loadCalendarOptions({ MINSHENG_CALENDAR_FILE: missing })).toThrow(
      `${missing} (MINSHENG_CALENDAR_FILE) cannot be read: ENOENT`,
    );
  });
});
