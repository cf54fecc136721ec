export { parseIntakeInput, type IntakeInput, type IntakeInputRules } from './intake-input';
export {
  createIntakeService,
  type IntakeService,
  type IntakeAnswer,
  type IntakeCaller,
  type IntakeResult,
} from './intake-service';
export { intakeRouter, type IntakeRoutesOptions } from './intake-routes';
export { nextDemandCode, DEMAND_CODE_PATTERN } from './demand-code';
export { placeDemand } from './demand-placement';
export { citizenColumns, type PiiProtection } from './citizen-pii';
export {
  startProcessStarter,
  type ProcessStarter,
  type ProcessStarterOptions,
} from './process-starter';
export {
  DEMAND_PROCESS_ID,
  loadStartVariables,
  type DemandStartVariables,
} from './start-variables';
