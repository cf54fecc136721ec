/**
 * The codes of the API's vocabulary (API.md) the search form offers: the same lists the server
 * validates with, so the form cannot offer a code the API refuses.
 */
export { CATEGORIES, DOMAINS, STATUSES, TIERS } from '../../../domain/demand/vocabulary';
