/**
 * A demand as the server starts it, and the scripted steps that bring it to a given point of
 * its life, playing the workers with the outputs the contract (processes/README.md) names.
 */
import { DAY, START, type DemandRun, type Variables } from './harness';

export const DISTRICT = '519931';
export const TOWNSHIP = '519931001';
export const VILLAGE = '519931001002';

let demands = 0;

/** Start variables of a demand registered in a village of the demo district. */
export function demandVariables(overrides: Variables = {}): Variables {
  demands += 1;
  return {
    demandCode: `MS-519931-20260302-${String(demands).padStart(4, '0')}-${process.pid}`,
    channel: 'hotline_12345',
    districtCode: DISTRICT,
    townshipCode: TOWNSHIP,
    villageCode: VILLAGE,
    isPetition: false,
    divertedTo: null,
    suggestion: {
      category: 'request',
      domain: 'utilities',
      outcome: 'valid',
      tier: 'village',
      leadUnitCode: VILLAGE,
      coUnitCodes: [],
      duplicateOf: null,
      confidence: 0.8,
    },
    ...overrides,
  };
}

export const iso = (epochMillis: number): string =>
  new Date(epochMillis).toISOString().replace('Z', '+00:00');

/** Clocks as `demand-schedule` would compute them from `START` (`dueIn` days to resolve). */
export function clocks(from = START, dueIn = 20) {
  const resolutionDue = from + dueIn * DAY;
  return {
    responseDue: iso(from + DAY),
    resolutionDue: iso(resolutionDue),
    warnAt: iso(from + dueIn * 0.8 * DAY),
    escalateAt: iso(resolutionDue + 3 * DAY),
    reminderCycle: `R/${iso(resolutionDue + DAY)}/P1D`,
    extensions: 0,
  };
}

export const VILLAGE_HANDLER = `village_staff:${VILLAGE}`;

/** Registration, a valid first screening and a reasonable review at village scope. */
export async function screenValid(run: DemandRun, review: Variables = {}): Promise<void> {
  await run.job('demand-register', { duplicateInstance: false });
  await run.complete('screen-first', {
    screeningOutcome: 'valid',
    category: 'request',
    domain: 'utilities',
  });
  await run.job('demand-record-screening');
  await run.complete('screen-review', {
    reviewOutcome: 'reasonable',
    scope: 'village',
    category: 'request',
    domain: 'utilities',
    ...review,
  });
  await run.job('demand-record-screening');
}

/** From the start to the first `handle` task of the village, with clocks from `clocks()`. */
export async function driveToHandling(run: DemandRun, review: Variables = {}): Promise<void> {
  await screenValid(run, review);
  await run.job('demand-assign', {
    tier: 'village',
    leadUnitCode: VILLAGE,
    coUnitCodes: [],
    handlerGroup: VILLAGE_HANDLER,
  });
  await run.job('demand-schedule', clocks());
  await run.task('handle');
}

/** The handler resolves; the citizen is asked for feedback (answer within three days). */
export async function resolve(run: DemandRun, verificationDue = START + 3 * DAY): Promise<void> {
  await run.complete('handle', { handleAction: 'resolve', result: '已修复' });
  await run.job('demand-record-handling');
  await run.job('demand-request-verification', { verificationDue: iso(verificationDue) });
}
