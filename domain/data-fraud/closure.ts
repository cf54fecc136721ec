/** One demand a unit closed (resolved) in the period, as its lead unit. */
export interface ClosureFact {
  unitCode: string;
  demandCode: string;
  /** demands.category; null when screening left it open. */
  category: string | null;
  /** When the unit became the lead unit (the assignment it resolved under). */
  assignedAt: Date;
  resolvedAt: Date;
  /** The result recorded on resolving (办理结果). */
  result: string | null;
}
