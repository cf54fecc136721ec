/** The rows of a chart's table view: the same numbers the chart draws, as text. */
export interface DataColumn {
  key: string;
  label: string;
  /** Numbers align right. */
  numeric?: boolean;
}

export type DataRow = Record<string, string | number>;
