/** get_valid_bug_filters: the filter values get_test_bugs accepts, each with what it means. */
import { BUG_STATUSES, BUG_TYPES, FUNCTIONAL_SEVERITIES } from './bug-classify.js';

export interface FilterValue {
  value: string;
  meaning: string;
}

export type BugFilterCatalog = {
  bug_types: FilterValue[];
  severities: FilterValue[];
  statuses: FilterValue[];
  notes: string[];
}

const TYPE_MEANINGS: Record<(typeof BUG_TYPES)[number] | 'all', string> = {
  functional: 'Something does not work as intended; the only type with a severity (low, high, critical).',
  visual: 'Layout or display defect: misaligned, cut off, overlapping or broken visuals.',
  content: 'Wrong, missing or misspelled text, images, links or translations.',
  custom: "A bug category defined for this customer's own reporting needs.",
  all: 'Every bug type (the default).',
};

const SEVERITY_MEANINGS: Record<(typeof FUNCTIONAL_SEVERITIES)[number] | 'all', string> = {
  low: 'Functional bug with minor impact; a workaround exists or few users are affected.',
  high: 'Functional bug that blocks or breaks an important feature for many users.',
  critical: 'Functional bug that blocks a core flow, loses data or money, or crashes the app.',
  all: 'Every severity (the default); setting one limits results to functional bugs.',
};

const STATUS_MEANINGS: Record<(typeof BUG_STATUSES)[number] | 'all', string> = {
  accepted: 'Accepted by a person on the customer side (excludes auto-accepted).',
  auto_accepted: 'Accepted automatically after about 10 days without review; a high share signals untriaged bugs.',
  rejected: 'Rejected by the customer (not reproducible, intended behaviour, out of scope, ...).',
  forwarded: 'Open: forwarded to the customer and still waiting for a decision.',
  all: 'Every status (the default).',
};

const entries = <K extends string>(m: Record<K, string>): FilterValue[] =>
  (Object.entries(m) as [K, string][]).map(([value, meaning]) => ({ value, meaning }));

export function bugFilterCatalog(): BugFilterCatalog {
  return {
    bug_types: entries(TYPE_MEANINGS),
    severities: entries(SEVERITY_MEANINGS),
    statuses: entries(STATUS_MEANINGS),
    notes: [
      'The API stores type and severity in one field: low/high/critical mean a functional bug.',
      'Filters combine with AND; "all" (or leaving a filter out) disables it.',
      'Summaries count "forwarded" bugs as open.',
    ],
  };
}
