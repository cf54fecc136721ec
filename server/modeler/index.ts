export { modelerRouter, type ModelerRoutesOptions } from './modeler-routes';
export {
  createModelerEngine,
  elementErrors,
  type DeployedProcess,
  type ModelerEngine,
  type ProcessVersion,
} from './modeler-engine';
export {
  groupDecisions,
  type DecisionVersion,
  type DeployedDecisionModel,
} from './modeler-decisions';
export { groupForms, type DeployedFormModel, type FormVersion } from './modeler-forms';
export {
  deploymentOf,
  type DeployedDecisionResource,
  type DeployedResource,
  type Deployment,
} from './modeler-deployment';
export { createMigrationEngine, type MigrationEngine } from './migration-engine';
export { migrationRouter, type MigrationRoutesOptions } from './migration-routes';
export { sameIdMapping, type MappingInstruction } from './migration-mapping';
