/**
 * Opaque paging tokens: base64url(JSON payload) + "." + HMAC, so a token cannot be forged or
 * edited. The key comes from the team server's signing secret (MCP_LINK_SECRET, or the one kept
 * beside the keys file), so every replica honours every replica's tokens; without one (stdio) it
 * is random per process, and a token from an earlier server run is refused clearly.
 * The payload binds the token to its test and filters: reusing it with other filters is an error,
 * not a silently wrong page.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserInputError } from '../../platform/errors.js';

export interface PageCursor {
  /** What the token belongs to, e.g. the test id. */
  scope: number;
  /** A canonical description of the filters, e.g. "type=functional;severity=critical;status=all". */
  filters: string;
  offset: number;
}

const PARAM = 'continuation_token';
const RESTART = 'Call again without continuation_token to start from the first page.';

/** Signs when no shared secret is configured: tokens then last as long as this process. */
const PROCESS_SECRET = randomBytes(32);

/** The tokens of one scope (an area's tenant): a token of one scope is refused in every other. */
export function pagingTokens(sharedSecret: string | undefined, scope: string): ContinuationTokens {
  return new ContinuationTokens(createHmac('sha256', sharedSecret ?? PROCESS_SECRET).update(`paging:${scope}`).digest());
}

export class ContinuationTokens {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }

  encode(cursor: PageCursor): string {
    const body = Buffer.from(JSON.stringify({ v: 1, s: cursor.scope, f: cursor.filters, o: cursor.offset })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** Checks the signature and that the token matches this call's scope and filters. */
  decode(token: string, expected: { scope: number; filters: string; scopeName: string }): number {
    const [body, mac, extra] = token.trim().split('.');
    const good = Buffer.from(body && mac && extra === undefined ? this.sign(body) : '');
    const given = Buffer.from(mac ?? '');
    // Byte lengths, not string lengths: timingSafeEqual throws on unequal buffers.
    if (good.length === 0 || good.length !== given.length || !timingSafeEqual(good, given)) {
      throw new UserInputError(PARAM, `${PARAM} is not valid: it was changed, cut short, or issued before the server restarted.`, RESTART);
    }
    let payload: { v?: unknown; s?: unknown; f?: unknown; o?: unknown };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof payload;
    } catch {
      throw new UserInputError(PARAM, `${PARAM} is not valid.`, RESTART);
    }
    if (payload.v !== 1 || typeof payload.o !== 'number' || !Number.isInteger(payload.o) || payload.o < 0) {
      throw new UserInputError(PARAM, `${PARAM} is not valid.`, RESTART);
    }
    if (payload.s !== expected.scope) {
      throw new UserInputError(PARAM, `${PARAM} belongs to ${expected.scopeName} ${String(payload.s)}, not ${expected.scope}.`, RESTART);
    }
    if (payload.f !== expected.filters) {
      throw new UserInputError(
        PARAM,
        `${PARAM} was issued for other filters (${String(payload.f)}); this call asks for ${expected.filters}.`,
        `Repeat the call with the same filters to get the next page, or drop continuation_token to start over with the new ones.`,
      );
    }
    return payload.o;
  }
}
