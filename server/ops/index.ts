export { opsRouter, type OpsRoutesOptions } from './ops-routes';
export { createOpsEngine, type OpsEngine } from './ops-engine';
export { opsScopeOf, type OpsScope } from './ops-access';
export { isPersonalName, maskPersonal } from './personal-data';
export { MAX_INCIDENTS_PER_LIST } from './incident-list';
