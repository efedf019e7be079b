/** The shared wording helpers every area's answers use. */
import { errorText, NotFoundError, withHint } from '../../src/platform/errors.js';
import { escapeTableCell } from '../../src/platform/text.js';

describe('escapeTableCell', () => {
  it('keeps a value inside its markdown row', () => {
    expect(escapeTableCell('a|b')).toBe('a\\|b');
    expect(escapeTableCell('line one  \n  line two\r\nthree')).toBe('line one line two three');
    expect(escapeTableCell('plain')).toBe('plain');
  });
  it('composes with other text filters', () => {
    const shout = (text: string) => text.toUpperCase();
    expect(escapeTableCell(shout('x|y\nz'))).toBe('X\\|Y Z');
  });
});

describe('withHint and errorText', () => {
  it('joins a message and its hint into one text', () => {
    expect(withHint('Test 5 was not found', 'Call list_tests.')).toBe('Test 5 was not found. Call list_tests.');
    expect(withHint('Stopped!', 'Retry.')).toBe('Stopped! Retry.');
    expect(withHint('No hint ')).toBe('No hint');
  });
  it('reads a typed error with its hint, anything else by its message', () => {
    expect(errorText(new NotFoundError('Test', 5, 'Call list_tests.'))).toBe('Test 5 was not found. Call list_tests.');
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('raw')).toBe('raw');
  });
});
