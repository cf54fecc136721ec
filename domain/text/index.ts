export { normaliseDemandText, type NormalisedDemandText } from './normalise-demand-text';
export { toSimplified } from './traditional-to-simplified';
export { toHalfWidth, collapseWhitespace } from './width-and-spacing';
