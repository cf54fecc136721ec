import { useEngine } from '../support/engine';
import { asApi, deployTasks, readRecords } from './clients-support';

/**
 * The engine clock (`PUT /v2/clock`, `POST /v2/clock/reset`) drives job deadlines and retry
 * back-offs. This engine looks for due items only once an hour on its own, so anything that
 * happens here right after a clock move was caused by the move itself.
 */
describe('job deadlines on the engine clock', () => {
  const engine = useEngine({ env: { ENGINE_DUE_DATE_CHECK_INTERVAL_MS: '3600000' } });
  afterEach(() => engine.resetClock());

  const sdk = () => asApi(engine.zeebe);
  /** Whatever is activatable right now: no long polling, so nothing can arrive late. */
  const activatableNow = (type: string, timeout = 60_000) =>
    sdk().activateJobs({
      type,
      worker: 'probe',
      timeout,
      maxJobsToActivate: 10,
      requestTimeout: -1,
    });

  async function startOne() {
    const deployed = await deployTasks(sdk());
    await sdk().createProcessInstance({ bpmnProcessId: deployed.processId, variables: {} });
    return deployed;
  }

  it('moving the clock past an activated job deadline times the job out at once: the very next poll gets it', async () => {
    const start = Date.UTC(2032, 0, 1);
    await engine.setClock(start);
    const { types } = await startOne();
    const [job] = await activatableNow(types[0]!, 30_000);
    expect(Number(job!.deadline)).toBe(start + 30_000);
    await engine.setClock(start + 30_001);
    const [again] = await activatableNow(types[0]!);
    expect(again?.key).toBe(job!.key);
  });

  it('moving the clock to the end of a retry back-off makes the job activatable at once', async () => {
    const start = Date.UTC(2032, 1, 1);
    await engine.setClock(start);
    const { types } = await startOne();
    const [job] = await activatableNow(types[0]!);
    await engine.zeebe.failJob({
      jobKey: job!.key,
      retries: 2,
      errorMessage: 'later',
      retryBackOff: 5 * 60_000,
    });
    await engine.setClock(start + 5 * 60_000);
    const [again] = await activatableNow(types[0]!);
    expect(again).toMatchObject({ key: job!.key, retries: 2 });
  });

  it('a 30-day job timeout elapses as soon as the clock is moved 30 days on', async () => {
    const start = Date.UTC(2032, 2, 1);
    const thirtyDays = 30 * 24 * 3600 * 1000;
    await engine.setClock(start);
    const { types } = await startOne();
    const [job] = await activatableNow(types[0]!, thirtyDays);
    await engine.setClock(start + thirtyDays - 1);
    expect(await activatableNow(types[0]!)).toEqual([]);
    await engine.setClock(start + thirtyDays + 1);
    const [again] = await activatableNow(types[0]!);
    expect(again?.key).toBe(job!.key);
  });

  it('every clock move is a record in the log: CLOCK PINNED with the time, CLOCK RESETTED', async () => {
    const time = Date.UTC(2032, 3, 4, 5, 6, 7);
    await engine.setClock(time);
    await engine.resetClock();
    const clock = await readRecords(engine.databaseUrl, {
      valueType: 'CLOCK',
      recordType: 'EVENT',
    });
    const pinned = clock.filter((r) => r.intent === 'PINNED').pop();
    expect(pinned?.value).toEqual({ time });
    expect(clock[clock.length - 1]!.intent).toBe('RESETTED');
  });

  it('a pinned clock stays pinned across a restart of the engine (the clock is state, as in Zeebe)', async () => {
    const pinned = Date.UTC(2033, 5, 6);
    await engine.setClock(pinned);
    await engine.restart('SIGKILL');
    const { types } = await startOne();
    const [job] = await activatableNow(types[0]!, 1_000);
    expect(Number(job!.deadline)).toBe(pinned + 1_000);
  });

  it('after a reset the engine clock follows real time again', async () => {
    await engine.setClock(Date.UTC(2040, 0, 1));
    await engine.resetClock();
    const { types } = await startOne();
    const before = Date.now();
    const [job] = await activatableNow(types[0]!, 1_000);
    expect(Number(job!.deadline)).toBeGreaterThanOrEqual(before + 1_000 - 50);
    expect(Number(job!.deadline)).toBeLessThanOrEqual(Date.now() + 1_000 + 50);
  });
});
