import { JobInputError } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { actorName, lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  divertedTo: string | null;
  emergencyNumber?: string | null;
  screeningOutcome?: string;
  actor?: string;
}

const NUMBERS = ['110', '119', '120', '122'];

/**
 * Step 2: an emergency goes to 110/119/120/122 at once (decided at intake, `divertedTo`, or at
 * screening, the form's `emergencyNumber`): status `diverted`, the centre and the citizen told.
 */
export const demandDivertEmergency = defineJob<Variables>({
  type: 'demand-divert-emergency',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const demand = await lockDemand(trx, job.variables.demandCode);
        const atScreening = job.variables.screeningOutcome === 'divert_emergency';
        const number = atScreening
          ? (job.variables.emergencyNumber ?? job.variables.divertedTo)
          : job.variables.divertedTo;
        if (typeof number !== 'string' || !NUMBERS.includes(number)) {
          throw new JobInputError(
            `no emergency number to divert to: ${JSON.stringify(number ?? null)}`,
          );
        }
        await updateDemand(trx, demand, { status: 'diverted', diverted_to: number }, now);
        await appendLedger(trx, demand, {
          tier: 'district',
          unitCode: demand.district_code,
          type: 'diverted',
          at: now,
          payload: { divertedTo: number },
          dedupeKey: `${job.elementInstanceKey}:diverted`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: atScreening ? actorName(job.variables.actor) : 'system',
          action: 'diverted_emergency',
          detail: { divertedTo: number },
          dedupeKey: `${job.elementInstanceKey}:diverted`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'emergency_centre_notice',
          to: recipient.emergency(number),
          payload: {
            demandCode: demand.code,
            emergencyNumber: number,
            districtCode: demand.district_code,
          },
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'emergency_diverted',
          to: recipient.citizen(demand.code),
          payload: { demandCode: demand.code, emergencyNumber: number },
        });
        return completed();
      }),
    ),
});
