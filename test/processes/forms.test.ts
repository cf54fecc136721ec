/* eslint-disable @typescript-eslint/no-explicit-any -- form schemas are untyped JSON */
import {
  CATEGORIES,
  DOMAINS,
  EMERGENCY_NUMBERS,
  SATISFACTIONS,
  SCREENING_OUTCOMES,
  TIERS,
} from '../../domain/demand';
import {
  bpmnFiles,
  extension,
  feelExpressions,
  flowElements,
  formFiles,
  readModel,
  type ModdleElement,
} from './support/models';

/**
 * The user tasks, their forms and the job types as the contract (processes/README.md) names
 * them: one Camunda form per user task with Chinese labels, English keys, the contract's
 * choices and the decisions marked required; job types `demand-…`; no numbers in FEEL.
 */

/** Each user task and its form (processes/README.md). */
const TASK_FORMS: Record<string, string> = {
  'screen-first': 'screen-first',
  'screen-review': 'screen-review',
  'discipline-supervise': 'discipline-supervise',
  handle: 'handle',
  resume: 'resume',
  'approve-extension': 'approve-extension',
  'dispatch-review': 'dispatch-review',
  'return-visit': 'return-visit',
  'signoff-citizen': 'signoff',
  'signoff-handler': 'signoff',
  'signoff-supervisor': 'signoff',
  'signoff-principal': 'signoff',
  'spot-check-visit': 'spot-check-visit',
};

/** The keys of each form (processes/README.md). */
const FORM_KEYS: Record<string, string[]> = {
  'screen-first': [
    'screeningOutcome',
    'category',
    'domain',
    'emergencyNumber',
    'duplicateOfCode',
    'screeningReasonCode',
    'screeningExplanation',
  ],
  'screen-review': [
    'reviewOutcome',
    'reviewReasonCode',
    'reviewExplanation',
    'scope',
    'category',
    'domain',
    'matter',
    'accusedUnitCode',
  ],
  'discipline-supervise': ['disciplineFinding', 'disciplineNote'],
  handle: [
    'handleAction',
    'handleNote',
    'result',
    'evidence',
    'pauseReason',
    'extensionDays',
    'extensionReason',
    'objectionReason',
  ],
  resume: ['resumeNote'],
  'approve-extension': ['extensionApproved', 'approvalNote'],
  'dispatch-review': ['dispatchDecision', 'newLeadUnitCode', 'dispatchNote'],
  'return-visit': ['satisfaction', 'feedbackComment', 'verificationMethod'],
  signoff: ['signoffApproved', 'signoffStatement'],
  'spot-check-visit': ['visitResult', 'satisfaction', 'visitNote'],
};

/** Choices whose values the contract fixes. */
const CHOICES: Record<string, readonly string[]> = {
  screeningOutcome: SCREENING_OUTCOMES,
  category: CATEGORIES,
  domain: DOMAINS,
  emergencyNumber: EMERGENCY_NUMBERS,
  scope: TIERS,
  satisfaction: SATISFACTIONS,
  reviewOutcome: ['reasonable', 'partly_reasonable', 'unreasonable'],
  handleAction: ['accept', 'progress', 'pause', 'extend', 'object', 'resolve'],
  dispatchDecision: ['redispatch', 'insist'],
  visitResult: ['confirmed', 'contradicted', 'unreachable'],
};

/** What decides the next step, is told to the citizen or explains a decision is required. */
const REQUIRED = [
  'screeningOutcome',
  'category',
  'domain',
  'emergencyNumber',
  'screeningReasonCode',
  'screeningExplanation',
  'reviewOutcome',
  'reviewReasonCode',
  'reviewExplanation',
  'scope',
  'disciplineFinding',
  'disciplineNote',
  'resumeNote',
  'dispatchNote',
  'handleAction',
  'result',
  'pauseReason',
  'extensionDays',
  'extensionReason',
  'objectionReason',
  'approvalNote',
  'dispatchDecision',
  'newLeadUnitCode',
  'satisfaction',
  'verificationMethod',
  'signoffStatement',
  'visitResult',
  'visitNote',
];

const CHINESE = /[\u4e00-\u9fff]/;

/** The oversight processes run on timers and name their jobs after themselves. */
const OVERSIGHT_PREFIXES: Record<string, string> = {
  'unit-ranking.bpmn': 'unit-ranking',
  'spot-check.bpmn': 'spot-check',
};

const forms = new Map<string, any>(
  formFiles().map((file) => [file.name.replace(/^forms\/|\.form$/g, ''), JSON.parse(file.content)]),
);

const fields = (form: any): any[] => form.components.filter((c: any) => c.key !== undefined);

describe('forms', () => {
  it('there is exactly one form per form the tasks name, each with its own id', () => {
    expect([...forms.keys()].sort()).toEqual([...new Set(Object.values(TASK_FORMS))].sort());
    for (const [file, form] of forms) expect(form.id).toBe(file);
  });

  it.each(Object.entries(FORM_KEYS))(
    '%s has the contract keys, each labelled in Chinese',
    (id, keys) => {
      const form = forms.get(id);
      expect(fields(form).map((f) => f.key)).toEqual(keys);
      for (const field of fields(form)) {
        expect({ key: field.key, chinese: CHINESE.test(field.label) }).toEqual({
          key: field.key,
          chinese: true,
        });
      }
    },
  );

  it('choices offer the contract values with Chinese labels', () => {
    for (const form of forms.values()) {
      for (const field of fields(form).filter((f) => f.type === 'select')) {
        const expected = CHOICES[field.key];
        if (expected) expect(field.values.map((v: any) => v.value)).toEqual([...expected]);
        for (const value of field.values) expect(value.label).toMatch(CHINESE);
      }
    }
  });

  it('decisions and explanations are required', () => {
    const required = [...forms.values()]
      .flatMap(fields)
      .filter((f) => f.validate?.required === true)
      .map((f) => f.key);
    expect([...new Set(required)].sort()).toEqual([...REQUIRED].sort());
  });
});

describe.each(bpmnFiles().map((file) => [file.name, file.content]))('%s', (name, xml) => {
  let elements: ModdleElement[];
  beforeAll(async () => {
    elements = flowElements((await readModel(name, xml)).definitions);
  });

  it('every user task is a Camunda user task with candidate groups and its form', () => {
    const tasks = elements.filter((e) => e.$type === 'bpmn:UserTask');
    // The rankings run on timers alone; every model of a demand's life has people in it.
    if (name !== 'unit-ranking.bpmn') expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      expect(extension(task, 'zeebe:UserTask')).toBeDefined();
      expect(extension(task, 'zeebe:AssignmentDefinition')?.candidateGroups).toMatch(/^=\[/);
      expect({ task: task.id, form: extension(task, 'zeebe:FormDefinition')?.formId }).toEqual({
        task: task.id,
        form: TASK_FORMS[task.id],
      });
      expect(task.name).toMatch(CHINESE);
    }
  });

  it('every automated step is a job of type demand-… (unit-ranking-…, spot-check-… for the oversight processes), and there are no script tasks', () => {
    expect(elements.filter((e) => e.$type === 'bpmn:ScriptTask')).toEqual([]);
    const prefix = OVERSIGHT_PREFIXES[name] ?? 'demand';
    for (const task of elements.filter((e) => e.$type === 'bpmn:ServiceTask')) {
      expect(extension(task, 'zeebe:TaskDefinition')?.type).toMatch(
        new RegExp(`^${prefix}-[a-z-]+$`),
      );
    }
  });

  it('names every element in Chinese', () => {
    const unnamed = elements
      .filter((e) => e.$type !== 'bpmn:SequenceFlow')
      .filter((e) => !CHINESE.test(e.name ?? ''))
      .map((e) => e.id);
    expect(unnamed).toEqual([]);
  });

  it('writes no number into a FEEL expression: every number is a decision table row', () => {
    const expressions = feelExpressions(xml);
    expect(expressions.length).toBeGreaterThan(0);
    expect(expressions.filter((e) => /(^|[^\w.])\d/.test(e))).toEqual([]);
  });
});
