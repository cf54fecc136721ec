export { publicRouter, type PublicRoutesOptions } from './public-routes';
export { createPublicCsrf, VISITOR_COOKIE } from './public-csrf';
export { createPublicRateLimits, type PublicRateLimitOptions } from './rate-limits';
export { createPublicLookup, publicView, type PublicLookup } from './public-lookup';
export {
  createFeedbackService,
  parseFeedback,
  type CitizenFeedback,
  type FeedbackOptions,
} from './public-feedback';
