/** The citizen's view of a demand's life: five steps instead of the staff's statuses. */
export const STEPS = ['received', 'screening', 'handling', 'verification', 'done'] as const;

const STEP_OF_STATUS: Record<string, number> = {
  received: 0,
  screening: 1,
  reviewing: 1,
  dispatching: 2,
  handling: 2,
  paused: 2,
  awaiting_verification: 3,
  signoff: 3,
  archived: 4,
};

/**
 * The step a status stands at, or null for the ends that skip handling (diverted, merged,
 * closed as invalid): those are explained in words rather than drawn as an unfinished path.
 */
export function stepOf(status: string): number | null {
  return STEP_OF_STATUS[status] ?? null;
}
