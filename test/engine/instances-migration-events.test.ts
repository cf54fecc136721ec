import { useEngine } from '../support/engine';
import { Code, grpcError, unique } from './clients-support';
import { migrationSteps } from './migration-harness';
import {
  eventSubProcess,
  flows,
  message,
  messageCatch,
  messageDefinition,
  model,
  service,
  subProcess,
  timerCatch,
  timerDefinition,
} from './migration-models';
import { instanceState } from './user-tasks-helpers';

const HOUR = 3_600_000;

/**
 * Process instance migration of event sub-processes and event-based gateways, as Camunda 8.8
 * documents it ("Process instance migration", "Dealing with catch events"): a mapped catch
 * event keeps its subscription, an unmapped one of the source is closed, one of the target that
 * nothing is mapped to is opened; an active event sub-process migrates like a sub-process.
 * Time moves with PUT /v2/clock.
 */
describe('process instance migration: event sub-processes and event-based gateways', () => {
  const engine = useEngine();
  const { deploy, start, migrate, jobsOf, complete, records, recorded } = migrationSteps(engine);
  let now = Date.parse('2026-11-02T08:00:00Z');

  beforeEach(async () => {
    now += 24 * HOUR;
    await engine.setClock(now);
  });

  /** A message named uniquely for one test, correlated by `orderId`. */
  function messageNamed(id: string) {
    const head = message(id, unique('msg'));
    return { head, name: /name="([^"]+)"/.exec(head)![1]! };
  }

  describe('event sub-processes', () => {
    it('a message event sub-process added in the target opens its start event subscription; the source timer event sub-process that is not mapped is closed', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const { head, name } = messageNamed('Msg');
      await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess('late', 'lateStart', timerDefinition('PT1H'), [], []),
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess(
            'cancel',
            'cancelStart',
            messageDefinition('Msg'),
            [service('X', `${type}-x`)],
            ['X'],
          ),
          head,
        ),
      );
      const instanceKey = await start(processId, { orderId: 'o-1' });
      const [timer] = await records(instanceKey, 'TIMER', 'CREATED');
      await migrate(instanceKey, v2.key, [['A', 'A']]);

      const canceled = await records(instanceKey, 'TIMER', 'CANCELED');
      expect(canceled.map((r) => r.key)).toEqual([timer!.key]);
      const [opened] = await records(instanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED');
      expect(opened!.value).toMatchObject({ elementId: 'cancelStart', correlationKey: 'o-1' });
      await engine.zeebe.publishMessage({
        name,
        correlationKey: 'o-1',
        variables: {},
        timeToLive: 0,
      });
      const [x] = await jobsOf(`${type}-x`);
      expect(x).toMatchObject({ elementId: 'X', processDefinitionKey: v2.key });
      await complete(x!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('a mapped timer event sub-process start event keeps its timer and due date and fires on the target', async () => {
      const processId = unique('mig');
      const type = unique('job');
      await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess('late', 'lateStart', timerDefinition('PT1H'), [], []),
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess(
            'late2',
            'lateStart2',
            timerDefinition('PT5H'),
            [service('X', `${type}-x`)],
            ['X'],
          ),
        ),
      );
      const instanceKey = await start(processId);
      const [timer] = await records(instanceKey, 'TIMER', 'CREATED');
      await migrate(instanceKey, v2.key, [
        ['A', 'A'],
        ['lateStart', 'lateStart2'],
      ]);
      const [moved] = await records(instanceKey, 'TIMER', 'MIGRATED');
      expect(moved).toMatchObject({
        key: timer!.key,
        value: { targetElementId: 'lateStart2', dueDate: timer!.value.dueDate },
      });
      await engine.setClock(now + 2 * HOUR);
      const [x] = await jobsOf(`${type}-x`);
      expect(x).toMatchObject({ elementId: 'X', processDefinitionKey: v2.key });
      await complete(x!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
      const terminated = await recorded(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_TERMINATED', 'A');
      expect(terminated.value.processDefinitionKey).toBe(v2.key);
    });

    it('an active event sub-process migrates with the elements inside it and completes on the target', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const { head, name } = messageNamed('Msg');
      const withEventSubProcess = (id: string, inner: string[], path: string[]) =>
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess(id, `${id}Start`, messageDefinition('Msg'), inner, path, false),
          head,
        );
      await deploy(withEventSubProcess('esp', [service('E', `${type}-e`)], ['E']));
      const v2 = await deploy(
        withEventSubProcess(
          'esp2',
          [service('E2', `${type}-e`), service('F', `${type}-f`)],
          ['E2', 'F'],
        ),
      );
      const instanceKey = await start(processId, { orderId: 'o-2' });
      await engine.zeebe.publishMessage({
        name,
        correlationKey: 'o-2',
        variables: {},
        timeToLive: 0,
      });
      const [e] = await jobsOf(`${type}-e`);
      await migrate(instanceKey, v2.key, [
        ['A', 'A'],
        ['esp', 'esp2'],
        ['E', 'E2'],
      ]);
      await complete(e!);
      const [f] = await jobsOf(`${type}-f`);
      expect(f).toMatchObject({ elementId: 'F', processDefinitionKey: v2.key });
      await complete(f!);
      const done = await recorded(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', 'esp2');
      expect(done.value).toMatchObject({ bpmnElementType: 'EVENT_SUB_PROCESS' });
      const [a] = await jobsOf(type);
      await complete(a!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('a scope interrupted by an active event sub-process keeps its event sub-process start events closed: a target timer event sub-process is not opened', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const { head, name } = messageNamed('Msg');
      const version = (id: string, extra = '') =>
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess(
            id,
            `${id}Start`,
            messageDefinition('Msg'),
            [service(`${id}E`, `${type}-e`)],
            [`${id}E`],
          ) + extra,
          head,
        );
      await deploy(version('esp'));
      const v2 = await deploy(
        version('esp2', eventSubProcess('late', 'lateStart', timerDefinition('PT1H'), [], [])),
      );
      const instanceKey = await start(processId, { orderId: 'o-4' });
      await engine.zeebe.publishMessage({
        name,
        correlationKey: 'o-4',
        variables: {},
        timeToLive: 0,
      });
      const [e] = await jobsOf(`${type}-e`);
      await migrate(instanceKey, v2.key, [
        ['esp', 'esp2'],
        ['espE', 'esp2E'],
      ]);
      expect(await records(instanceKey, 'TIMER', 'CREATED')).toHaveLength(0);
      await engine.setClock(now + 2 * HOUR);
      await complete(e!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
      const completed = await records(instanceKey, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED');
      expect(completed.map((r) => r.value.elementId)).not.toContain('late');
    });

    it('an event sub-process added inside a migrated sub-process opens its start event subscription in that sub-process', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const inner = (extra: string) =>
        subProcess(
          'sub',
          `<bpmn:startEvent id="subStart" />${service('A', type)}<bpmn:endEvent id="subEnd" />${flows(['subStart', 'A', 'subEnd'])}${extra}`,
        );
      await deploy(model(processId, [inner('')], ['sub']));
      const v2 = await deploy(
        model(
          processId,
          [
            inner(
              eventSubProcess(
                'late',
                'lateStart',
                timerDefinition('PT1H'),
                [service('X', `${type}-x`)],
                ['X'],
              ),
            ),
          ],
          ['sub'],
        ),
      );
      const instanceKey = await start(processId);
      await jobsOf(type);
      await migrate(instanceKey, v2.key, [
        ['sub', 'sub'],
        ['A', 'A'],
      ]);
      const [timer] = await records(instanceKey, 'TIMER', 'CREATED');
      expect(timer!.value).toMatchObject({ targetElementId: 'lateStart' });
      await engine.setClock(now + 2 * HOUR);
      const [x] = await jobsOf(`${type}-x`);
      expect(x).toMatchObject({ elementId: 'X', processDefinitionKey: v2.key });
      await complete(x!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('an active event sub-process cannot be mapped to an embedded sub-process', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const { head, name } = messageNamed('Msg');
      await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          eventSubProcess(
            'esp',
            'espStart',
            messageDefinition('Msg'),
            [service('E', `${type}-e`)],
            ['E'],
            false,
          ),
          head,
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [
            service('A', type),
            subProcess(
              'sub',
              `<bpmn:startEvent id="subStart" />${service('E', `${type}-e`)}<bpmn:endEvent id="subEnd" />${flows(['subStart', 'E', 'subEnd'])}`,
            ),
          ],
          ['A', 'sub'],
        ),
      );
      const instanceKey = await start(processId, { orderId: 'o-3' });
      await engine.zeebe.publishMessage({
        name,
        correlationKey: 'o-3',
        variables: {},
        timeToLive: 0,
      });
      await jobsOf(`${type}-e`);
      const error = await grpcError(
        migrate(instanceKey, v2.key, [
          ['A', 'A'],
          ['esp', 'sub'],
          ['E', 'E'],
        ]),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        "active element with id 'esp' and type 'EVENT_SUB_PROCESS' is mapped to an element with id 'sub' and different type 'SUB_PROCESS'",
      );
    });
  });

  describe('event-based gateways', () => {
    /** gateway → timer (→ end) | message (→ end); the target routes each event to a task. */
    async function gatewayVersions() {
      const processId = unique('mig');
      const type = unique('job');
      const { head, name } = messageNamed('Msg');
      const gateway = (id: string) => `<bpmn:eventBasedGateway id="${id}" />`;
      await deploy(
        model(
          processId,
          [gateway('gw'), timerCatch('T1', 'PT1H'), messageCatch('M1', 'Msg')],
          ['gw', 'T1'],
          `<bpmn:endEvent id="end2" />${flows(['gw', 'M1', 'end2'])}`,
          head,
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [
            gateway('gw2'),
            timerCatch('T2', 'PT5H'),
            messageCatch('M2', 'Msg'),
            service('late', `${type}-late`),
            service('paid', `${type}-paid`),
          ],
          ['gw2', 'T2', 'late'],
          `${flows(['gw2', 'M2', 'paid', 'end'])}`,
          head,
        ),
      );
      return { processId, type, name, v2 };
    }

    it("an event-based gateway migrates with its catch events mapped: the timer keeps its due date and fires on the target's flow", async () => {
      const { processId, type, v2 } = await gatewayVersions();
      const instanceKey = await start(processId, { orderId: 'g-1' });
      const [timer] = await records(instanceKey, 'TIMER', 'CREATED');
      await migrate(instanceKey, v2.key, [
        ['gw', 'gw2'],
        ['T1', 'T2'],
        ['M1', 'M2'],
      ]);
      const [moved] = await records(instanceKey, 'TIMER', 'MIGRATED');
      expect(moved).toMatchObject({
        key: timer!.key,
        value: { targetElementId: 'T2', dueDate: timer!.value.dueDate },
      });
      const [subscription] = await records(instanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED');
      expect(subscription!.value).toMatchObject({ elementId: 'M2', correlationKey: 'g-1' });
      await engine.setClock(now + 2 * HOUR);
      const [late] = await jobsOf(`${type}-late`);
      expect(late).toMatchObject({ elementId: 'late', processDefinitionKey: v2.key });
      await complete(late!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('a message correlated after the migration triggers the mapped message catch event on the target', async () => {
      const { processId, type, name, v2 } = await gatewayVersions();
      const instanceKey = await start(processId, { orderId: 'g-2' });
      await records(instanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED');
      await migrate(instanceKey, v2.key, [
        ['gw', 'gw2'],
        ['M1', 'M2'],
      ]);
      // T1 was not mapped: its timer is closed and the target's T2 opened with its own due date.
      const [canceled] = await records(instanceKey, 'TIMER', 'CANCELED');
      expect(canceled!.value.targetElementId).toBe('T1');
      const created = await records(instanceKey, 'TIMER', 'CREATED');
      expect(created.map((r) => r.value.targetElementId)).toEqual(['T1', 'T2']);
      await engine.zeebe.publishMessage({
        name,
        correlationKey: 'g-2',
        variables: { paid: 1 },
        timeToLive: 0,
      });
      const [paid] = await jobsOf(`${type}-paid`);
      expect(paid).toMatchObject({ elementId: 'paid', processDefinitionKey: v2.key });
      await complete(paid!);
      expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    });

    it('a catch event of the gateway mapped to an element that does not follow the target gateway is rejected: catch events stay attached', async () => {
      const { processId, v2 } = await gatewayVersions();
      const instanceKey = await start(processId, { orderId: 'g-4' });
      await records(instanceKey, 'TIMER', 'CREATED');
      const error = await grpcError(
        migrate(instanceKey, v2.key, [
          ['gw', 'gw2'],
          ['T1', 'late'],
        ]),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        `Expected to migrate process instance '${instanceKey}' but active element with id 'gw' is mapped to an element with id 'gw2' and has a catch event with id 'T1' that is mapped to a catch event with id 'late'. These mappings detach the catch event from the element in the target process.`,
      );
      expect(await records(instanceKey, 'TIMER', 'MIGRATED')).toHaveLength(0);
    });

    it('a catch event of the gateway mapped to one of another event type is rejected', async () => {
      const { processId, v2 } = await gatewayVersions();
      const instanceKey = await start(processId, { orderId: 'g-3' });
      await records(instanceKey, 'TIMER', 'CREATED');
      const error = await grpcError(
        migrate(instanceKey, v2.key, [
          ['gw', 'gw2'],
          ['T1', 'M2'],
        ]),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        "has a catch event with id 'T1' that is mapped to a catch event with id 'M2'. These catch events have different event types: 'TIMER' and 'MESSAGE'.",
      );
    });
  });
});
