export { fraudFacts } from './fraud-facts';
export { recordFraudFindings, type RecordedFinding } from './fraud-warning-store';
export {
  currentDataFraudPolicy,
  detectAndRecordDataFraud,
  type FraudRun,
} from './detect-data-fraud';
export { notifyFraudWarnings } from './notify-fraud-warnings';
