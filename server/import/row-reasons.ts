import type { FieldError } from '../http';

/** Why a row was not imported: a stable code, the clerk's words (zh-CN) and the rule (English). */
export interface RowReason {
  code: string;
  zh: string;
  detail: string;
}

/** The intake's field errors in the clerk's terms; the detail keeps the intake's own message. */
const FIELD_REASONS: Record<string, { code: string; zh: string }> = {
  externalId: { code: 'invalid_ticket', zh: '编号过长或含不可见字符' },
  submittedAt: { code: 'invalid_date', zh: '日期无法识别或晚于今天' },
  'citizen.name': { code: 'invalid_name', zh: '姓名过长或含不可见字符' },
  'citizen.phone': { code: 'invalid_phone', zh: '电话不是有效的 11 位手机号码' },
  'citizen.idNumber': {
    code: 'invalid_id_number',
    zh: '身份证号无效（位数、出生日期或校验位不对）',
  },
  'citizen.anonymous': { code: 'invalid_anonymous', zh: '匿名一栏应填“是”或“否”' },
  content: { code: 'invalid_content', zh: '诉求内容为空或超过 5000 字' },
  'location.address': { code: 'invalid_address', zh: '地址过长或含不可见字符' },
  'location.unitCode': { code: 'invalid_unit', zh: '村(社区)不在本区或无法定位' },
};

export function reasonOfFieldError(error: FieldError): RowReason {
  const known = FIELD_REASONS[error.field] ?? { code: 'invalid_row', zh: '内容不符合受理要求' };
  return { ...known, detail: error.field ? `${error.field}: ${error.message}` : error.message };
}

export const reasons = {
  missingTicket: (): RowReason => ({
    code: 'missing_ticket',
    zh: '编号为空（文件有编号列时每行都要填）',
    detail: 'The file has a ticket column, so every row needs its ticket.',
  }),
  missingChannel: (): RowReason => ({
    code: 'missing_channel',
    zh: '来源为空：请填“问卷”或“走访”，或用 --channel 指定',
    detail: 'No channel: fill 来源 or pass --channel.',
  }),
  unknownChannel: (): RowReason => ({
    code: 'unknown_channel',
    zh: '来源应为“问卷”或“走访”',
    detail: 'The channel must be questionnaire (问卷) or door_visit (走访).',
  }),
  duplicateInFile: (firstRow: number): RowReason => ({
    code: 'duplicate_in_file',
    zh: `与第 ${firstRow} 行重复（编号相同或整行相同）`,
    detail: `Repeats row ${firstRow} of this file (same ticket, or the same row).`,
  }),
  ticketConflict: (code: string): RowReason => ({
    code: 'ticket_conflict',
    zh: `编号已用于另一条内容不同的诉求 ${code}`,
    detail: `This ticket was imported before with other content, as ${code}.`,
  }),
  unknownUnit: (header: string, value: string): RowReason => ({
    code: 'unknown_unit',
    zh: `${header}“${value}”在组织架构中找不到`,
    detail: `No org unit is named or coded "${value}" here.`,
  }),
  ambiguousUnit: (header: string, value: string): RowReason => ({
    code: 'ambiguous_unit',
    zh: `有多个名为“${value}”的${header}：请同时填写上一级（乡镇(街道)/村(社区)）或填写代码`,
    detail: `Several units are named "${value}": add the enclosing unit or use the code.`,
  }),
  idNumberAsNumber: (): RowReason => ({
    code: 'invalid_id_number',
    zh: '身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为文本后重新填写',
    detail:
      'The ID number is a number cell; Excel keeps 15 digits only. Format the column as text.',
  }),
};

/** "invalid_phone 电话不是…": a reason as one line of the summary. */
export function describeReason(reason: RowReason): string {
  return `${reason.code} ${reason.zh}`;
}
