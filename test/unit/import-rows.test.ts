import { fieldOfHeader, readHeader } from '../../server/import/columns';
import { detectEncoding } from '../../server/import/read-csv';
import {
  channelOfWord,
  rowDelivery,
  rowDigestTicket,
  submittedAtOf,
} from '../../server/import/row-delivery';

describe('sheet columns', () => {
  it.each([
    ['编号', 'ticket'],
    ['村（社区）', 'village'],
    [' *村(社区) ', 'village'],
    ['来源(问卷/走访)', 'channel'],
    ['来源（问卷、走访）', 'channel'],
    ['电话(手机)', 'phone'],
    ['Phone', 'phone'],
    ['ID_Number', 'idNumber'],
    ['submittedAt', 'date'],
    ['乡镇（街道）', 'township'],
  ])('reads the header %s as %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('does not take 序号 (a running number restarting in every file) for 编号', () => {
    expect(fieldOfHeader('序号')).toBeUndefined();
  });

  it('lists unknown headers and columns claimed twice', () => {
    expect(readHeader(['序号', '诉求内容', '电话', '备注', '手机'])).toEqual({
      columns: { content: 1, phone: 2 },
      ignored: ['序号', '备注'],
      conflicts: [{ field: 'phone', headers: ['电话', '手机'] }],
    });
  });
});

describe('dates of a sheet (Beijing time)', () => {
  it.each([
    ['2026-03-02', '2026-03-02T00:00:00+08:00'],
    ['2026/3/2', '2026-03-02T00:00:00+08:00'],
    ['2026.03.02', '2026-03-02T00:00:00+08:00'],
    ['2026年3月2日', '2026-03-02T00:00:00+08:00'],
    ['2026年3月2日 14时30分', '2026-03-02T14:30:00+08:00'],
    ['2026-3-2 9:05', '2026-03-02T09:05:00+08:00'],
    ['2026-03-02 09:05:07', '2026-03-02T09:05:07+08:00'],
    ['20260302', '2026-03-02T00:00:00+08:00'],
    ['2026-03-02T11:13:53+08:00', '2026-03-02T11:13:53+08:00'],
  ])('reads %s', (text, iso) => {
    expect(submittedAtOf(text)).toBe(iso);
  });

  it('reads an Excel date cell as the wall-clock time it shows', () => {
    // exceljs hands a date cell over as that wall-clock time in UTC.
    expect(submittedAtOf(new Date(Date.UTC(2026, 2, 2, 14, 30)))).toBe('2026-03-02T14:30:00+08:00');
  });

  it('reads a bare Excel day number (a date cell without its format) as a date', () => {
    expect(submittedAtOf(46083)).toBe('2026-03-02T00:00:00+08:00');
    expect(submittedAtOf(46083.75)).toBe('2026-03-02T18:00:00+08:00');
  });

  it('passes anything else on as written, for the intake rule to reject', () => {
    expect(submittedAtOf('上周三')).toBe('上周三');
    expect(submittedAtOf('')).toBeNull();
    expect(submittedAtOf(null)).toBeNull();
  });
});

describe('rows', () => {
  it('knows how clerks write the channels', () => {
    expect(['问卷', '问卷调查', ' questionnaire '].map(channelOfWord)).toEqual([
      'questionnaire',
      'questionnaire',
      'questionnaire',
    ]);
    expect(['走访', '入户走访', 'door_visit'].map(channelOfWord)).toEqual([
      'door_visit',
      'door_visit',
      'door_visit',
    ]);
    expect(channelOfWord('热线')).toBeUndefined();
  });

  it('keys a row without 编号 by the file name and its cells, not its position', () => {
    const cells = { content: '路灯坏了', phone: '13900000011' };
    const ticket = rowDigestTicket('visits.csv', cells);
    expect(ticket).toMatch(/^row-[0-9a-f]{40}$/);
    expect(rowDigestTicket('visits.csv', { ...cells })).toBe(ticket);
    expect(rowDigestTicket('other.csv', cells)).not.toBe(ticket);
    expect(rowDigestTicket('visits.csv', { ...cells, content: '路灯坏了。' })).not.toBe(ticket);
  });

  it('builds the intake body of a row, the ID number cell stored as a number refused by name', () => {
    const delivery = rowDelivery(
      { number: 7, cells: ['路灯坏了', 13900000011, 511999195803041200, '是', ''] },
      { content: 0, phone: 1, idNumber: 2, anonymous: 3, channel: 4 },
      { fileName: 'a.xlsx', defaultChannel: 'door_visit' },
    );
    expect(delivery.channel).toBe('door_visit');
    expect(delivery.body).toEqual({
      externalId: delivery.ticket,
      submittedAt: undefined,
      citizen: { name: undefined, phone: '13900000011', idNumber: undefined, anonymous: true },
      content: '路灯坏了',
      location: { address: undefined },
    });
    expect(delivery.problems.map((problem) => problem.code)).toEqual(['invalid_id_number']);
  });
});

describe('CSV encodings', () => {
  it('tells UTF-8 from GB18030', () => {
    expect(detectEncoding(Buffer.from('\uFEFF编号,诉求内容\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('ticket,content\n', 'utf8'))).toBe('utf-8');
    // 你好 in GB18030
    expect(detectEncoding(Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x2c]))).toBe('gb18030');
  });

  it('does not mistake a UTF-8 character cut at the end of the sample for GB18030', () => {
    const bytes = Buffer.from('诉求内容', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });
});
