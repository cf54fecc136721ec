import type { DeployedDecision, DeployedDrg } from '../decisions';
import type { Applier } from './applier';

/** DECISION_REQUIREMENTS CREATED carries the parsed decisions, so replay never re-parses DMN. */
const drgCreated: Applier = (state, record) => {
  state.decisions.addDrg(record.value as DeployedDrg);
};

const decisionCreated: Applier = (state, record) => {
  state.decisions.addDecision(record.value as DeployedDecision);
};

export const decisionAppliers: Record<string, Applier> = {
  'DECISION_REQUIREMENTS:CREATED': drgCreated,
  'DECISION:CREATED': decisionCreated,
  // An evaluation is history only: it changes no state (variables come as VARIABLE events).
  'DECISION_EVALUATION:EVALUATED': () => undefined,
  'DECISION_EVALUATION:FAILED': () => undefined,
};
