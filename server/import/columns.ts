/**
 * The columns of a questionnaire or door-to-door spreadsheet as clerks head them, with the
 * English names a script would use. Matching ignores spaces, case, full-width parentheses and
 * a required-marker `*`, so `村（社区）`, `村(社区)` and ` *村(社区) ` are one column.
 */
export const IMPORT_FIELDS = [
  'ticket',
  'name',
  'phone',
  'idNumber',
  'content',
  'address',
  'township',
  'village',
  'grid',
  'channel',
  'visitor',
  'date',
  'anonymous',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The header a clerk's template uses for each field: what the README and messages show. */
export const FIELD_HEADERS: Record<ImportField, string> = {
  ticket: '编号',
  name: '姓名',
  phone: '电话',
  idNumber: '身份证号',
  content: '诉求内容',
  address: '地址',
  township: '乡镇(街道)',
  village: '村(社区)',
  grid: '网格',
  channel: '来源',
  visitor: '走访人',
  date: '日期',
  anonymous: '匿名',
};

// 序号 (a sheet's running row number) is deliberately no alias of 编号: every file restarts it
// at 1, so it cannot tell one file's rows from another's.
const ALIASES: Record<ImportField, string[]> = {
  ticket: ['编号', '问卷编号', '走访编号', '台账编号', '登记编号', 'ticket', 'externalid'],
  name: ['姓名', '群众姓名', '反映人', '诉求人', '联系人', 'name'],
  phone: ['电话', '联系电话', '手机', '手机号', '手机号码', '电话号码', 'phone', 'mobile'],
  idNumber: ['身份证号', '身份证号码', '身份证', '证件号码', 'idnumber'],
  content: ['诉求内容', '诉求', '反映问题', '问题描述', '内容', 'content'],
  address: ['地址', '住址', '详细地址', '家庭住址', 'address'],
  township: ['乡镇(街道)', '乡镇/街道', '乡镇', '街道', 'township'],
  village: ['村(社区)', '村/社区', '村社区', '村', '社区', 'village', 'unit', 'unitcode'],
  grid: ['网格', 'grid'],
  channel: ['来源', '渠道', '来源(问卷/走访)', 'source', 'channel'],
  visitor: ['走访人', '调查人', '填报人', '收集人', 'visitor', 'collectedby'],
  date: ['日期', '走访日期', '调查日期', '填报日期', '反映时间', '时间', 'date', 'submittedat'],
  anonymous: ['匿名', '是否匿名', 'anonymous'],
};

/** A header as compared: no spaces, `*` or `_`, half-width parentheses, lower case. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/[\s*_]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [normaliseHeader(alias), field])),
);

/** The field a header names, trying it without a trailing note in parentheses too. */
export function fieldOfHeader(header: string): ImportField | undefined {
  const normalised = normaliseHeader(header);
  return BY_HEADER.get(normalised) ?? BY_HEADER.get(normalised.replace(/\(.*\)$/, ''));
}

/** Which cell (0-based) holds each field of a file. */
export type ColumnMap = Partial<Record<ImportField, number>>;

export interface HeaderReading {
  columns: ColumnMap;
  /** Headers no field matches: ignored, and told to the clerk. */
  ignored: string[];
  /** Fields two headers claim, e.g. both 电话 and 手机: the file is ambiguous. */
  conflicts: Array<{ field: ImportField; headers: [string, string] }>;
}

export function readHeader(cells: readonly string[]): HeaderReading {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  const conflicts: HeaderReading['conflicts'] = [];
  cells.forEach((cell, index) => {
    const header = cell.trim();
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (!field) return void ignored.push(header);
    const taken = columns[field];
    if (taken !== undefined) {
      conflicts.push({ field, headers: [cells[taken]!.trim(), header] });
      return;
    }
    columns[field] = index;
  });
  return { columns, ignored, conflicts };
}

/** "诉求内容 (content)": how messages name a column. */
export function describeField(field: ImportField): string {
  return `${FIELD_HEADERS[field]} (${field})`;
}
