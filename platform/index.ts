export { loadPlatformConfig, redactDatabaseUrl, ConfigError, type PlatformConfig } from './config';
export { createLog, type Log } from './log';
export {
  openDatabaseServer,
  startEmbeddedPostgres,
  ensureDatabase,
  withDatabase,
  createKnex,
  type DatabaseServer,
  type EmbeddedPostgres,
  type KnexOptions,
} from './postgres';
export { createCamundaClient, externalCamundaTarget, type CamundaTarget } from './camunda';
export { freePort } from './free-port';
