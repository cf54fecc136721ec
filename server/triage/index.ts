export {
  createEmergencyCheck,
  loadEmergencyLexicon,
  DEFAULT_LEXICON_FILE,
  LexiconError,
  type EmergencyCheck,
  type EmergencyFinding,
  type EmergencyLexicon,
} from './emergency-check';
export {
  loadTriageLexicons,
  DEFAULT_LEXICON_DIR,
  REASON_OUTCOMES,
  type TriageLexicons,
} from './triage-lexicons';
export type {
  TriagePlace,
  TriageInput,
  ContentSuggestion,
  TriageLabels,
  TriageModel,
  TriageModelState,
} from './triage-types';
export { createTriageModel, type TriageModelOptions } from './triage-model';
export { loadOrgDirectory, EMPTY_ORG_DIRECTORY, type OrgDirectory } from './org-directory';
export { routeDemand, ROUTING_RULES, type RoutingRule } from './routing-table';
export {
  loadLatestModel,
  saveModelVersion,
  resetModel,
  listModelVersions,
  KEPT_MODEL_VERSIONS,
} from './triage-store';
export {
  createTriageLearner,
  type TriageLearner,
  type TriageLearnerOptions,
  type LearnResult,
} from './triage-learner';
export { MODEL_FORMAT_VERSION, ModelStateError } from './online-model';
export {
  createTriageService,
  type TriageService,
  type TriageServiceOptions,
  type IntakeSuggestion,
  type IntakeTriage,
} from './triage-service';
