/**
 * Gateways as Camunda 8.8 documents them (docs.camunda.io → BPMN → exclusive, parallel and
 * inclusive gateways; Concepts → Incidents), observed over gRPC with the official SDK client and
 * in the engine's log as an exporter would show it.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, activatableNow, deploy, startInstance, uniqueRun } from './elements-helpers';

describe('gateways', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'exclusive-gateway.bpmn',
      'exclusive-no-default.bpmn',
      'parallel-gateway.bpmn',
      'inclusive-gateway.bpmn',
      'inclusive-join-diverging.bpmn',
    );
  });

  describe('exclusive gateway', () => {
    it('takes the first flow whose condition is true, in model order', async () => {
      // amount 500 satisfies both "> 10" (first in the model) and "> 100" (second).
      const result = await engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'exclusive-gateway',
        variables: { amount: 500 },
      });
      expect(result.variables).toEqual({ amount: 500, path: 'A' });
      const taken = await records.query({
        valueType: 'PROCESS_INSTANCE',
        intent: 'SEQUENCE_FLOW_TAKEN',
        processInstanceKey: result.processInstanceKey,
      });
      expect(taken.map((r) => r.value.elementId)).toEqual(['toDecide', 'flow2_over10', 'a1']);
    });

    it('takes the default flow when no condition is true', async () => {
      const result = await engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'exclusive-gateway',
        variables: { amount: 3 },
      });
      expect(result.variables).toEqual({ amount: 3, path: 'default' });
    });

    it('raises a CONDITION_ERROR incident when no condition is true and there is no default flow; setting the variable and resolving the incident continues', async () => {
      const run = uniqueRun();
      const completion = engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'exclusive-no-default',
        variables: { run, amount: 5 },
        requestTimeout: 20_000,
      });
      const processInstanceKey = await records.createdInstance('exclusive-no-default', { run });
      const incident = await records.incident(processInstanceKey);
      expect(incident).toMatchObject({
        errorType: 'CONDITION_ERROR',
        errorMessage:
          'Expected at least one condition to evaluate to true, or to have a default flow',
        elementId: 'decide',
        jobKey: '-1',
      });
      // The gateway stays where it failed: nothing after it ran.
      expect(await records.intents(processInstanceKey, 'decide')).toEqual(['ELEMENT_ACTIVATING']);

      await engine.zeebe.setVariables({
        elementInstanceKey: processInstanceKey,
        variables: { amount: 50 },
        local: false,
      });
      await engine.zeebe.resolveIncident({ incidentKey: incident.key });

      const result = await completion;
      expect(result.processInstanceKey).toBe(processInstanceKey);
      expect(result.variables).toEqual({ run, amount: 50, path: 'medium' });
      expect(
        await records.query({ valueType: 'INCIDENT', intent: 'RESOLVED', processInstanceKey }),
      ).toHaveLength(1);
    });

    it('raises an EXTRACT_VALUE_ERROR incident when a condition does not evaluate to a boolean', async () => {
      const processInstanceKey = await startInstance(engine.zeebe, 'exclusive-no-default', {});
      const incident = await records.incident(processInstanceKey);
      expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
      expect(incident.errorMessage).toContain(
        "Expected result of the expression 'amount > 100' to be 'BOOLEAN', but was 'NULL'.",
      );
      expect(incident.elementId).toBe('decide');
    });
  });

  describe('incidents', () => {
    it('canceling a process instance resolves the incidents of its terminated elements', async () => {
      const processInstanceKey = await startInstance(engine.zeebe, 'exclusive-no-default', {});
      const incident = await records.incident(processInstanceKey);
      await engine.zeebe.cancelProcessInstance(processInstanceKey);
      const resolved = await records.query({
        valueType: 'INCIDENT',
        intent: 'RESOLVED',
        processInstanceKey,
      });
      expect(resolved.map((r) => r.key)).toEqual([incident.key]);
      expect(await records.intents(processInstanceKey, 'decide')).toEqual([
        'ELEMENT_ACTIVATING',
        'ELEMENT_TERMINATING',
        'ELEMENT_TERMINATED',
      ]);
      await expect(engine.zeebe.resolveIncident({ incidentKey: incident.key })).rejects.toThrow(
        /NOT_FOUND/,
      );
    });
  });

  describe('parallel gateway', () => {
    it('forks into every outgoing flow and its join waits for all incoming flows', async () => {
      const run = uniqueRun();
      const completion = engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'parallel-gateway',
        variables: { run },
        requestTimeout: 20_000,
      });
      const [jobA] = await activate(engine.zeebe, `parallel-a-${run}`);
      const [jobB] = await activate(engine.zeebe, `parallel-b-${run}`);
      const processInstanceKey = jobA!.processInstanceKey;
      expect(jobB!.processInstanceKey).toBe(processInstanceKey);

      await engine.zeebe.completeJob({ jobKey: jobA!.key, variables: { a: 1 } });
      // Two of three flows have arrived (the manual task's at once): the join has not fired.
      const arrived = await records.query({
        valueType: 'PROCESS_INSTANCE',
        intent: 'SEQUENCE_FLOW_TAKEN',
        processInstanceKey,
      });
      expect(arrived.map((r) => r.value.elementId)).toEqual(
        expect.arrayContaining(['instantDone', 'aDone']),
      );
      expect(await records.intents(processInstanceKey, 'join')).toEqual([]);

      await engine.zeebe.completeJob({ jobKey: jobB!.key, variables: { b: 2 } });
      const result = await completion;
      expect(result.variables).toEqual({ run, a: 1, b: 2 });
      expect(
        await records.elementKeys(processInstanceKey, 'join', 'ELEMENT_COMPLETED'),
      ).toHaveLength(1);
    });
  });

  describe('inclusive gateway', () => {
    it('takes every flow whose condition is true', async () => {
      const run = uniqueRun();
      const processInstanceKey = await startInstance(engine.zeebe, 'inclusive-gateway', {
        run,
        choices: ['instant', 'a', 'c'],
      });
      const [jobA] = await activate(engine.zeebe, `inclusive-a-${run}`);
      const [jobC] = await activate(engine.zeebe, `inclusive-c-${run}`);
      expect(jobA!.processInstanceKey).toBe(processInstanceKey);
      expect(jobC!.processInstanceKey).toBe(processInstanceKey);
      expect(await records.intents(processInstanceKey, 'instant')).toContain('ELEMENT_COMPLETED');
      expect(await records.intents(processInstanceKey, 'nothing')).toEqual([]);
    });

    it('joins by waiting only for the paths that were taken', async () => {
      const run = uniqueRun();
      const completion = engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'inclusive-gateway',
        variables: { run, choices: ['instant', 'a'] },
        requestTimeout: 20_000,
      });
      const [jobA] = await activate(engine.zeebe, `inclusive-a-${run}`);
      const processInstanceKey = jobA!.processInstanceKey;
      // The instant path has arrived; path A is still running, so the join waits.
      expect(await records.intents(processInstanceKey, 'instant')).toContain('ELEMENT_COMPLETED');
      expect(await records.intents(processInstanceKey, 'join')).toEqual([]);
      expect(await activatableNow(engine.zeebe, `inclusive-c-${run}`)).toEqual([]);

      await engine.zeebe.completeJob({ jobKey: jobA!.key, variables: { a: 'done' } });
      // Path C was not taken: the join does not wait for it.
      const result = await completion;
      expect(result.variables).toEqual({ run, choices: ['instant', 'a'], a: 'done' });
      expect(
        await records.elementKeys(processInstanceKey, 'join', 'ELEMENT_COMPLETED'),
      ).toHaveLength(1);
    });

    it.each([
      [true, ['sureJoins']],
      [false, ['maybeJoins', 'sureJoins']],
    ])(
      'joins once no active path can reach it any more (other path turns away: %s)',
      async (turnAway, arrivals) => {
        const result = await engine.zeebe.createProcessInstanceWithResult({
          bpmnProcessId: 'inclusive-join-diverging',
          variables: { turnAway },
        });
        const key = result.processInstanceKey;
        const taken = await records.query({
          valueType: 'PROCESS_INSTANCE',
          intent: 'SEQUENCE_FLOW_TAKEN',
          processInstanceKey: key,
        });
        const intoJoin = taken
          .map((r) => r.value.elementId)
          .filter((id) => /Joins$/.test(String(id)));
        expect(intoJoin.sort()).toEqual(arrivals);
        expect(await records.elementKeys(key, 'join', 'ELEMENT_COMPLETED')).toHaveLength(1);
        expect(await records.intents(key, 'end')).toContain('ELEMENT_COMPLETED');
      },
    );

    it('takes the default flow when no condition is true', async () => {
      const run = uniqueRun();
      const result = await engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'inclusive-gateway',
        variables: { run, choices: [] },
      });
      expect(result.variables).toEqual({ run, choices: [], nothingChosen: true });
    });
  });
});
