/**
 * Bug reports that fit any feature. `{feature}` becomes the feature title and `{where}` a phrase
 * such as "the Payees page" or "the Player screen", so reports read naturally on any product.
 */
import type { BugTemplate } from './products.js';

export const GENERIC_BUG_TEMPLATES: readonly BugTemplate[] = [
  { severity: 'critical', title: '{feature}: white screen after submitting the form', expected: 'A confirmation is shown.', actual: 'The screen turns white and nothing responds until a reload.', actions: ['Fill in every required field with valid data', 'Submit'] },
  { severity: 'critical', title: 'Error 500 on {where} when the name contains an apostrophe', expected: "Names such as O'Brien are accepted.", actual: 'An "Internal Server Error" page is shown.', actions: ["Enter O'Brien as the name", 'Save'] },
  { severity: 'high', title: 'Loading spinner never disappears on {where}', expected: 'Content loads within a few seconds.', actual: 'The spinner keeps turning for more than two minutes.', actions: ['Wait for the content to load'] },
  { severity: 'high', title: '{feature}: changes are lost after going back', expected: 'Entered data is kept when returning to the previous step.', actual: 'All fields are empty again.', actions: ['Enter data in the first step', 'Continue', 'Use the back button'] },
  { severity: 'high', title: '{feature} does not work after switching the language to German', expected: 'The feature works in every supported language.', actual: 'Buttons do nothing once the language is German.', actions: ['Switch the language to German', 'Use the main action'] },
  { severity: 'high', title: 'Session ends while using {where}', expected: 'The session stays active while the user is working.', actual: 'The user is logged out after about two minutes of activity.', actions: ['Work in the feature for a few minutes'] },
  { severity: 'low', title: '{feature}: keyboard focus jumps to the top after an error', expected: 'Focus moves to the field with the error.', actual: 'Focus jumps to the first element of the page.', actions: ['Leave a required field empty', 'Submit with the Enter key'] },
  { severity: 'low', title: 'Sorting on {where} resets after refresh', expected: 'The chosen sort order is kept.', actual: 'The default order comes back after a refresh.', actions: ['Change the sort order', 'Refresh'] },
  { severity: 'low', title: '{feature}: tooltip stays open after the pointer leaves', expected: 'The tooltip closes.', actual: 'It stays on screen and covers other content.', actions: ['Hover over the info icon', 'Move the pointer away'] },
  { severity: 'visual', title: 'Text overlaps the footer on {where}', expected: 'Content and footer do not overlap.', actual: 'The last paragraph is drawn over the footer.', actions: ['Scroll to the bottom'] },
  { severity: 'visual', title: '{feature}: button label cut off in German', expected: 'Labels fit their buttons.', actual: 'The label ends with "Bestät..." and the rest is hidden.', actions: ['Switch the language to German', 'Look at the primary button'] },
  { severity: 'visual', title: 'Icons on {where} are blurry on high-resolution screens', expected: 'Sharp icons.', actual: 'Icons look pixelated at 200% scaling.', actions: ['Set display scaling to 200%', 'Look at the icons'] },
  { severity: 'visual', title: '{feature}: dark mode shows black text on a dark background', expected: 'Readable contrast in dark mode.', actual: 'Body text is almost invisible.', actions: ['Enable dark mode in the system settings', 'Reload'] },
  { severity: 'content', title: 'Typo on {where}: "recieved"', expected: '"received".', actual: 'The confirmation says "recieved".', actions: ['Complete the main action', 'Read the confirmation'] },
  { severity: 'content', title: '{feature}: untranslated text in the German version', expected: 'All texts in German.', actual: 'The hint under the form is still in English.', actions: ['Switch the language to German', 'Read the form hints'] },
  { severity: 'content', title: 'Missing translation key shown on {where}', expected: 'A readable label.', actual: 'The label reads "form.submit.label".', actions: ['Look at the form labels'] },
  { severity: 'custom', title: '[Usability] {feature}: error message does not say which field is wrong', expected: 'The message names the field.', actual: '"Something went wrong" without details; testers guessed.', actions: ['Enter an invalid value in one field', 'Submit'] },
  { severity: 'custom', title: '[Performance] {where} takes more than 8 seconds to load on 3G', expected: 'Loads within 3 seconds.', actual: 'Measured 8-11 seconds with network throttling to "Fast 3G".', actions: ['Throttle the network to Fast 3G', 'Reload'] },
];
