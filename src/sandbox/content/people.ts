/** Testers who report bugs, and the reject reasons customers choose from (keys fixed by the API). */
import type { RejectReason } from '../types.js';

export const TESTERS: readonly string[] = [
  'Anna K.', 'Mateo R.', 'Chidi O.', 'Yuki T.', 'Lukas W.', 'Fatima Z.', 'Oleksandr P.', 'Camila S.',
  'Arjun M.', 'Emma L.', 'Tomasz N.', 'Grace A.', 'Hugo B.', 'Mei C.', 'Sipho D.', 'Ines F.',
  'Pavel V.', 'Laura G.', 'Kwame E.', 'Sara H.', 'Jakub J.', 'Noor I.', 'Diego Q.', 'Elif Y.',
];

/** Customer-side reviewers who comment on bugs. */
export const REVIEWERS: readonly string[] = ['Acme QA Team', 'Customer Success', 'Product Owner'];

export const REJECT_REASONS: readonly RejectReason[] = [
  { key: 'device_not_relevant', name: 'Device not relevant', default_comment: 'This device is not in the scope of our supported devices.' },
  { key: 'ignored_instructions', name: 'Ignored instructions', default_comment: 'The report does not follow the test instructions.' },
  { key: 'intended_behavior', name: 'Intended behavior', default_comment: 'This behaviour is intended.' },
  { key: 'irrelevant', name: 'Irrelevant', default_comment: 'This issue is not relevant for us.' },
  { key: 'known_bug', name: 'Known bug', default_comment: 'We already know about this issue.' },
  { key: 'not_reproducible', name: 'Not reproducible', default_comment: 'We could not reproduce this issue.' },
  { key: 'request_timeout', name: 'Request timeout', default_comment: 'The tester did not answer our request in time.' },
];
