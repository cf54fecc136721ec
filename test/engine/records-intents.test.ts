import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activatableNow, activate, deploy, startInstance, uniqueRun } from './elements-helpers';
import { deployProcess, post } from './rest-helpers';
import { startWithTask } from './user-tasks-helpers';
import { userTaskProcess } from './user-tasks-helpers';

/**
 * The log speaks Zeebe's intents (Zeebe 8.8 protocol: JobIntent, UserTaskIntent,
 * EscalationIntent): a BPMN error thrown for a job is JOB ERROR_THROWN, a claim is USER_TASK
 * ASSIGNING → ASSIGNED, a thrown escalation is ESCALATION ESCALATED or NOT_ESCALATED.
 */
describe('record intents', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(engine.zeebe, 'error-boundary.bpmn', 'error-uncaught.bpmn', 'esc-boundary.bpmn');
    await deploy(engine.zeebe, 'escalation-throw.bpmn');
    await deployProcess(engine.restUrl, 'claimable', userTaskProcess('claimable'));
  });

  const jobIntents = async (jobKey: string) =>
    (await records.query({ valueType: 'JOB' }))
      .filter((r) => r.key === jobKey)
      .map((r) => r.intent);

  it('a BPMN error thrown for a job is recorded as JOB ERROR_THROWN with its code, never FAILED; a caught error ends the job without JOB CANCELED (Zeebe JobIntent)', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'error-boundary', { run });
    const [job] = await activate(engine.zeebe, `pay-${run}`);
    await engine.zeebe.throwError({ jobKey: job!.key, errorCode: 'DECLINED', errorMessage: 'no' });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'error-boundary',
    });
    expect(await jobIntents(job!.key)).toEqual(['CREATED', 'ERROR_THROWN']);
    const [thrown] = await records.query({
      valueType: 'JOB',
      intent: 'ERROR_THROWN',
      processInstanceKey: key,
    });
    expect(thrown!.value).toMatchObject({
      errorCode: 'DECLINED',
      errorMessage: 'no',
      elementId: 'pay',
    });
  });

  it('an uncaught BPMN error leaves the job ERROR_THROWN under an UNHANDLED_ERROR_EVENT incident: worker commands are rejected naming that state, and resolving the incident hands the job out again (Zeebe JobIntent, job states)', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'error-uncaught', { run });
    const [job] = await activate(engine.zeebe, `unguarded-${run}`);
    await engine.zeebe.throwError({ jobKey: job!.key, errorCode: 'UNKNOWN', errorMessage: 'lost' });
    const incident = await records.incident(key);
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', jobKey: job!.key });
    expect(await jobIntents(job!.key)).toEqual(['CREATED', 'ERROR_THROWN']);
    // Zeebe marks the record of an error nothing caught with this element id.
    const [thrown] = await records.query({
      valueType: 'JOB',
      intent: 'ERROR_THROWN',
      processInstanceKey: key,
    });
    expect(thrown!.value.elementId).toBe('NO_CATCH_EVENT_FOUND');
    await expect(engine.zeebe.completeJob({ jobKey: job!.key, variables: {} })).rejects.toThrow(
      /in state 'ERROR_THROWN'/,
    );
    const rest = await post(`${engine.restUrl}/v2/jobs/${job!.key}/completion`, {});
    expect(rest.status).toBe(409);
    expect(rest.body.detail).toContain("in state 'ERROR_THROWN'");
    expect(await activatableNow(engine.zeebe, `unguarded-${run}`)).toEqual([]);
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [again] = await activate(engine.zeebe, `unguarded-${run}`);
    expect(again!.key).toBe(job!.key);
  });

  it('claiming a user task is recorded as USER_TASK ASSIGNING then ASSIGNED with action "claim": Zeebe has no CLAIMING intent (Zeebe UserTaskIntent)', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'claimable');
    const claimed = await post(`${engine.restUrl}/v2/user-tasks/${task.userTaskKey}/assignment`, {
      assignee: 'li.wei',
      allowOverride: false,
    });
    expect(claimed.status).toBe(204);
    const assigned = await records.waitFor({
      valueType: 'USER_TASK',
      intent: 'ASSIGNED',
      processInstanceKey: instanceKey,
    });
    expect(assigned[0]!.value).toMatchObject({ assignee: 'li.wei', action: 'claim' });
    const intents = (
      await records.query({ valueType: 'USER_TASK', processInstanceKey: instanceKey })
    ).map((r) => r.intent);
    expect(intents).toEqual(['CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED']);
  });

  it('a thrown escalation is recorded as ESCALATION ESCALATED naming the throw and catch elements, or NOT_ESCALATED when nothing catches it (Zeebe EscalationIntent)', async () => {
    const caught = await startInstance(engine.zeebe, 'esc-boundary');
    const [escalated] = await records.waitFor({
      valueType: 'ESCALATION',
      intent: 'ESCALATED',
      processInstanceKey: caught,
    });
    expect(escalated!.value).toEqual({
      processInstanceKey: caught,
      escalationCode: 'LATE',
      throwElementId: 'Raise',
      catchElementId: 'OnLate',
    });
    const lost = await startInstance(engine.zeebe, 'throws-an-escalation');
    const [notEscalated] = await records.waitFor({
      valueType: 'ESCALATION',
      intent: 'NOT_ESCALATED',
      processInstanceKey: lost,
    });
    expect(notEscalated!.value).toMatchObject({ processInstanceKey: lost, catchElementId: '' });
  });
});
