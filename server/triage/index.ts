export {
  createEmergencyCheck,
  loadEmergencyLexicon,
  DEFAULT_LEXICON_FILE,
  LexiconError,
  type EmergencyCheck,
  type EmergencyFinding,
  type EmergencyLexicon,
} from './emergency-check';
