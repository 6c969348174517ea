/**
 * A query the caller built wrongly in a way only the repository can tell (an unknown filter column or
 * metric, a condition type the column does not take). Services answer it as 400 with this message.
 */
export class QueryInputError extends Error {}
