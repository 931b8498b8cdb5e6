/** The date-aware legal rules and SPASER policy rules, one module per subject. */
export * from "./reserve";
export * from "./insertion";
export * from "./advance";
export * from "./price-revision";
export * from "./loi-climat";
export * from "./milestones";
export { BUYER_KINDS, CONTRACT_NATURES, EARLIEST_RULE_DATE, isInputError } from "./input";
