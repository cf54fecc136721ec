export { ledgerRouter, type LedgerRoutesOptions } from './ledger-routes';
export { LEDGER_COLUMNS, columnsOf, type LedgerColumn } from './ledger-columns';
export { LEDGER_TIERS, type LedgerTier } from './ledger-access';
