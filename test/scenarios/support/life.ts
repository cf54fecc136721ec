/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * The steps of a demand's life as staff and citizens take them, for scenarios to chain.
 * Each step waits for what the previous one should have led to, through the API only.
 */
import { randomBytes } from 'node:crypto';
import { DISTRICT, GRID, TOWNSHIP, VILLAGE, departmentOf, type Role, type System } from './system';

export interface Citizen {
  name: string;
  phone: string;
  idNumber: string;
}

let citizens = 0;
/** A citizen with a distinct phone number and a valid-looking ID number. */
export function citizen(): Citizen {
  citizens += 1;
  const serial = String(10_000 + ((process.pid * 7 + citizens * 131) % 89_999)).slice(-4);
  return {
    name: `测试${'甲乙丙丁戊己庚辛壬癸'[citizens % 10]}民`,
    phone: `1390000${serial}`,
    // Born 1980-01-15: the serial goes into the sequence digits, never into the birthdate.
    idNumber: withCheckDigit(`51190219800115${serial.slice(1)}`),
  };
}

/** GB 11643: the 18th character of a resident ID number checks the first 17. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

export const last4 = (c: Citizen) => c.phone.slice(-4);

export interface Submitted {
  code: string;
  citizen: Citizen;
  answer: any;
}

/** A demand phoned in to 12345 from the scenario village's grid. */
export async function submitDemand(
  system: System,
  content: string,
  options: { unitCode?: string; citizen?: Citizen; channel?: string } = {},
): Promise<Submitted> {
  const who = options.citizen ?? citizen();
  const res = await system.submit(
    {
      submittedAt: system.now().toISOString(),
      citizen: { ...who, anonymous: false },
      content: `${content}（编号${randomBytes(3).toString('hex')}）`,
      location: { address: '幸福路12号', unitCode: options.unitCode ?? GRID.code },
    },
    options.channel,
  );
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.text}`);
  return { code: res.body.code as string, citizen: who, answer: res.body };
}

/** Where a demand of each review scope is handled, by the routing table and the org tree. */
export function handlerOf(scope: 'village' | 'township' | 'district', domain: string) {
  if (scope === 'village') return { role: 'village_staff' as Role, unit: VILLAGE.code };
  if (scope === 'township') return { role: 'township_staff' as Role, unit: TOWNSHIP.code };
  const department = departmentOf(domain);
  return department
    ? { role: 'department_staff' as Role, unit: department.code }
    : { role: 'dispatcher' as Role, unit: DISTRICT };
}

/** 初审: a demand placed in the village is screened by its village staff. */
export function screenValid(system: System, code: string, category: string, domain: string) {
  return system.act('village_staff', code, 'screen-first', {
    screeningOutcome: 'valid',
    category,
    domain,
  });
}

/** 复核: the township reviews and sets the scope. */
export function review(
  system: System,
  code: string,
  fields: { scope: string; category: string; domain: string; accusedUnitCode?: string },
) {
  return system.act('township_staff', code, 'screen-review', {
    reviewOutcome: 'reasonable',
    ...fields,
  });
}

/** Screening and review of a valid demand, up to handling. */
export async function toHandling(
  system: System,
  code: string,
  fields: { scope: 'village' | 'township' | 'district'; category: string; domain: string },
) {
  await screenValid(system, code, fields.category, fields.domain);
  await review(system, code, fields);
  return system.status(code, 'handling');
}

/** The handler's step on the `handle` task. */
export function handle(
  system: System,
  code: string,
  handler: { role: Role; unit: string },
  variables: Record<string, unknown>,
) {
  return system.act(handler.role, code, 'handle', variables, handler.unit);
}

/** The result every resolution in these scenarios reports. */
export const RESULT = '已现场处理完毕，并向群众说明。';

export function resolve(system: System, code: string, handler: { role: Role; unit: string }) {
  return handle(system, code, handler, {
    handleAction: 'resolve',
    result: RESULT,
    handleNote: '办结',
  });
}

/** The citizen answers on the public page; the instance must be waiting for it. */
export async function feedback(
  system: System,
  submitted: Submitted,
  satisfaction: string,
  comment = '处理得不错',
) {
  await system.status(submitted.code, 'awaiting_verification');
  const visitor = await system.visitor();
  const res = await visitor.feedback(submitted.code, {
    phoneLast4: last4(submitted.citizen),
    satisfaction,
    comment,
  });
  if (res.status !== 204) throw new Error(`feedback answered ${res.status}: ${res.text}`);
}

/** 四方会签, every party approving. */
export async function signOff(system: System, code: string, handler: { role: Role; unit: string }) {
  await system.act(
    handler.role,
    code,
    'signoff-citizen',
    {
      signoffApproved: true,
      signoffStatement: '群众确认已解决',
    },
    handler.unit,
  );
  await system.act(
    handler.role,
    code,
    'signoff-handler',
    {
      signoffApproved: true,
      signoffStatement: '承办人说明办理经过',
    },
    handler.unit,
  );
  await system.act('supervisor', code, 'signoff-supervisor', {
    signoffApproved: true,
    signoffStatement: '程序合规',
  });
  await system.act('principal_leader', code, 'signoff-principal', {
    signoffApproved: true,
    signoffStatement: '同意销号',
  });
}
