/** Tariffs: the pure rule (grid in force, QF bracket, price), money helpers, and the store side. */
export {
  applicableGrid,
  bracketFor,
  bracketReasonLabel,
  defaultGridName,
  hasValidQf,
  highestBracket,
  priceFor,
  qfStatus,
  type BracketChoice,
  type BracketReason,
  type FamilyTariffProfile,
  type PriceQuote,
  type TariffBracket,
  type TariffGrid,
} from './rules';
export { centsToInput, formatEuros, parseEuros, type EurosParse } from './money';
export { loadFamilyTariffProfile, loadTariffs, quoteUnit } from './service';
