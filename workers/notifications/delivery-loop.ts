import { safeErrorText } from './delivery-errors';
import {
  deliverDueNotifications,
  deliveryContext,
  type DeliveryOptions,
  type PassResult,
} from './delivery';

export interface DeliveryStatus {
  running: boolean;
  lastPollAt: string | null;
  lastError: string | null;
  sent: number;
  retried: number;
  failed: number;
}

export interface RunningDelivery {
  /** Stops polling and waits for the pass in progress to settle its rows. */
  stop(): Promise<void>;
  status(): DeliveryStatus;
  /** Looks for due rows now instead of at the next poll (after enqueuing, say). */
  wake(): void;
}

/**
 * Delivers the notification outbox: polls for due rows every `pollMs` (at once again while
 * batches come back full), sends each through its channel's sender, retries failures with
 * exponential back-off and marks a row failed after the last attempt. Several loops (or
 * processes) can run on one database: each row is claimed by exactly one of them.
 */
export function startNotificationDelivery(options: DeliveryOptions): RunningDelivery {
  const ctx = deliveryContext(options);
  const pollMs = options.pollMs ?? 2_000;
  const totals = { sent: 0, retried: 0, failed: 0 };
  let running = true;
  let lastPollAt: string | null = null;
  let lastError: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const schedule = (delay: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pass(), delay);
  };

  const pass = async (): Promise<void> => {
    if (current || !running) return;
    let result: PassResult | undefined;
    current = (async () => {
      try {
        result = await deliverDueNotifications(ctx);
        totals.sent += result.sent;
        totals.retried += result.retried;
        totals.failed += result.failed + result.unknown;
        lastError = null;
      } catch (error) {
        // The database went away, say: report it and try again at the next poll.
        lastError = safeErrorText(error);
        ctx.log(`notification delivery pass failed: ${lastError}`);
      } finally {
        lastPollAt = new Date().toISOString();
      }
    })();
    await current;
    current = undefined;
    schedule(result?.more ? 0 : pollMs);
  };

  schedule(0);
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
    status: () => ({ running, lastPollAt, lastError, ...totals }),
    wake() {
      if (running && !current) schedule(0);
    },
  };
}
