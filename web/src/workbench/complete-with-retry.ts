import { ApiError } from '../api/http';
import { completeTask } from '../api/tasks';

/**
 * Completes a task just claimed. The engine's search lags its commands by moments (as
 * Camunda's does), so the server may still see the task unclaimed and answer 409 "Claim the
 * task before completing it": that answer is retried for a few seconds, every other is final.
 */
export async function completeAfterClaim(
  key: string,
  variables: Record<string, unknown>,
  waitMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await completeTask(key, variables);
      return;
    } catch (error) {
      const lagging =
        error instanceof ApiError && error.status === 409 && /claim/i.test(error.message);
      if (!lagging || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }
}
