export { unitRouter, UNIT_TIERS, type UnitRoutesOptions } from './units-routes';
export { unitReachOf, unitsWithin, type UnitItem, type UnitReach } from './unit-reach';
