/** Camunda's incident error types that have a Chinese label in `ops.errorTypes`. */
export const ERROR_TYPES = [
  'JOB_NO_RETRIES',
  'IO_MAPPING_ERROR',
  'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR',
  'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED',
  'CALLED_DECISION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'EXECUTION_LISTENER_NO_RETRIES',
  'TASK_LISTENER_NO_RETRIES',
  'FORM_NOT_FOUND',
  'RESOURCE_NOT_FOUND',
] as const;

/** The i18n key of an error type's label (an unknown one reads 未知错误). */
export function errorTypeKey(errorType: string): string {
  return (ERROR_TYPES as readonly string[]).includes(errorType)
    ? `ops.errorTypes.${errorType}`
    : 'ops.errorTypes.UNKNOWN';
}
