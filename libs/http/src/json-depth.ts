import { MAX_INPUT_DEPTH } from './object-body.pipe';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether raw JSON nests deeper than `max`, found by one pass over the bytes (brackets inside
 * strings do not count). Runs before JSON.parse, so a body built to exhaust the stack of a
 * recursive transformer is refused before anything walks it.
 */
export function jsonNestsDeeperThan(body: Buffer, max = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      depth += 1;
      if (depth > max) return true;
    } else if (CLOSE.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}

/** body-parser's `verify` hook: an error with a status and a type the ProblemFilter maps to 400 PAYLOAD_TOO_DEEP. */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonNestsDeeperThan(body))
    throw Object.assign(new Error(`The body nests deeper than ${MAX_INPUT_DEPTH} levels.`), {
      status: 400,
      type: 'entity.too.deep',
    });
}
