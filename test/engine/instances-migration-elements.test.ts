import { useEngine } from '../support/engine';
import { Code, grpcError, unique } from './clients-support';
import { migrationSteps } from './migration-harness';
import { flows, model, multiInstanceService, service, timerBoundary } from './migration-models';
import { instanceState } from './user-tasks-helpers';

/**
 * Process instance migration of multi-instance activities, joining gateways and elements
 * stopped at an incident, as Camunda 8.8 documents them ("Process instance migration":
 * supported markers, "Migrating joining parallel and inclusive gateways", "Correcting mistakes
 * in a process instance"): each migrated instance then continues on the target version.
 */
describe('process instance migration: multi-instance, joins, incidents', () => {
  const engine = useEngine();
  const { deploy, start, migrate, jobsOf, complete, records, recorded } = migrationSteps(engine);

  describe('multi-instance bodies', () => {
    it('a parallel multi-instance body migrates with its inner instances, whose jobs complete on the target; the body then completes there', async () => {
      const processId = unique('mig');
      const type = unique('job');
      await deploy(model(processId, [multiInstanceService('A', type)], ['A']));
      const v2 = await deploy(
        model(
          processId,
          [multiInstanceService('A2', type), service('B', `${type}-b`)],
          ['A2', 'B'],
        ),
      );
      const instanceKey = await start(processId);
      const before = await jobsOf(type, 2);
      await migrate(instanceKey, v2.key, [['A', 'A2']]);

      const migrated = await records(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED');
      expect(
        migrated
          .filter((r) => r.value.elementId === 'A2')
          .map((r) => r.value.bpmnElementType)
          .sort(),
      ).toEqual(['MULTI_INSTANCE_BODY', 'SERVICE_TASK', 'SERVICE_TASK']);
      for (const job of before) await complete(job);
      const [next] = await jobsOf(`${type}-b`);
      expect(next).toMatchObject({ elementId: 'B', processDefinitionKey: v2.key });
      await complete(next!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
      const completed = await recorded(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', 'A2');
      expect(completed.value).toMatchObject({
        bpmnElementType: 'SERVICE_TASK',
        processDefinitionKey: v2.key,
      });
    });

    it('a sequential multi-instance body migrates: the next inner instances are created on the target, keeping their loop variables', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const sequential = { sequential: true, collection: '=items' };
      await deploy(model(processId, [multiInstanceService('A', type, sequential)], ['A']));
      const v2 = await deploy(
        model(
          processId,
          [multiInstanceService('A2', type, sequential), service('B', `${type}-b`)],
          ['A2', 'B'],
        ),
      );
      const instanceKey = await start(processId, { items: ['x', 'y', 'z'] });
      const [first] = await jobsOf(type);
      expect(first).toMatchObject({ elementId: 'A', variables: { item: 'x', loopCounter: 1 } });
      await migrate(instanceKey, v2.key, [['A', 'A2']]);
      await complete(first!);
      for (const item of ['y', 'z']) {
        const [job] = await jobsOf(type);
        expect(job).toMatchObject({
          elementId: 'A2',
          processDefinitionKey: v2.key,
          variables: { item },
        });
        await complete(job!);
      }
      const [next] = await jobsOf(`${type}-b`);
      expect(next!.processDefinitionKey).toBe(v2.key);
    });

    it('a boundary event the target attaches to a multi-instance activity is opened once, for the body, and interrupts it on the target', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const now = Date.parse('2026-11-20T08:00:00Z');
      await engine.setClock(now);
      try {
        await deploy(model(processId, [multiInstanceService('A', type)], ['A']));
        const v2 = await deploy(
          model(
            processId,
            [multiInstanceService('A2', type), service('X', `${type}-x`)],
            ['A2'],
            `${timerBoundary('T', 'A2', 'PT1H')}${flows(['T', 'X', 'end'])}`,
          ),
        );
        const instanceKey = await start(processId);
        await jobsOf(type, 2);
        await migrate(instanceKey, v2.key, [['A', 'A2']]);
        const timers = await records(instanceKey, 'TIMER', 'CREATED');
        expect(timers.map((r) => r.value.targetElementId)).toEqual(['T']);
        await engine.setClock(now + 2 * 3_600_000);
        const [x] = await jobsOf(`${type}-x`);
        expect(x).toMatchObject({ elementId: 'X', processDefinitionKey: v2.key });
        const canceled = await records(instanceKey, 'JOB', 'CANCELED');
        expect(canceled.map((r) => r.value.elementId)).toEqual(['A2', 'A2']);
      } finally {
        await engine.resetClock();
      }
    });

    it('a parallel multi-instance body cannot be mapped to a sequential one, nor to an activity without loop characteristics', async () => {
      const processId = unique('mig');
      const type = unique('job');
      await deploy(model(processId, [multiInstanceService('A', type)], ['A']));
      const sequential = await deploy(
        model(processId, [multiInstanceService('A', type, { sequential: true })], ['A']),
      );
      const single = await deploy(model(processId, [service('A', type)], ['A']));
      const instanceKey = await start(processId);
      await jobsOf(type, 2);

      const toSequential = await grpcError(migrate(instanceKey, sequential.key, [['A', 'A']]));
      expect(toSequential.code).toBe(Code.FAILED_PRECONDITION);
      expect(toSequential.details).toContain(
        `Expected to migrate process instance '${instanceKey}' but active element with id 'A' has a different loop characteristics than the target element with id 'A'. Both elements must have either sequential or parallel loop characteristics.`,
      );
      const toSingle = await grpcError(migrate(instanceKey, single.key, [['A', 'A']]));
      expect(toSingle.details).toContain(
        "active element with id 'A' and type 'MULTI_INSTANCE_BODY' is mapped to an element with id 'A' and different type 'SERVICE_TASK'",
      );
      expect(await records(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED')).toHaveLength(0);
    });
  });

  describe('joining gateways', () => {
    /** fork → A, B → join: the documented example; the target adds C between A and the join. */
    async function joinVersions(
      targetIncoming: 'two' | 'one' = 'two',
      join: 'parallelGateway' | 'inclusiveGateway' = 'parallelGateway',
    ) {
      const processId = unique('mig');
      const type = unique('job');
      const fork = '<bpmn:parallelGateway id="fork" />';
      await deploy(
        model(
          processId,
          [
            fork,
            service('A', `${type}-a`),
            service('B', `${type}-b`),
            `<bpmn:${join} id="join" />`,
          ],
          ['fork', 'A', 'join'],
          flows(['fork', 'B', 'join']),
        ),
      );
      const v2 =
        targetIncoming === 'two'
          ? await deploy(
              model(
                processId,
                [
                  fork,
                  service('A', `${type}-a`),
                  service('C', `${type}-c`),
                  service('B', `${type}-b`),
                  `<bpmn:${join} id="join2" />`,
                  service('D', `${type}-d`),
                ],
                ['fork', 'A', 'C', 'join2', 'D'],
                flows(['fork', 'B', 'join2']),
              ),
            )
          : await deploy(
              model(
                processId,
                [service('B', `${type}-b`), `<bpmn:${join} id="join2" />`],
                ['B', 'join2'],
              ),
            );
      const instanceKey = await start(processId);
      const [a] = await jobsOf(`${type}-a`);
      await complete(a!);
      await recorded(instanceKey, 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', 'f_A_join');
      return { processId, type, v2, instanceKey };
    }

    it('a joining parallel gateway waiting for a flow migrates with its taken flow mapped; the remaining branch then activates the target gateway', async () => {
      const { type, v2, instanceKey } = await joinVersions();
      await migrate(instanceKey, v2.key, [
        ['B', 'B'],
        ['join', 'join2'],
        ['f_A_join', 'f_C_join2'],
      ]);
      const deleted = await records(instanceKey, 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_DELETED');
      expect(deleted.map((r) => r.value.elementId)).toEqual(['f_A_join']);

      const [b] = await jobsOf(`${type}-b`);
      expect(b).toMatchObject({ elementId: 'B', processDefinitionKey: v2.key });
      await complete(b!);
      const [d] = await jobsOf(`${type}-d`);
      expect(d).toMatchObject({ elementId: 'D', processDefinitionKey: v2.key });
      await complete(d!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
      const activated = await records(instanceKey, 'JOB', 'CREATED');
      expect(activated.map((r) => r.value.elementId)).not.toContain('C');
    });

    it('a joining inclusive gateway waiting for a flow migrates with its taken flow mapped and joins on the target', async () => {
      const { type, v2, instanceKey } = await joinVersions('two', 'inclusiveGateway');
      await migrate(instanceKey, v2.key, [
        ['B', 'B'],
        ['join', 'join2'],
        ['f_A_join', 'f_C_join2'],
      ]);
      const [b] = await jobsOf(`${type}-b`);
      await complete(b!);
      const [d] = await jobsOf(`${type}-d`);
      expect(d).toMatchObject({ elementId: 'D', processDefinitionKey: v2.key });
      const joined = await recorded(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', 'join2');
      expect(joined.value.bpmnElementType).toBe('INCLUSIVE_GATEWAY');
    });

    it('a joining gateway with taken flows needs a mapping, and its target must have at least as many incoming flows', async () => {
      const unmapped = await joinVersions();
      const withoutMapping = await grpcError(
        migrate(unmapped.instanceKey, unmapped.v2.key, [['B', 'B']]),
      );
      expect(withoutMapping.code).toBe(Code.FAILED_PRECONDITION);
      expect(withoutMapping.details).toContain(
        "no mapping instruction defined for the joining gateway with id 'join'",
      );

      const fewer = await joinVersions('one');
      const error = await grpcError(
        migrate(fewer.instanceKey, fewer.v2.key, [
          ['B', 'B'],
          ['join', 'join2'],
        ]),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        'The target gateway must have at least the same number of incoming sequence flows as the source gateway.',
      );
      const [b] = await jobsOf(`${fewer.type}-b`);
      expect(b!.processDefinitionVersion).toBe(1);
    });
  });

  describe('elements stopped at an incident', () => {
    it("a task whose input mapping failed migrates with its incident; resolving it applies the target's corrected input mapping", async () => {
      const processId = unique('mig');
      const type = unique('job');
      const withInput = (source: string) =>
        service('A', type, '').replace(
          '<zeebe:taskDefinition',
          `<zeebe:ioMapping><zeebe:input source="${source}" target="amount" /></zeebe:ioMapping><zeebe:taskDefinition`,
        );
      await deploy(
        model(
          processId,
          [withInput('=assert(total, total != null, &quot;total is required&quot;)')],
          ['A'],
        ),
      );
      const v2 = await deploy(model(processId, [withInput('=order.total')], ['A']));
      const instanceKey = await start(processId, { order: { total: 12 } });
      const incident = await recorded(instanceKey, 'INCIDENT', 'CREATED', 'A');
      expect(incident.value.errorType).toBe('IO_MAPPING_ERROR');
      await migrate(instanceKey, v2.key, [['A', 'A']]);

      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      const [job] = await jobsOf(type);
      expect(job).toMatchObject({
        elementId: 'A',
        processDefinitionKey: v2.key,
        variables: { amount: 12 },
      });
      await complete(job!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('an exclusive gateway with an incident migrates; resolving the incident evaluates the target gateway', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const gateway = (id: string, fallback?: string) =>
        `<bpmn:exclusiveGateway id="${id}"${fallback ? ` default="${fallback}"` : ''} />`;
      const conditioned = (from: string, to: string) =>
        `<bpmn:sequenceFlow id="f_${from}_${to}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>=amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>`;
      await deploy(
        model(processId, [gateway('check'), service('big', `${type}-big`)], ['check'], '').replace(
          '<bpmn:sequenceFlow id="f_check_end" sourceRef="check" targetRef="end" />',
          `${conditioned('check', 'big')}${flows(['big', 'end'])}`,
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [
            gateway('check2', 'f_check2_small'),
            service('big', `${type}-big`),
            service('small', `${type}-small`),
          ],
          ['check2', 'small'],
          `${conditioned('check2', 'big')}${flows(['big', 'end'])}`,
        ),
      );
      const instanceKey = await start(processId, { amount: 5 });
      const incident = await recorded(instanceKey, 'INCIDENT', 'CREATED', 'check');
      await migrate(instanceKey, v2.key, [['check', 'check2']]);
      const [moved] = await records(instanceKey, 'INCIDENT', 'MIGRATED');
      expect(moved).toMatchObject({ key: incident.key, value: { elementId: 'check2' } });

      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      const [small] = await jobsOf(`${type}-small`);
      expect(small).toMatchObject({ elementId: 'small', processDefinitionKey: v2.key });
      await complete(small!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });
  });
});
