import { createTimerFor } from '../behaviors/timers';
import { waitingCatchEvent } from './catch-event';

/**
 * Intermediate timer catch event: waits until its timer fires (TIMER TRIGGER completes it).
 * The timer expression is evaluated on activation, in the event's scope.
 */
export const timerCatchEvent = waitingCatchEvent((ec) => {
  const created = createTimerFor(ec, ec.element, ec.key);
  return created.ok ? { ok: true, value: undefined } : created;
});
