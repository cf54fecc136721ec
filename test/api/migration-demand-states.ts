/**
 * Where running demands of `processes/demand-handling.bpmn` wait, for the migration tests: each
 * state says how a demand is brought there (a start instruction, then the steps its workers and
 * staff take), what it then waits on, and its first step afterwards, checked to lead where the
 * process says.
 */
import { DISTRICT, waitFor } from './helpers';
import type { EngineDriver, Job, Variables } from './migration-driver';
import { TOWNSHIP_A, VILLAGE_A1 } from './staff-fixtures';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The engine's time when the demands are created: Monday 2 March 2026, 09:00 in China. */
export const START = Date.parse('2026-03-02T09:00:00+08:00');
/** The warning of 办理 in version 1; version 2 warns an hour earlier. */
export const WARN_AT = START + 10 * DAY;
/** When a citizen asked for feedback has not answered, the return visit is due. */
export const VERIFICATION_DUE = START + 5 * DAY;

const iso = (epochMillis: number) => new Date(epochMillis).toISOString().replace('Z', '+00:00');

export interface Demand {
  code: string;
  processInstanceKey: string;
  state: DemandState;
  /** The job the demand holds at its wait state (activated by the test, its worker). */
  job?: Job;
}

export interface DemandState {
  name: string;
  count: number;
  startAt: string;
  variables?: Variables;
  /** From the start instruction to the wait state; returns the job held there, if any. */
  prepare?: (d: EngineDriver, demand: Demand) => Promise<Job | void>;
  /** The element ids of its active element instances at the wait state. */
  waitsOn: string[];
  /** Its next step is taken once the engine clock has moved past `VERIFICATION_DUE`. */
  afterClock?: boolean;
  /** The first step on version 2; resolves once it has led where version 2 says. */
  next: (d: EngineDriver, demand: Demand, v2: string) => Promise<unknown>;
}

/** A demand as the server starts it, its clocks as `demand-schedule` would set them. */
export function demandVariables(code: string): Variables {
  return {
    demandCode: code,
    districtCode: DISTRICT,
    townshipCode: TOWNSHIP_A.code,
    villageCode: VILLAGE_A1.code,
    handlerGroup: `village_staff:${VILLAGE_A1.code}`,
    isPetition: false,
    category: 'request',
    domain: 'utilities',
    accusedUnitCode: null,
    warnAt: iso(WARN_AT),
    resolutionDue: iso(START + 12 * DAY),
    reminderCycle: `R/${iso(START + 13 * DAY)}/P1D`,
    escalateAt: iso(START + 15 * DAY),
    extensions: 0,
    unsatisfiedCount: 0,
    policy: { maxExtensions: 2, unsatisfiedEscalateAfter: 3 },
  };
}

/** Completes the held job and checks the element it leads to. */
const jobLeadsTo =
  (elementId: string, variables: Variables = {}) =>
  async (d: EngineDriver, demand: Demand, v2: string) => {
    await d.completeJob(demand.job!, variables);
    return d.reached(demand.processInstanceKey, elementId, v2);
  };

/** Completes the open user task and checks the element it leads to. */
const taskLeadsTo =
  (taskId: string, elementId: string, variables: Variables = {}) =>
  async (d: EngineDriver, demand: Demand, v2: string) => {
    await d.completeTask(demand.processInstanceKey, taskId, variables);
    return d.reached(demand.processInstanceKey, elementId, v2);
  };

const holdJob = (type: string) => (d: EngineDriver, demand: Demand) =>
  d.job(demand.processInstanceKey, type);

/** Scheduled: the fork starts 办理 and the discipline branch (which joins at the sign-off). */
const scheduled = async (d: EngineDriver, demand: Demand) => {
  await d.work(demand.processInstanceKey, 'demand-schedule');
  await d.task(demand.processInstanceKey, 'handle');
};

export const DEMAND_STATES: DemandState[] = [
  {
    name: 'waiting for 初审',
    count: 2,
    startAt: 'screen-first',
    waitsOn: ['screen-first'],
    next: taskLeadsTo('screen-first', 'record-first-screening', { screeningOutcome: 'valid' }),
  },
  {
    name: '初审 being recorded',
    count: 3,
    startAt: 'record-first-screening',
    prepare: holdJob('demand-record-screening'),
    waitsOn: ['record-first-screening'],
    next: jobLeadsTo('screen-review', { screeningOutcome: 'valid' }),
  },
  {
    name: 'with an incident: 初审 recorded with an outcome no flow of 初审结论 takes',
    count: 2,
    startAt: 'record-first-screening',
    prepare: async (d, demand) => {
      await d.work(demand.processInstanceKey, 'demand-record-screening', {
        screeningOutcome: 'needs_more_facts',
      });
      await d.incident(demand.processInstanceKey);
    },
    waitsOn: ['first-screening-outcome'],
    next: async (d, demand, v2) => {
      // Corrected, as an operator does, and the gateway decides again on version 2.
      await d.setVariables(demand.processInstanceKey, { screeningOutcome: 'valid' });
      const incident = await d.incident(demand.processInstanceKey);
      await d.resolve(String(incident.incidentKey));
      return d.reached(demand.processInstanceKey, 'screen-review', v2);
    },
  },
  {
    name: 'waiting for 复核',
    count: 2,
    startAt: 'screen-review',
    waitsOn: ['screen-review'],
    next: taskLeadsTo('screen-review', 'record-review', { reviewOutcome: 'unreasonable' }),
  },
  {
    name: '复核 being recorded',
    count: 3,
    startAt: 'record-review',
    prepare: holdJob('demand-record-screening'),
    waitsOn: ['record-review'],
    next: jobLeadsTo('close-explained', { reviewOutcome: 'unreasonable' }),
  },
  {
    name: 'being assigned (交办)',
    count: 3,
    startAt: 'assign',
    prepare: holdJob('demand-assign'),
    waitsOn: ['assign'],
    next: jobLeadsTo('schedule', { tier: 'village', leadUnitCode: VILLAGE_A1.code }),
  },
  {
    name: 'its clocks being computed',
    count: 3,
    startAt: 'schedule',
    prepare: holdJob('demand-schedule'),
    waitsOn: ['schedule'],
    next: jobLeadsTo('handle'),
  },
  {
    name: 'in 办理, its warning armed, the discipline branch waiting at the join',
    count: 5,
    startAt: 'schedule',
    prepare: scheduled,
    waitsOn: ['handling', 'handle'],
    next: taskLeadsTo('handle', 'record-handling', { handleAction: 'resolve' }),
  },
  {
    name: 'in 办理 while the discipline inspector supervises (纪委监督)',
    count: 3,
    startAt: 'schedule',
    variables: { domain: 'conduct' },
    prepare: async (d, demand) => {
      await scheduled(d, demand);
      await d.task(demand.processInstanceKey, 'discipline-supervise');
    },
    waitsOn: ['handling', 'handle', 'discipline-supervise'],
    next: taskLeadsTo('discipline-supervise', 'record-discipline'),
  },
  {
    name: 'in 办理 after 签收',
    count: 3,
    startAt: 'handling',
    prepare: async (d, demand) => {
      const first = await d.completeTask(demand.processInstanceKey, 'handle', {
        handleAction: 'accept',
      });
      await d.work(demand.processInstanceKey, 'demand-record-handling');
      // 办理 again, a new task (the search may still show the first one open for a moment).
      await waitFor(async () => {
        const again = await d.task(demand.processInstanceKey, 'handle');
        return again.userTaskKey === first.userTaskKey ? undefined : again;
      }, `办理 of ${demand.code} after 签收`);
    },
    waitsOn: ['handling', 'handle'],
    next: taskLeadsTo('handle', 'record-handling', { handleAction: 'resolve' }),
  },
  {
    name: '办理 being recorded',
    count: 3,
    startAt: 'handling',
    prepare: async (d, demand) => {
      await d.completeTask(demand.processInstanceKey, 'handle', { handleAction: 'resolve' });
      return d.job(demand.processInstanceKey, 'demand-record-handling');
    },
    waitsOn: ['handling', 'record-handling'],
    next: jobLeadsTo('request-verification'),
  },
  {
    name: 'paused, waiting to resume (恢复办理)',
    count: 3,
    startAt: 'resume',
    waitsOn: ['resume'],
    next: taskLeadsTo('resume', 'schedule-resume'),
  },
  {
    name: 'an extension requested (延期审批)',
    count: 3,
    startAt: 'approve-extension',
    waitsOn: ['approve-extension'],
    next: taskLeadsTo('approve-extension', 'schedule-extend', { extensionApproved: true }),
  },
  {
    name: 'the dispatch objected to (派单异议审核)',
    count: 2,
    startAt: 'dispatch-review',
    waitsOn: ['dispatch-review'],
    next: taskLeadsTo('dispatch-review', 'assign-redispatch', { dispatchDecision: 'redispatch' }),
  },
  {
    name: "waiting for the citizen's feedback, which comes",
    count: 2,
    startAt: 'request-verification',
    prepare: askedForFeedback,
    waitsOn: ['await-feedback'],
    next: async (d, demand, v2) => {
      await d.feedback(demand.code, { satisfaction: 'satisfied' });
      return d.reached(demand.processInstanceKey, 'record-verification', v2);
    },
  },
  {
    name: "waiting for the citizen's feedback, which does not come in time",
    count: 1,
    startAt: 'request-verification',
    prepare: askedForFeedback,
    waitsOn: ['await-feedback'],
    afterClock: true,
    next: (d, demand, v2) => d.reached(demand.processInstanceKey, 'return-visit', v2),
  },
  {
    name: 'waiting for the return visit (回访)',
    count: 2,
    startAt: 'return-visit',
    waitsOn: ['return-visit'],
    next: taskLeadsTo('return-visit', 'record-verification', { satisfaction: 'satisfied' }),
  },
  {
    name: 'in the four-party sign-off (the called process waits for the citizen)',
    count: 2,
    startAt: 'signoff',
    prepare: async (d, demand) => {
      const child = String((await d.calledInstance(demand.processInstanceKey)).processInstanceKey);
      await d.work(child, 'demand-signoff-start');
      await d.task(child, 'signoff-citizen');
    },
    waitsOn: ['signoff'],
    // The called instance stays on its own process: its next element is checked there.
    next: async (d, demand) => {
      const child = await d.calledInstance(demand.processInstanceKey);
      const key = String(child.processInstanceKey);
      await d.completeTask(key, 'signoff-citizen', { signoffApproved: true });
      return d.reached(key, 'record-signoff-citizen', String(child.processDefinitionKey));
    },
  },
  {
    name: 'with an incident: the recording of the verification failed',
    count: 2,
    startAt: 'record-verification',
    prepare: async (d, demand) => {
      const job = await d.job(demand.processInstanceKey, 'demand-record-verification');
      await d.failJob(job, 'the ledger was unavailable');
      await d.incident(demand.processInstanceKey);
      return job;
    },
    waitsOn: ['record-verification'],
    next: async (d, demand, v2) => {
      const incident = await d.incident(demand.processInstanceKey);
      await d.retry(demand.job!, String(incident.incidentKey));
      // Not satisfied, for the first time: back to 办理.
      await d.work(demand.processInstanceKey, 'demand-record-verification', {
        satisfaction: 'unsatisfied',
        unsatisfiedCount: 1,
      });
      return d.reached(demand.processInstanceKey, 'handle', v2);
    },
  },
  {
    name: 'being archived (建档销号)',
    count: 1,
    startAt: 'archive',
    prepare: holdJob('demand-archive'),
    waitsOn: ['archive'],
    next: async (d, demand) => {
      await d.completeJob(demand.job!);
      return d.completed(demand.processInstanceKey);
    },
  },
];

/** 办理 resolved: the citizen is asked for feedback, to come by `VERIFICATION_DUE`. */
async function askedForFeedback(d: EngineDriver, demand: Demand) {
  await d.work(demand.processInstanceKey, 'demand-request-verification', {
    verificationDue: iso(VERIFICATION_DUE),
  });
  await d.reached(demand.processInstanceKey, 'await-feedback');
}
