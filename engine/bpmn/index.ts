/** BPMN for the engine: parse, validate and compile deployment resources into model.ts. */
export type * from './model';
export { parseBpmn, mapProcesses, type ParseResult } from './parse';
export {
  compileResources,
  validateDeployment,
  type CompileResult,
  type CompiledForm,
  type CompiledProcess,
  type DeploymentResource,
} from './validate';
export { checkSupport, ENGINE_SUPPORT, isSupported, unsupportedMessage } from './support';
export { lint } from './lint';
export { readDefinitions, type BpmnProblem, type ModdleElement } from './moddle';
export { toExpression } from './expression';
