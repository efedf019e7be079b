export { ACCEPTED_DATE_FORMS, parseDateExpression, type DatePeriod } from './parse.js';
export { formatInstant, resolveDateRange, type DateRange } from './range.js';
