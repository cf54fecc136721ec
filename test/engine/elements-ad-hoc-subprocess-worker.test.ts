import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, deploy, startInstance, uniqueRun, type Job } from './elements-helpers';
import { post } from './rest-helpers';

/**
 * The job-worker implementation of ad-hoc sub-processes (Camunda 8.8 docs, "Ad-hoc
 * sub-processes" → "Job worker implementation"): a `zeebe:taskDefinition` on the sub-process
 * makes it create a job on activation and again whenever an inner flow completes; the worker
 * completes the job with an `adHocSubProcess` result that activates elements or fulfils the
 * completion condition. Jobs are completed over REST v2, the API that carries job results.
 */
describe('ad-hoc sub-processes with a job worker', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(engine.zeebe, 'adhoc-worker.bpmn');
  });

  async function start() {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'adhoc-worker', { run });
    const job = async (name: string) => (await activate(engine.zeebe, `${run}-${name}`))[0]!;
    return { key, job };
  }

  const completeWith = (job: Job, result?: Record<string, unknown>, variables = {}) =>
    post(`${engine.restUrl}/v2/jobs/${job.key}/completion`, {
      variables,
      ...(result ? { result: { type: 'adHocSubProcess', ...result } } : {}),
    });

  async function processCompleted(key: string) {
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'adhoc-worker',
    });
  }

  it('a job is created on activation, with adHocSubProcessElements; its result activates elements with their variables; a completed inner flow creates a new job; a fulfilled completion condition completes the sub-process', async () => {
    const { key, job } = await start();
    const agent = await job('agent');
    expect(agent.variables).toMatchObject({
      adHocSubProcessElements: [
        { elementId: 'Tool1', elementName: 'First tool' },
        { elementId: 'Tool2' },
      ],
    });
    const activated = await completeWith(agent, {
      activateElements: [{ elementId: 'Tool1', variables: { input: 'x' } }],
    });
    expect(activated.status).toBe(204);
    const tool = await job('tool1');
    expect(tool.variables).toMatchObject({ input: 'x' });
    expect(await records.intents(key, 'Agent')).not.toContain('ELEMENT_COMPLETING');
    await engine.zeebe.completeJob({ jobKey: tool.key, variables: { found: 1 } });
    const next = await job('agent');
    expect(next.key).not.toBe(agent.key);
    expect(next.variables).toMatchObject({ found: 1 });
    expect((await completeWith(next, { isCompletionConditionFulfilled: true })).status).toBe(204);
    await processCompleted(key);
  });

  it('a fulfilled condition with isCancelRemainingInstances terminates the inner instances still active', async () => {
    const { key, job } = await start();
    await completeWith(await job('agent'), {
      activateElements: [{ elementId: 'Tool1' }, { elementId: 'Tool2' }],
    });
    const tool1 = await job('tool1');
    const tool2 = await job('tool2');
    await engine.zeebe.completeJob({ jobKey: tool1.key, variables: {} });
    const next = await job('agent');
    const done = await completeWith(next, {
      isCompletionConditionFulfilled: true,
      isCancelRemainingInstances: true,
    });
    expect(done.status).toBe(204);
    await processCompleted(key);
    expect(await records.intents(key, 'Tool2')).toContain('ELEMENT_TERMINATED');
    await expect(engine.zeebe.completeJob({ jobKey: tool2.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('a fulfilled condition without isCancelRemainingInstances lets the active inner instances finish, creates no new job, then completes', async () => {
    const { key, job } = await start();
    const agent = await job('agent');
    await completeWith(agent, {
      activateElements: [{ elementId: 'Tool1' }, { elementId: 'Tool2' }],
    });
    const tool1 = await job('tool1');
    const tool2 = await job('tool2');
    await engine.zeebe.completeJob({ jobKey: tool1.key, variables: {} });
    const next = await job('agent');
    expect((await completeWith(next, { isCompletionConditionFulfilled: true })).status).toBe(204);
    await records.waitFor({ processInstanceKey: key, valueType: 'JOB', intent: 'COMPLETED' }, 3);
    expect(await records.intents(key, 'Agent')).not.toContain('ELEMENT_COMPLETING');
    await engine.zeebe.completeJob({ jobKey: tool2.key, variables: {} });
    await processCompleted(key);
    expect(await records.intents(key, 'Tool2')).toContain('ELEMENT_COMPLETED');
    const created = await records.query({
      processInstanceKey: key,
      valueType: 'JOB',
      intent: 'CREATED',
    });
    expect(created.filter((r) => r.value.elementId === 'Agent')).toHaveLength(2);
  });

  it('there is one job at a time: a new job replaces the open one, whose completion is then NOT_FOUND', async () => {
    const { key, job } = await start();
    await completeWith(await job('agent'), {
      activateElements: [{ elementId: 'Tool1' }, { elementId: 'Tool2' }],
    });
    const tool1 = await job('tool1');
    const tool2 = await job('tool2');
    await engine.zeebe.completeJob({ jobKey: tool1.key, variables: {} });
    const second = await job('agent');
    await engine.zeebe.completeJob({ jobKey: tool2.key, variables: {} });
    const third = await job('agent');
    expect(third.key).not.toBe(second.key);
    expect((await completeWith(second, { isCompletionConditionFulfilled: true })).status).toBe(404);
    expect((await completeWith(third, { isCompletionConditionFulfilled: true })).status).toBe(204);
    await processCompleted(key);
  });

  it('a result that both activates elements and fulfils the condition, or names elements not in the sub-process, is rejected and changes nothing', async () => {
    const { key, job } = await start();
    const agent = await job('agent');
    const both = await completeWith(agent, {
      activateElements: [{ elementId: 'Tool1' }],
      isCompletionConditionFulfilled: true,
    });
    expect(both.status).toBe(400);
    const unknown = await completeWith(agent, { activateElements: [{ elementId: 'Nope' }] });
    expect(unknown.status).toBe(404);
    expect(await records.intents(key, 'Tool1')).toEqual([]);
    expect((await completeWith(agent, { isCompletionConditionFulfilled: true })).status).toBe(204);
    await processCompleted(key);
  });

  it('what the worker decided survives a restart: after kill -9, the recovered sub-process completes when its last inner instance does', async () => {
    const { key, job } = await start();
    await completeWith(await job('agent'), {
      activateElements: [{ elementId: 'Tool1' }, { elementId: 'Tool2' }],
    });
    const tool1 = await job('tool1');
    const tool2 = await job('tool2');
    await engine.zeebe.completeJob({ jobKey: tool1.key, variables: {} });
    const next = await job('agent');
    expect((await completeWith(next, { isCompletionConditionFulfilled: true })).status).toBe(204);
    await engine.restart();
    expect(await records.intents(key, 'Agent')).not.toContain('ELEMENT_COMPLETING');
    await engine.zeebe.completeJob({ jobKey: tool2.key, variables: {} });
    await processCompleted(key);
  });
});
