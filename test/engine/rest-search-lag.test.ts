import { useEngine } from '../support/engine';
import { deployProcess, get, post, taskProcess } from './rest-helpers';

const LAG_MS = 300;

/**
 * Camunda's search is eventually consistent: what the engine committed reaches search only
 * after the exporter wrote it. ENGINE_SEARCH_LAG_MS makes that delay explicit, so clients are
 * tested against it: a just-created instance is not found at once, and is found after the lag.
 */
describe('REST API: search lag (ENGINE_SEARCH_LAG_MS)', () => {
  const engine = useEngine({ env: { ENGINE_SEARCH_LAG_MS: String(LAG_MS) } });
  const url = (path: string) => `${engine.restUrl}${path}`;

  it('a just-created instance is not visible at once, and is visible after the lag', async () => {
    await deployProcess(engine.restUrl, 'lagged', taskProcess('lagged'));
    const started = Date.now();
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'lagged' });
    expect(created.status).toBe(200);
    const key = created.body.processInstanceKey as string;
    const filter = { filter: { processInstanceKey: key } };

    const atOnce = await post(url('/v2/process-instances/search'), filter);
    expect(atOnce.body).toMatchObject({ items: [], page: { totalItems: 0 } });
    expect((await get(url(`/v2/process-instances/${key}`))).status).toBe(404);

    // Real-time eventual consistency, not a domain timer: bounded polling.
    let visibleAt: number | undefined;
    while (Date.now() - started < 5_000) {
      const search = await post(url('/v2/process-instances/search'), filter);
      if (search.body.items.length === 1) {
        visibleAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(visibleAt).toBeDefined();
    expect(visibleAt! - started).toBeGreaterThanOrEqual(LAG_MS);
    expect((await get(url(`/v2/process-instances/${key}`))).status).toBe(200);
  });

  it('commands are not delayed by the lag: cancellation answers at once', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'lagged' });
    const started = Date.now();
    const cancelled = await post(
      url(`/v2/process-instances/${created.body.processInstanceKey}/cancellation`),
    );
    expect(cancelled.status).toBe(204);
    expect(Date.now() - started).toBeLessThan(LAG_MS);
  });
});
