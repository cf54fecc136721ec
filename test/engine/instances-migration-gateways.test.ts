import { useEngine } from '../support/engine';
import { Code, eventually, grpcError, readRecords, unique } from './clients-support';
import { processXml } from './fixtures';
import { migrationSteps } from './migration-harness';
import { flows, message, service } from './migration-models';
import { get } from './rest-helpers';

/**
 * Process instance migration of the gateways Camunda 8.8 documents ("Process instance
 * migration", "Dealing with gateways", "Correcting mistakes in a process instance" and
 * "Supported BPMN elements"): a joining parallel gateway still waiting for a flow moves with its
 * taken flows mapped, an exclusive gateway or a task held by an incident moves and the incident
 * is resolved on the target, and an active event-based gateway moves with the events after it (a
 * mapped event keeps its subscription, an unmapped one is closed and the target's own opened).
 */
describe('process instance migration of gateways', () => {
  const engine = useEngine();

  const steps = migrationSteps(engine);
  const { start, migrate } = steps;
  const deploy = async (xml: string) => (await steps.deploy(xml)).key;

  const jobOf = (type: string) =>
    eventually(
      async () =>
        (
          await engine.zeebe.activateJobs({
            type,
            worker: 'w',
            timeout: 60_000,
            maxJobsToActivate: 1,
          })
        )[0],
      `a job of type ${type}`,
    );

  describe('a joining parallel gateway with a taken flow', () => {
    /** start → fork → A, B → join → (version 2: C →) end. */
    const forkJoin = (processId: string, type: string, withC: boolean) =>
      processXml(
        processId,
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" />
        ${service('A', `${type}-a`)}${service('B', `${type}-b`)}${withC ? service('C', `${type}-c`) : ''}
        <bpmn:endEvent id="end" />
        ${flows(['start', 'fork', 'A', 'join'], ['fork', 'B', 'join'], ['join', ...(withC ? ['C'] : []), 'end'])}`,
      );

    async function halfJoined() {
      const processId = unique('join');
      const type = unique('job');
      const v1 = await deploy(forkJoin(processId, type, false));
      const v2 = await deploy(forkJoin(processId, type, true));
      const instanceKey = await start(processId);
      const a = await jobOf(`${type}-a`);
      await engine.zeebe.completeJob({ jobKey: a.key, variables: {} });
      // The flow from A has reached the join, which now waits for the flow from B.
      await eventually(async () => {
        const taken = await readRecords(engine.databaseUrl, {
          valueType: 'PROCESS_INSTANCE',
          intent: 'SEQUENCE_FLOW_TAKEN',
          processInstanceKey: instanceKey,
        });
        return taken.some((r) => r.value.elementId === 'f_A_join') ? true : undefined;
      }, 'the flow from A at the join');
      const b = await jobOf(`${type}-b`);
      return { type, v1, v2, instanceKey, b };
    }

    it('moves when the gateway and its taken flow are mapped; the join completes on the target', async () => {
      const { type, v1, v2, instanceKey, b } = await halfJoined();
      await migrate(instanceKey, v2, [
        ['B', 'B'],
        ['join', 'join'],
        ['f_A_join', 'f_A_join'],
      ]);
      const filter = { valueType: 'PROCESS_INSTANCE', processInstanceKey: instanceKey };
      const [deleted] = await readRecords(engine.databaseUrl, {
        ...filter,
        intent: 'SEQUENCE_FLOW_DELETED',
      });
      expect(deleted!.value).toMatchObject({ elementId: 'f_A_join', processDefinitionKey: v1 });
      await engine.zeebe.completeJob({ jobKey: b.key, variables: {} });
      const c = await jobOf(`${type}-c`);
      expect(c).toMatchObject({ elementId: 'C', processDefinitionKey: v2 });
      await engine.zeebe.completeJob({ jobKey: c.key, variables: {} });
      await eventually(async () => {
        const instance = await get(`${engine.restUrl}/v2/process-instances/${instanceKey}`);
        return instance.body?.state === 'COMPLETED' ? instance.body : undefined;
      }, 'the instance to complete on the target');
    });

    it('is rejected without a mapping for the waiting gateway', async () => {
      const { v2, instanceKey, b } = await halfJoined();
      const noGateway = await grpcError(migrate(instanceKey, v2, [['B', 'B']]));
      expect(noGateway.code).toBe(Code.FAILED_PRECONDITION);
      expect(noGateway.details).toContain("joining gateway with id 'join'");
      // Nothing moved: B's job and the join are still those of version 1.
      const instance = await get(`${engine.restUrl}/v2/process-instances/${instanceKey}`);
      expect(instance.body.processDefinitionVersion).toBe(1);
      await engine.zeebe.completeJob({ jobKey: b.key, variables: {} });
      await eventually(async () => {
        const done = await get(`${engine.restUrl}/v2/process-instances/${instanceKey}`);
        return done.body?.state === 'COMPLETED' ? true : undefined;
      }, 'the instance to complete on version 1');
    });
  });

  describe('an element whose activation an incident holds', () => {
    const incidentOf = (instanceKey: string) =>
      eventually(async () => {
        const [created] = await readRecords(engine.databaseUrl, {
          valueType: 'INCIDENT',
          intent: 'CREATED',
          processInstanceKey: instanceKey,
        });
        return created;
      }, 'the incident');

    /** start → decide (exclusive, no default) → `route` = the route's task → end. */
    const deciding = (processId: string, type: string, route: string) =>
      processXml(
        processId,
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="decide" />
        ${service('A', `${type}-a`)}<bpmn:endEvent id="end" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
        <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="A"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=route = "${route}"</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="f3" sourceRef="A" targetRef="end" />`,
      );

    it('an exclusive gateway with an incident moves; resolving it takes the flow of the target', async () => {
      const processId = unique('decide');
      const type = unique('job');
      await deploy(deciding(processId, type, 'north'));
      const v2 = await deploy(deciding(processId, type, 'south'));
      const instanceKey = await start(processId, { route: 'south' });
      const incident = await incidentOf(instanceKey);
      await migrate(instanceKey, v2, [['decide', 'decide']]);
      const [moved] = await readRecords(engine.databaseUrl, {
        valueType: 'INCIDENT',
        intent: 'MIGRATED',
        key: incident.key,
      });
      expect(moved!.value).toMatchObject({ elementId: 'decide', processDefinitionKey: v2 });
      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      expect(await jobOf(`${type}-a`)).toMatchObject({ elementId: 'A', processDefinitionKey: v2 });
    });

    it("a task whose input mapping failed moves; its activation is retried with the target's mapping", async () => {
      const processId = unique('input');
      const type = unique('job');
      const task = (source: string) =>
        processXml(
          processId,
          `<bpmn:startEvent id="start" />
          <bpmn:serviceTask id="A"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />
          <zeebe:ioMapping><zeebe:input source="${source}" target="checked" /></zeebe:ioMapping>
          </bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />${flows(['start', 'A', 'end'])}`,
        );
      await deploy(task('=assert(amount, amount != null, &quot;amount is required&quot;)'));
      const v2 = await deploy(task('=if amount = null then 0 else amount'));
      const instanceKey = await start(processId);
      const incident = await incidentOf(instanceKey);
      await migrate(instanceKey, v2, [['A', 'A']]);
      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      const job = await jobOf(type);
      expect(job).toMatchObject({ elementId: 'A', processDefinitionKey: v2 });
      expect(job.variables).toMatchObject({ checked: 0 });
    });
  });

  describe('an active event-based gateway', () => {
    afterAll(() => engine.resetClock());
    const HOUR = 3_600_000;
    /** start → gateway → message `paid` | timer → (version 2: late task →) end. */
    const waiting = (processId: string, type: string, name: string, timer: string, v2: boolean) =>
      processXml(
        processId,
        `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gateway" />
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>${timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        ${service('after-paid', `${type}-paid`)}${v2 ? service('late', `${type}-late`) : ''}
        <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
        ${flows(['start', 'gateway', 'paid', 'after-paid', 'end'], ['gateway', 'timeout', ...(v2 ? ['late'] : []), 'end2'])}`,
        message('Msg', name),
      );

    async function atGateway(targetTimer: string) {
      const processId = unique('gw');
      const type = unique('job');
      const name = unique('paid');
      await deploy(waiting(processId, type, name, 'PT1H', false));
      const v2 = await deploy(waiting(processId, type, name, targetTimer, true));
      const now = Date.now();
      await engine.setClock(now);
      const instanceKey = await start(processId, { orderId: unique('o') });
      const filter = { processInstanceKey: instanceKey, intent: 'CREATED' };
      const [timer] = await eventually(async () => {
        const found = await readRecords(engine.databaseUrl, { ...filter, valueType: 'TIMER' });
        return found.length > 0 ? found : undefined;
      }, 'the timer of the gateway');
      return { processId, type, name, v2, now, instanceKey, timer: timer! };
    }

    it('moves with its events mapped: the timer keeps its key and due date, a message is correlated on the target', async () => {
      const { type, name, v2, instanceKey, timer } = await atGateway('PT5H');
      const [subscription] = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'CREATED',
        processInstanceKey: instanceKey,
      });
      await migrate(instanceKey, v2, [
        ['gateway', 'gateway'],
        ['paid', 'paid'],
        ['timeout', 'timeout'],
      ]);
      const [moved] = await readRecords(engine.databaseUrl, {
        valueType: 'TIMER',
        intent: 'MIGRATED',
        key: timer.key,
      });
      expect(moved!.value).toMatchObject({ dueDate: timer.value.dueDate });
      const [migrated] = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'MIGRATED',
        key: subscription!.key,
      });
      expect(migrated!.value).toMatchObject({ elementId: 'paid' });
      const orderId = (subscription!.value as { correlationKey: string }).correlationKey;
      await engine.zeebe.publishMessage({ name, correlationKey: orderId, variables: {} });
      expect(await jobOf(`${type}-paid`)).toMatchObject({
        elementId: 'after-paid',
        processDefinitionKey: v2,
      });
    });

    it("an unmapped event's timer is canceled and the target's own is created, and fires on the target", async () => {
      const { type, v2, now, instanceKey, timer } = await atGateway('PT10M');
      await migrate(instanceKey, v2, [
        ['gateway', 'gateway'],
        ['paid', 'paid'],
      ]);
      const filter = { valueType: 'TIMER', processInstanceKey: instanceKey };
      const canceled = await readRecords(engine.databaseUrl, { ...filter, intent: 'CANCELED' });
      expect(canceled.map((r) => r.key)).toEqual([timer.key]);
      const created = await readRecords(engine.databaseUrl, { ...filter, intent: 'CREATED' });
      expect(created).toHaveLength(2);
      // The target's ten minutes, evaluated at the migration: earlier than the source's hour.
      expect(Number(created[1]!.value.dueDate)).toBeLessThan(Number(timer.value.dueDate));
      expect(created[1]!.value.targetElementId).toBe('timeout');
      await engine.setClock(now + HOUR / 4);
      expect(await jobOf(`${type}-late`)).toMatchObject({
        elementId: 'late',
        processDefinitionKey: v2,
      });
    });

    it('a mapped event must stay after the target gateway, as an event of its kind', async () => {
      const { v2, instanceKey } = await atGateway('PT5H');
      const error = await grpcError(
        migrate(instanceKey, v2, [
          ['gateway', 'gateway'],
          ['paid', 'timeout'],
        ]),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        "active element with id 'gateway' has a catch event with id 'paid' that is mapped to a catch event with id 'timeout'",
      );
      expect(error.details).toContain('The event type of a catch event cannot be changed');
    });
  });
});
