/** The codes of the API's vocabulary (API.md) the search form offers. */
export const STATUSES = [
  'received',
  'screening',
  'reviewing',
  'dispatching',
  'handling',
  'paused',
  'awaiting_verification',
  'signoff',
  'archived',
  'diverted',
  'merged',
  'closed_invalid',
] as const;
export const CATEGORIES = [
  'consultation',
  'suggestion',
  'request',
  'complaint',
  'collective',
  'other',
] as const;
export const DOMAINS = [
  'housing',
  'traffic',
  'environment',
  'sanitation',
  'urban_management',
  'utilities',
  'social_security',
  'health',
  'education',
  'market',
  'public_security',
  'land',
  'neighbourhood',
  'agriculture',
  'conduct',
  'other',
] as const;
export const TIERS = ['village', 'township', 'district', 'city'] as const;
