import type { DeployedForm, DeployedProcess } from '../types';
import type { Applier } from './applier';

/** PROCESS CREATED carries the parsed process, so replay never re-parses XML. */
const processCreated: Applier = (state, record) => {
  state.addProcess(record.value as DeployedProcess);
};

const formCreated: Applier = (state, record) => {
  state.addForm(record.value as DeployedForm);
};

export const deploymentAppliers: Record<string, Applier> = {
  'PROCESS:CREATED': processCreated,
  'FORM:CREATED': formCreated,
  // DEPLOYMENT CREATED only summarises what the PROCESS/FORM events already applied.
  'DEPLOYMENT:CREATED': () => undefined,
};
