/**
 * Where each element of the processes sits, in grid units (`[column, row]`, row 0 is the main
 * line). The main line of a demand runs left to right; exceptions branch above or below it.
 */
import type { DiagramSketch } from './diagram';

const demandHandling: DiagramSketch = {
  nodes: {
    // Registration and screening.
    received: [0, 0],
    register: [1, 0],
    'duplicate-instance': [2, 0],
    'duplicate-ended': [2, -1],
    'emergency-at-intake': [3, 0],
    'screen-first': [4, 0],
    'record-first-screening': [5, 0],
    'first-screening-outcome': [6, 0],
    'merge-duplicate': [7, -1],
    merged: [8, -1],
    'to-divert': [6, 2],
    'divert-emergency': [7, 2],
    diverted: [8, 2],
    'screen-review': [7, 0],
    'record-review': [8, 0],
    'review-outcome': [9, 0],
    'to-close': [9, 1],
    'close-explained': [10, 1],
    closed: [11, 1],
    // Dispatch and clocks.
    route: [10, 0],
    assign: [11, 0],
    deadlines: [12, 0],
    schedule: [13, 0],
    'fork-discipline': [14, 0],
    'needs-discipline': [14.8, -2.2],
    'discipline-supervise': [16, -2.2],
    'record-discipline': [17.2, -2.2],
    'discipline-done': [18.3, -2.2],
    'back-to-handling': [15, -1],
    'to-handling': [15, 0],
    // Inside the handling sub-process.
    'handling-started': [16, 0],
    'to-handle': [16.8, 0],
    handle: [17.8, 0],
    'record-handling': [18.9, 0],
    'handling-continues': [19.9, 0],
    'handling-left': [20.9, 0],
    // Timers of handling, one row each.
    warn: [20.3, 1.7],
    warned: [21.3, 1.7],
    supervise: [20.3, 2.7],
    supervised: [21.3, 2.7],
    remind: [20.3, 3.7],
    reminded: [21.3, 3.7],
    'to-escalate': [17.2, 4.7],
    escalate: [17.2, 5.6],
    'escalate-tier': [18.2, 4.7],
    'assign-escalated': [19.3, 4.7],
    'schedule-escalated': [20.4, 4.7],
    // What the handler decided.
    'handle-action': [22.3, 0],
    'pause-clock': [23.2, -1],
    resume: [24.3, -1],
    'schedule-resume': [25.4, -1],
    'back-after-resume': [26.3, -1],
    'extension-allowed': [23.3, 2],
    'approve-extension': [24.3, 2],
    'extension-approved': [25.3, 2],
    'schedule-extend': [26.3, 2],
    'after-extension': [27.3, 2],
    'back-after-extension': [28.1, 2],
    'dispatch-review': [23.5, 3.3],
    'dispatch-decision': [24.5, 3.3],
    'assign-redispatch': [25.5, 3.3],
    'after-objection': [26.5, 3.3],
    'back-after-objection': [27.3, 3.3],
    // Verification, sign-off, archive.
    'request-verification': [23.3, 0],
    'await-feedback': [24.3, 0],
    'citizen-feedback': [25.2, 0],
    'verification-due': [25.2, 1],
    'return-visit': [26.2, 1],
    'feedback-received': [27.2, 0],
    'record-verification': [28.2, 0],
    'verification-outcome': [29.2, 0],
    'back-after-unsatisfied': [29.2, -1],
    'supervise-unsatisfied': [30.2, 1],
    'escalate-unsatisfied': [31.1, 1],
    'signoff-returned': [30.2, 0],
    'join-discipline': [31.1, 0],
    'to-signoff': [32, 0],
    signoff: [33, 0],
    'back-after-signoff': [33.9, 1],
    archive: [34.1, 0],
    archived: [35, 0],
  },
  containers: { handling: { from: [15.6, -0.8], to: [21.6, 0.8] } },
  boundaries: {
    'escalate-timer': { side: 'bottom', column: 16.2 },
    'reminder-timer': { side: 'bottom', column: 17.2 },
    'due-timer': { side: 'bottom', column: 18.2 },
    'warn-timer': { side: 'bottom', column: 19.2 },
    'signoff-rejected': { side: 'bottom', column: 33 },
  },
  routes: {
    'flow-handling-again': [
      [19.9, 0.55],
      [16.8, 0.55],
    ],
    'flow-rescheduled': [
      [20.4, 6.2],
      [15, 6.2],
    ],
    'flow-no-discipline': [
      [14.8, -2.8],
      [18.3, -2.8],
    ],
    'flow-discipline-done': [[31.1, -2.2]],
    'flow-no-extension-left': [
      [23.3, 2.55],
      [27.3, 2.55],
    ],
    'flow-extension-refused': [
      [25.3, 2.55],
      [27.3, 2.55],
    ],
    'flow-insist': [
      [24.5, 3.85],
      [26.5, 3.85],
    ],
    'flow-signoff-again': [
      [30.2, 0.5],
      [32, 0.5],
    ],
  },
};

const signoffParties = ['citizen', 'handler', 'supervisor', 'principal'];

const fourPartySignoff: DiagramSketch = {
  nodes: {
    'signoff-requested': [0, 0],
    'signoff-start': [1, 0],
    ...Object.fromEntries(
      signoffParties.flatMap((party, index) => [
        [`signoff-${party}`, [2 + 2 * index, 0] as const],
        [`record-signoff-${party}`, [3 + 2 * index, 0] as const],
      ]),
    ),
    'signoff-completed': [10, 0],
  },
};

const unitRanking: DiagramSketch = {
  nodes: {
    'week-due': [0, 0],
    'compute-week': [1, 0],
    'notify-week': [2, 0],
    'week-done': [3, 0],
    'month-due': [0, 1],
    'compute-month': [1, 1],
    'notify-month': [2, 1],
    'month-done': [3, 1],
  },
};

const spotCheck: DiagramSketch = {
  nodes: {
    'month-due': [0, 0],
    'spot-check-sample': [1, 0],
    'visit-started': [2.2, 0],
    'spot-check-visit': [3.2, 0],
    'spot-check-record': [4.3, 0],
    'visit-done': [5.3, 0],
    'spot-checks-done': [6.6, 0],
  },
  containers: { 'spot-check-visits': { from: [1.8, -0.8], to: [5.8, 0.8] } },
};

/** Each diagram by the file it belongs to (relative to `processes/`). */
export const SKETCHES: Record<string, DiagramSketch> = {
  'demand-handling.bpmn': demandHandling,
  'four-party-signoff.bpmn': fourPartySignoff,
  'unit-ranking.bpmn': unitRanking,
  'spot-check.bpmn': spotCheck,
};
