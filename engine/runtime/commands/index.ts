import type { CommandProcessor } from '../../processing/stream-processor';
import { clockCommands } from './clock';
import { createProcessInstance } from './creation';
import { createDeployment } from './deployment';
import { jobCommands } from './jobs';
import { miscCommands } from './misc';
import { processInstanceCommands } from './process-instance';

export type { ActivatedJob, ActivateJobsCommand } from './job-activation';
export type { CreationCommand, CreationResponse } from './creation';
export type { DeploymentCommand, DeploymentResponse } from './deployment';

/** Every command the engine processes, by `VALUE_TYPE:INTENT`. */
export function commandProcessors(): Map<string, CommandProcessor> {
  return new Map(
    Object.entries({
      ...processInstanceCommands,
      'PROCESS_INSTANCE_CREATION:CREATE': createProcessInstance,
      'DEPLOYMENT:CREATE': createDeployment,
      ...jobCommands,
      ...miscCommands,
      ...clockCommands,
    }),
  );
}
