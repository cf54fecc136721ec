import path from 'node:path';
import { ConfigError, externalCamundaTarget, type CamundaTarget } from '../../platform';
import { loadEngineSettings, type EngineSettings } from './engine-settings';

/** Settings of `npm start` beyond the platform's, read once from the environment. */
export interface RuntimeConfig {
  /**
   * Load the demo district (and print its logins) into an empty database. `MINSHENG_DEMO`
   * `on` (default) or `off`; always off when `NODE_ENV=production`.
   */
  demo: boolean;
  /** Folder deployed at start. `MINSHENG_PROCESSES_DIR`, default `processes/` of the checkout. */
  processesDir: string;
  /** A Camunda 8 cluster from `ZEEBE_GRPC_ADDRESS`/`ZEEBE_REST_ADDRESS`, or the embedded engine. */
  engine:
    { kind: 'external'; target: CamundaTarget } | { kind: 'embedded'; settings: EngineSettings };
  /**
   * How long a claimed process start is left to the process that claimed it before another
   * start may take it (after that process died mid-call). `PROCESS_START_LEASE_SECONDS`,
   * default 300.
   */
  processStartLeaseMs: number;
}

const CHECKOUT = path.resolve(__dirname, '../..');

export function loadRuntimeConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): RuntimeConfig {
  const demoSetting = (env.MINSHENG_DEMO || 'on').toLowerCase();
  if (demoSetting !== 'on' && demoSetting !== 'off') {
    throw new ConfigError(`MINSHENG_DEMO must be "on" or "off", got "${env.MINSHENG_DEMO}"`);
  }
  const external = externalCamundaTarget(env);
  const lease = env.PROCESS_START_LEASE_SECONDS ?? '300';
  if (!/^[1-9][0-9]*$/.test(lease)) {
    throw new ConfigError(
      `PROCESS_START_LEASE_SECONDS must be a whole number of seconds ≥ 1, got "${lease}"`,
    );
  }
  return {
    demo: demoSetting === 'on' && env.NODE_ENV !== 'production',
    processesDir: env.MINSHENG_PROCESSES_DIR
      ? path.resolve(cwd, env.MINSHENG_PROCESSES_DIR)
      : path.join(CHECKOUT, 'processes'),
    engine: external
      ? { kind: 'external', target: external }
      : { kind: 'embedded', settings: loadEngineSettings(env) },
    processStartLeaseMs: Number(lease) * 1000,
  };
}
