/**
 * The engine clock. Camunda lets tests pin it (`PUT /v2/clock`) and reset it
 * (`POST /v2/clock/reset`); every timestamp, deadline and due date in the engine comes from
 * here, so moving the clock forward fires what became due without waiting.
 */
export class EngineClock {
  private pinnedAt: number | undefined;

  now(): number {
    return this.pinnedAt ?? Date.now();
  }

  pin(epochMillis: number): void {
    this.pinnedAt = epochMillis;
  }

  reset(): void {
    this.pinnedAt = undefined;
  }

  get pinned(): boolean {
    return this.pinnedAt !== undefined;
  }
}
