/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * A demand's whole life on the main path, from a 12345 call to the archive, with what users
 * see checked at each step. Deadlines are computed here from the published holiday list.
 */
import { beijingDate, endOfDay, workingDaysAfter } from './calendar';
import {
  RESULT,
  feedback,
  handlerOf,
  last4,
  resolve,
  review,
  screenValid,
  signOff,
  submitDemand,
} from './life';
import { DISTRICT, TOWNSHIP, VILLAGE, until, type System } from './system';

export interface HappyPath {
  category: string;
  domain: string;
  scope: 'village' | 'township' | 'district';
  /** The tier the routing table gives that scope and category. */
  tier: 'village' | 'township' | 'district';
  /** Working days to respond and to resolve, from DOMAIN.md's table of deadlines. */
  responseDays: number;
  resolutionDays: number;
}

/** The rows of a ledger document, whether flat or in a township's village folders. */
export function ledgerRows(document: any): any[] {
  if (Array.isArray(document.rows)) return document.rows;
  return (document.folders ?? []).flatMap((folder: any) => folder.rows);
}

/** The workbook's data rows as objects keyed by the header row's Chinese names. */
export function workbookRows(sheets: { name: string; rows: string[][] }[]) {
  return sheets.flatMap((sheet) => {
    const [header, ...rows] = sheet.rows;
    return rows.map((row) =>
      Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''] as const)),
    );
  });
}

/** `yyyy-MM-dd HH:mm` in Beijing time, as the workbook writes times. */
export function workbookTime(instant: number): string {
  return new Date(instant + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export async function playHappyPath(system: System, path: HappyPath) {
  const handler = handlerOf(path.tier, path.domain);
  const received = beijingDate(system.now().toISOString());
  const resolutionDue = endOfDay(workingDaysAfter(received, path.resolutionDays));
  const responseDue = endOfDay(workingDaysAfter(received, path.responseDays));

  const submitted = await submitDemand(
    system,
    `关于${path.domain}的${path.category}：小区门口问题长期没人管`,
  );
  expect(submitted.answer).toEqual(
    expect.objectContaining({ code: expect.any(String), divertedTo: null }),
  );
  const { code } = submitted;

  // 初审 by the village the demand was placed in.
  await system.status(code, 'screening');
  const first = await system.task('village_staff', code, 'screen-first');
  expect(first.candidateGroups).toEqual([`village_staff:${VILLAGE.code}`]);
  await screenValid(system, code, path.category, path.domain);

  // 复核 by its township, which sets the scope.
  const second = await system.task('township_staff', code, 'screen-review');
  expect(second.candidateGroups).toEqual([`township_staff:${TOWNSHIP.code}`]);
  await review(system, code, { scope: path.scope, category: path.category, domain: path.domain });

  const handling = await system.demandWhen(
    code,
    'handling with deadlines',
    (d) => d.status === 'handling' && d.deadlines?.resolution != null,
  );
  expect(handling).toEqual(
    expect.objectContaining({ category: path.category, domain: path.domain, tier: path.tier }),
  );
  expect(handling.leadUnit.code).toBe(handler.unit);
  expect(Date.parse(handling.deadlines.resolution)).toBe(resolutionDue);
  expect(Date.parse(handling.deadlines.response)).toBe(responseDue);

  const task = await system.task(handler.role, code, 'handle', handler.unit);
  expect(task.candidateGroups).toEqual([`${handler.role}:${handler.unit}`]);
  expect(Date.parse(task.dueDate!)).toBe(resolutionDue);

  // The citizen sees the unit and the deadline on the public page.
  const visitor = await system.visitor();
  const seen = await visitor.lookup(code, last4(submitted.citizen));
  expect(seen.status).toBe(200);
  expect(seen.body.status).toBe('handling');
  expect(seen.body.unit.code).toBe(handler.unit);
  expect(Date.parse(seen.body.deadlines.resolution)).toBe(resolutionDue);

  // 签收, then 办结.
  await system.complete(
    handler.role,
    task,
    { handleAction: 'accept', handleNote: '已签收' },
    handler.unit,
  );
  await resolve(system, code, handler);

  await feedback(system, submitted, 'satisfied');
  // The citizen's answer is recorded by the process, moments after the 204.
  const answered = await until('the satisfaction on the public page', async () => {
    const asked = await visitor.lookup(code, last4(submitted.citizen));
    return asked.body.satisfaction === 'satisfied' ? asked.body : undefined;
  });
  expect(answered.result).toBe(RESULT);
  expect(answered.resolvedAt).toEqual(expect.any(String));

  await signOff(system, code, handler);
  const archived = await system.status(code, 'archived');
  // The citizen was asked for feedback and told of the archive by SMS.
  for (const template of ['verification_request', 'demand_archived']) {
    const told = await system.toldCitizen(code, template);
    expect(told.recipient.address).toBe(submitted.citizen.phone);
  }
  expect(archived.archive).toEqual(
    expect.objectContaining({ recordHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
  );
  expect(archived.verification).toEqual(
    expect.objectContaining({ satisfaction: 'satisfied', method: 'citizen_web' }),
  );
  expect(
    archived.signoff
      .filter((s: any) => s.approved)
      .map((s: any) => s.party)
      .sort(),
  ).toEqual(['citizen', 'handler', 'principal_leader', 'supervising_leader']);

  // The master ledger and the ledger of the tier that handled it list it, closed.
  const tierUnit = path.tier === 'village' ? VILLAGE.code : TOWNSHIP.code;
  const ledgers: [string, string][] = [['district', DISTRICT]];
  if (path.tier !== 'district') ledgers.push([path.tier, tierUnit]);
  for (const [tier, unit] of ledgers) {
    const document = await system.ledger(tier as never, unit);
    const row = ledgerRows(document).find((r) => r.code === code);
    expect(row).toEqual(
      expect.objectContaining({ code, category: path.category, satisfaction: 'satisfied' }),
    );
    expect(Date.parse(row.dueAt)).toBe(resolutionDue);
    expect(row.closedAt).toEqual(expect.any(String));

    const sheet = workbookRows(await system.xlsx(tier as never, unit));
    const line = sheet.find((r) => r['编号'] === code);
    expect(line).toBeDefined();
    expect(line!['办理时限']).toBe(workbookTime(resolutionDue));
    expect(line!['群众评价']).toMatch(/满意/);
    expect(line!['销号时间']).not.toBe('');
  }
  return { code, submitted };
}
