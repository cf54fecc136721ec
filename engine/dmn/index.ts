/** DMN 1.3 decisions as Camunda 8.8 runs them: parsing (dmn-moddle) and evaluation (FEEL). */
export type * from './model';
export { parseDmn } from './parse';
export { evaluateDecision } from './evaluate';
