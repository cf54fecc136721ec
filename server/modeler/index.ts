export { modelerRouter, type ModelerRoutesOptions } from './modeler-routes';
export {
  createModelerEngine,
  elementErrors,
  type DeployedProcess,
  type DeployedResource,
  type ModelerEngine,
  type ProcessVersion,
} from './modeler-engine';
