export { modelerRouter, type ModelerRoutesOptions } from './modeler-routes';
export {
  createModelerEngine,
  elementErrors,
  type DeployedProcess,
  type DeployedResource,
  type ModelerEngine,
  type ProcessVersion,
} from './modeler-engine';
export { createMigrationEngine, type MigrationEngine } from './migration-engine';
export { migrationRouter, type MigrationRoutesOptions } from './migration-routes';
export { sameIdMapping, type MappingInstruction } from './migration-mapping';
