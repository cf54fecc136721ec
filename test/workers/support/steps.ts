/** Staff steps of a demand's life, taken as the staff accounts of the worker world. */
import type { DemandRun, Variables } from '../../processes/support/harness';
import { STAFF } from './worker-world';

const as = (member: { username: string }, variables: Variables): Variables => ({
  ...variables,
  actor: member.username,
});

/** A valid first screening in the village and a reasonable review by the township. */
export async function screenValid(run: DemandRun, review: Variables = {}, first: Variables = {}) {
  await run.complete(
    'screen-first',
    as(STAFF.villageStaff, {
      screeningOutcome: 'valid',
      category: 'request',
      domain: 'utilities',
      ...first,
    }),
  );
  await run.complete(
    'screen-review',
    as(STAFF.townshipStaff, {
      reviewOutcome: 'reasonable',
      scope: 'village',
      category: 'request',
      domain: 'utilities',
      ...review,
    }),
  );
}

/** The handler resolves; the citizen answers on the public page. */
export async function resolveAndAccept(run: DemandRun, satisfaction = 'satisfied') {
  await run.complete(
    'handle',
    as(STAFF.villageStaff, { handleAction: 'resolve', result: '已修复供水管道' }),
  );
  const status = await run.feedback({
    satisfaction,
    feedbackComment: '满意',
    verificationMethod: 'citizen_web',
  });
  if (status !== 200) throw new Error(`feedback answered ${status}`);
}

/** The four parties sign in order; `refuse` names the party that refuses. */
export async function signOff(
  run: DemandRun,
  refuse?: 'citizen' | 'handler' | 'supervisor' | 'principal',
) {
  const parties = [
    ['citizen', 'signoff-citizen', STAFF.villageStaff],
    ['handler', 'signoff-handler', STAFF.villageStaff],
    ['supervisor', 'signoff-supervisor', STAFF.supervisor],
    ['principal', 'signoff-principal', STAFF.principal],
  ] as const;
  for (const [party, elementId, member] of parties) {
    const approved = party !== refuse;
    await run.complete(
      elementId,
      as(member, {
        signoffApproved: approved,
        signoffStatement: approved ? `${party} 同意` : '回访记录不完整，退回重办',
      }),
    );
    if (!approved) return;
  }
}
