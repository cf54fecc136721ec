import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import {
  activatableNow,
  activate,
  deploy,
  startInstance,
  uniqueRun,
  type Job,
  type Variables,
} from './elements-helpers';
import { post } from './rest-helpers';

/**
 * Ad-hoc sub-processes (Camunda 8.8 docs, "Ad-hoc sub-processes"): the elements listed by
 * `activeElementsCollection` are activated on entry, each in an inner instance; the flows
 * inside still run; the completion condition is evaluated whenever an inner element completes
 * and, fulfilled, ends the remaining instances unless `cancelRemainingInstances` is false;
 * without one the sub-process completes once nothing inside is active. Job types carry a
 * per-test `run` prefix, so each test sees only its own jobs.
 */
describe('ad-hoc sub-processes', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'adhoc-activate.bpmn',
      'adhoc-condition.bpmn',
      'adhoc-condition-wait.bpmn',
      'adhoc-scope.bpmn',
      'adhoc-multi-instance.bpmn',
    );
  });

  async function start(bpmnProcessId: string, variables: Variables = {}) {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, bpmnProcessId, { run, ...variables });
    const job = async (name: string) => (await activate(engine.zeebe, `${run}-${name}`))[0]!;
    const none = async (name: string) => activatableNow(engine.zeebe, `${run}-${name}`);
    return { key, run, job, none };
  }

  const complete = (job: Job, variables: Record<string, string | number | boolean> = {}) =>
    engine.zeebe.completeJob({ jobKey: job.key, variables });

  async function completedElement(key: string, elementId: string) {
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId,
    });
  }

  async function activatedElement(key: string, elementId: string) {
    const [record] = await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId,
    });
    return record!;
  }

  const activation = (adHocSubProcessInstanceKey: string, body: unknown) =>
    post(
      `${engine.restUrl}/v2/element-instances/ad-hoc-activities/${adHocSubProcessInstanceKey}/activation`,
      body,
    );

  it('on entry, the elements listed by activeElementsCollection are activated, each in an inner instance of its own', async () => {
    const { key, job, none } = await start('adhoc-activate', {
      toActivate: ['Search', 'Summarize'],
    });
    const search = await job('search');
    const summarize = await job('summarize');
    expect(await none('draft')).toEqual([]);

    const research = await activatedElement(key, 'Research');
    expect(research.value.bpmnElementType).toBe('AD_HOC_SUB_PROCESS');
    const inner = await records.waitFor(
      {
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_ACTIVATED',
        elementId: 'Research#innerInstance',
      },
      2,
    );
    expect(inner.map((r) => r.value.bpmnElementType)).toEqual([
      'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
      'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
    ]);
    expect(inner.map((r) => r.value.flowScopeKey)).toEqual([research.key, research.key]);
    const searchRecord = await activatedElement(key, 'Search');
    expect(inner.map((r) => r.key)).toContain(searchRecord.value.flowScopeKey);

    await complete(search);
    await completedElement(key, 'Search');
    expect(await records.intents(key, 'Research')).not.toContain('ELEMENT_COMPLETED');
    await complete(summarize);
    await completedElement(key, 'adhoc-activate');
    expect(await records.intents(key, 'end')).toContain('ELEMENT_COMPLETED');
  });

  it('flows inside still run: an element’s outgoing flows are taken when it completes, and without a completion condition the sub-process completes when no inner element is active any more', async () => {
    const { key, job } = await start('adhoc-activate', { toActivate: ['Draft'] });
    await complete(await job('draft'));
    const review = await job('review');
    const [draft] = await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'Draft',
    });
    const reviewRecord = await activatedElement(key, 'Review');
    expect(reviewRecord.value.flowScopeKey).toBe(draft!.value.flowScopeKey);
    expect(await records.intents(key, 'Research')).not.toContain('ELEMENT_COMPLETED');
    await complete(review);
    await completedElement(key, 'adhoc-activate');
  });

  it('the adHocSubProcessElements variable lists the activatable elements (no incoming flow) with their name, documentation and properties; an empty list activates nothing and the sub-process remains active', async () => {
    const { key, none } = await start('adhoc-activate', { toActivate: [] });
    const research = await activatedElement(key, 'Research');
    const variables = await records.variables(research.key);
    expect(variables.adHocSubProcessElements).toEqual([
      {
        elementId: 'Search',
        elementName: 'Search the web',
        documentation: 'Finds sources on the web',
        properties: { tool: 'browser' },
      },
      { elementId: 'Summarize' },
      { elementId: 'Draft' },
    ]);
    expect(await none('search')).toEqual([]);
    expect(await none('draft')).toEqual([]);
    expect(await records.intents(key, 'Research')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
    ]);
    await engine.zeebe.cancelProcessInstance(key);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      elementId: 'Research',
    });
  });

  it('the activation API activates elements of a running ad-hoc sub-process, each with its variables local to its inner instance', async () => {
    const { key, job } = await start('adhoc-activate', { toActivate: [] });
    const research = await activatedElement(key, 'Research');
    const answer = await activation(research.key, {
      elements: [{ elementId: 'Search', variables: { query: 'zeebe' } }, { elementId: 'Draft' }],
    });
    expect(answer.status).toBe(204);
    const search = await job('search');
    expect(search.variables).toMatchObject({ query: 'zeebe' });
    const searchRecord = await activatedElement(key, 'Search');
    expect(await records.variables(String(searchRecord.value.flowScopeKey))).toEqual({
      query: 'zeebe',
    });
    expect(await records.variables(key)).not.toHaveProperty('query');
    await complete(search);
    await complete(await job('draft'));
    await complete(await job('review'));
    await completedElement(key, 'adhoc-activate');
  });

  it('the activation API refuses an unknown ad-hoc sub-process (404), elements that are not activatable in it (404), duplicates and missing element ids (400)', async () => {
    const { key } = await start('adhoc-activate', { toActivate: [] });
    const research = await activatedElement(key, 'Research');
    const notFound = await activation(key, { elements: [{ elementId: 'Search' }] });
    expect(notFound.status).toBe(404);
    expect(notFound.body.detail).toBe(
      `Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '${key}'.`,
    );
    const unknownKey = await activation('2251799813999999', {
      elements: [{ elementId: 'Search' }],
    });
    expect(unknownKey.status).toBe(404);
    expect((await activation(research.key, { elements: [] })).status).toBe(400);
    const unknown = await activation(research.key, {
      elements: [{ elementId: 'Nope' }, { elementId: 'Review' }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(
      `Expected to activate activities for ad-hoc sub-process with key '${research.key}', but the given elements [Nope, Review] do not exist.`,
    );
    const twice = await activation(research.key, {
      elements: [{ elementId: 'Search' }, { elementId: 'Search' }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.title).toBe('INVALID_ARGUMENT');
    expect((await activation(research.key, { elements: [{ variables: {} }] })).status).toBe(400);
    expect(await records.intents(key, 'Search')).toEqual([]);
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('ids in activeElementsCollection that are no inner elements raise an incident; once the variable is fixed and the incident resolved, the elements are activated', async () => {
    const { key, job } = await start('adhoc-activate', { toActivate: ['Search', 'Nope'] });
    const incident = await records.incident(key);
    expect(incident).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: "Failed to activate ad-hoc elements. No BPMN elements found with ids: 'Nope'.",
      elementId: 'Research',
    });
    expect(await records.intents(key, 'Research')).toEqual(['ELEMENT_ACTIVATING']);
    await engine.zeebe.setVariables({
      elementInstanceKey: key,
      variables: { toActivate: ['Search'] },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    await complete(await job('search'));
    await completedElement(key, 'adhoc-activate');
  });

  it('an activeElementsCollection that is no list of strings raises an incident', async () => {
    const text = await start('adhoc-activate', { toActivate: 'Search' });
    expect((await records.incident(text.key)).errorMessage).toBe(
      "Failed to activate ad-hoc elements. Expected result of the expression 'toActivate' to be 'ARRAY', but was 'STRING'.",
    );
    const numbers = await start('adhoc-activate', { toActivate: [1] });
    expect((await records.incident(numbers.key)).errorMessage).toBe(
      "Failed to activate ad-hoc elements. Expected result of the expression 'toActivate' to be 'ARRAY' containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.",
    );
  });

  it('a completion condition that is true after an inner element completes completes the sub-process and terminates the remaining instances (cancelRemainingInstances defaults to true)', async () => {
    const { key, job } = await start('adhoc-condition', { enough: false });
    const a = await job('a');
    const b = await job('b');
    await complete(a, { enough: true });
    await completedElement(key, 'adhoc-condition');
    expect(await records.intents(key, 'B')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'Checks')).toContain('ELEMENT_COMPLETED');
    await expect(complete(b)).rejects.toThrow(/NOT_FOUND/);
  });

  it('a completion condition that is false keeps the sub-process active; it is evaluated again when the next inner element completes', async () => {
    const { key, job } = await start('adhoc-condition', { enough: false });
    const a = await job('a');
    const b = await job('b');
    await complete(a, { enough: false });
    await completedElement(key, 'A');
    expect(await records.intents(key, 'Checks')).not.toContain('ELEMENT_COMPLETING');
    await complete(b, { enough: true });
    await completedElement(key, 'adhoc-condition');
  });

  it('a completion condition that cannot be evaluated raises an incident on the completing inner instance; resolved, the evaluation runs again', async () => {
    const { key, job } = await start('adhoc-condition');
    await complete(await job('a'));
    const incident = await records.incident(key);
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.elementId).toBe('Checks#innerInstance');
    expect(incident.errorMessage).toMatch(/^Failed to evaluate completion condition\. /);
    await engine.zeebe.setVariables({
      elementInstanceKey: key,
      variables: { enough: true },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    await completedElement(key, 'adhoc-condition');
    expect(await records.intents(key, 'B')).toContain('ELEMENT_TERMINATED');
  });

  it('with cancelRemainingInstances="false", a fulfilled condition waits for the active instances before completing', async () => {
    const { key, job } = await start('adhoc-condition-wait', { enough: false });
    const a = await job('a');
    const b = await job('b');
    await complete(a, { enough: true });
    await completedElement(key, 'A');
    expect(await records.intents(key, 'B')).not.toContain('ELEMENT_TERMINATING');
    expect(await records.intents(key, 'Checks')).not.toContain('ELEMENT_COMPLETING');
    await complete(b);
    await completedElement(key, 'adhoc-condition-wait');
    expect(await records.intents(key, 'B')).toContain('ELEMENT_COMPLETED');
  });

  it('input mappings apply before activeElementsCollection is evaluated; outputCollection collects each inner flow’s outputElement and reaches the parent scope, output mappings apply on completion', async () => {
    const { key, job } = await start('adhoc-scope', { wanted: ['Lookup', 'Compute'] });
    await complete(await job('lookup'), { result: 'found' });
    await complete(await job('compute'), { result: 42 });
    await completedElement(key, 'adhoc-scope');
    const variables = await records.variables(key);
    expect(variables).toMatchObject({ results: ['found', 42], resultCount: 2 });
    expect(variables).not.toHaveProperty('chosen');
  });

  it('an error thrown inside is caught by the error boundary event of the ad-hoc sub-process, whose inner instances are terminated', async () => {
    const { key, job } = await start('adhoc-scope', { wanted: ['Lookup', 'Compute'] });
    const lookup = await job('lookup');
    const compute = await job('compute');
    await engine.zeebe.throwError({
      jobKey: lookup.key,
      errorCode: 'GIVE_UP',
      errorMessage: 'nothing found',
    });
    await completedElement(key, 'adhoc-scope');
    expect(await records.intents(key, 'Tools')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'Compute')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'gaveUpEnd')).toContain('ELEMENT_COMPLETED');
    await expect(complete(compute)).rejects.toThrow(/NOT_FOUND/);
  });

  it('a multi-instance ad-hoc sub-process activates its elements in each of its instances', async () => {
    const { key, run } = await start('adhoc-multi-instance', { topics: ['bpmn', 'feel'] });
    const jobs = await activate(engine.zeebe, `${run}-study`, 2);
    const topics = jobs.map((j) => (j.variables as { topic?: string }).topic);
    expect(topics.sort()).toEqual(['bpmn', 'feel']);
    for (const j of jobs) await complete(j);
    await completedElement(key, 'adhoc-multi-instance');
  });
});
