import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as domain from '@app/domain';
import { en, ko } from '../apps/web/src/messages';

/**
 * Every code the API can refuse with has a message in both languages, so a page never shows a
 * rider or a traveller the server's English. Codes come from the domain's code objects and from
 * the literals the API and the libs throw; a new code without a message fails here.
 */
const ROOT = join(__dirname, '..');
const SOURCES = [join(ROOT, 'apps/api/src'), join(ROOT, 'libs')];

const CODE = String.raw`['"\x60]([A-Z][A-Z0-9_]*[A-Z0-9])['"\x60]`;
/** The places a code is written as a literal (each pattern captures the code). */
const PATTERNS: RegExp[] = [
  // invalid('X', ...), conflict('X', ...), new DomainError('X', ...), refuse('X') on sockets
  new RegExp(String.raw`\b(?:invalid|conflict|notFound|forbidden|unauthenticated|unauthorized|refuse|DomainError)\(\s*${CODE}`, 'g'),
  // a problem body written by hand: { code: 'X', message: ... }
  new RegExp(String.raw`\bcode:\s*${CODE}\s*,\s*message:`, 'g'),
  // [code, message] pairs for mapConstraintError: { unique: ['X', ...] } or (...): [string, string] => ['X', ...]
  new RegExp(String.raw`(?:\b(?:unique|foreignKey)\s*:|=>)\s*\[\s*${CODE}\s*,`, 'g'),
  // the ProblemFilter's status table: 409: 'CONFLICT',
  new RegExp(String.raw`^\s*\d{3}\s*:\s*${CODE}\s*,?\s*$`, 'gm'),
];
/** A code picked on one line: `code = ... ? 'VALIDATION_FAILED' : (HTTP_CODES[status] ?? 'HTTP_ERROR')`. */
const CODE_LINE = /^.*\bcode\s*[:=](?!=).*$/gm;
const FALLBACK = new RegExp(String.raw`\?\??\s*${CODE}`, 'g');

function codesIn(text: string): string[] {
  const found = PATTERNS.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]));
  for (const [line] of text.matchAll(CODE_LINE)) found.push(...[...line.matchAll(FALLBACK)].map((m) => m[1]));
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [path] : [];
  });
}

function literalCodes(): Map<string, string> {
  const where = new Map<string, string>();
  for (const file of SOURCES.flatMap(sourceFiles)) {
    for (const code of codesIn(readFileSync(file, 'utf8'))) if (!where.has(code)) where.set(code, relative(ROOT, file));
  }
  return where;
}

function domainCodes(): Map<string, string> {
  const where = new Map<string, string>();
  for (const [name, value] of Object.entries(domain)) {
    if (!name.endsWith('ErrorCode') || !value || typeof value !== 'object') continue;
    for (const code of Object.values(value as Record<string, unknown>)) if (typeof code === 'string') where.set(code, `@app/domain ${name}`);
  }
  return where;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web error messages', () => {
  const codes = new Map([...literalCodes(), ...domainCodes()]);
  const ko_ = ko as Record<string, string>;
  const en_ = en as Record<string, string>;

  it('finds the codes in every form they are written in', () => {
    // One per source form: if a pattern stops matching, this says so before codes go unchecked.
    expect([...codes.keys()]).toEqual(
      expect.arrayContaining([
        'STOP_UNKNOWN', // ShuttleErrorCode
        'PIN_INVALID', // LuggageErrorCode
        'OCCURRED_AT_TOO_EARLY', // OccurredAtErrorCode
        'AREA_POLYGON_SELF_INTERSECTS', // invalid(\n 'X'
        'RATE_LIMITED', // new DomainError('X'
        'TRACKING_UNAVAILABLE', // refuse('X')
        'UNSUPPORTED_MEDIA_TYPE', // { code: 'X', message }
        'STAFF_EMAIL_TAKEN', // [string, string] => ['X', ...]
        'VEHICLE_HAS_HISTORY', // foreignKey: ['X', ...]
        'METHOD_NOT_ALLOWED', // ProblemFilter status table
        'HTTP_ERROR', // ProblemFilter fallback
        'VALIDATION_FAILED',
      ]),
    );
    expect(codes.size).toBeGreaterThan(100);
  });

  it.each([...codes.keys()].sort())('%s has a message in Korean and in English', (code) => {
    const key = `code.${code}`;
    const from = codes.get(code);
    expect({ code, from, ko: ko_[key]?.trim() || 'MISSING' }).toEqual({ code, from, ko: expect.stringMatching(/[가-힣]/) });
    expect({ code, from, en: en_[key]?.trim() || 'MISSING' }).toEqual({ code, from, en: expect.not.stringMatching(/^MISSING$/) });
    expect(placeholders(en_[key])).toEqual(placeholders(ko_[key]));
  });

  it.each([...domain.RIDE_REJECTION_CODES])('the rider reads why %s turned the ride down, in Korean and in English', (code) => {
    const key = `reject.${code}`;
    expect({ code, ko: ko_[key]?.trim() || 'MISSING' }).toEqual({ code, ko: expect.stringMatching(/[가-힣]/) });
    expect({ code, en: en_[key]?.trim() || 'MISSING' }).toEqual({ code, en: expect.not.stringMatching(/^MISSING$/) });
  });
});
