/**
 * A TestIO token is printable ASCII without spaces. Anything else cannot travel in an HTTP header
 * (fetch refuses it before sending, which once read as "check your network" after four retries),
 * so it is refused at once, saying what is wrong without echoing the token.
 */

/** What is wrong with the token, or undefined when it can be sent. */
export function tokenProblem(token: string): string | undefined {
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code >= 0x21 && code <= 0x7e) continue;
    const what =
      code === 0x0a || code === 0x0d
        ? 'a line break'
        : code === 0x20 || code === 0x09
          ? 'a space'
          : code < 0x20 || code === 0x7f
            ? 'a control character'
            : 'a non-ASCII character';
    return `TESTIO_CUSTOMER_API_TOKEN is malformed: it contains ${what} (character ${i + 1} of ${token.length}). A Customer API token is one line of letters, digits and punctuation: copy it again from TestIO, set it without quotes or line breaks, then restart the server.`;
  }
  return undefined;
}
