/**
 * The shape of projected search rows, shared by the projections of each record kind
 * (projection.ts, user-task-projection.ts) and the exporter that writes them.
 */
export type Row = Record<string, unknown>;

/** One table's rows of a batch, by key: several records about one key merge into one row. */
export interface TableRows {
  table: string;
  columns: string[];
  /** SET clause for ON CONFLICT (key); empty: keep the existing row. */
  onConflict: string;
  rows: Map<string, Row>;
}
