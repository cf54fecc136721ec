export { taskRouter, type TaskRoutesOptions } from './task-routes';
export {
  createTaskEngine,
  MAX_TASKS_PER_LIST,
  type TaskEngine,
  type TaskEngineClient,
  type EngineTask,
  type EngineForm,
} from './task-engine';
export { formRules, type FormRules } from './form-fields';
export { validateAgainstForm, MAX_TEXT_CHARACTERS } from './form-validation';
export { elementNamesOf } from './element-names';
export { referencedVariables } from './form-references';
export { isOfferedTo, DEMAND_CODE_VARIABLE } from './task-view';
