import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { cancelJobOf, prepareJob, writeJob } from '../behaviors/jobs';
import { toActivated } from '../behaviors/activation';
import { toCompleted, toTerminated } from '../behaviors/lifecycle';
import { applyInputMappings, applyOutputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';

/**
 * Service, send, script and job-based business rule and user tasks, and message intermediate
 * throw and end events (Camunda 8.8, "Message events": they behave exactly like service tasks,
 * the engine publishes no message itself): activation creates a job; the element waits until a
 * worker completes it (COMPLETE_ELEMENT follows the job's completion). An end event then ends
 * its path, and its flow scope completes as after any end event.
 */
export const jobWorkerTask: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const job = prepareJob(ec);
    if (!job.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', job.message);
    if (toActivated(ec)) writeJob(ec, job.value);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    cancelJobOf(ec);
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};
