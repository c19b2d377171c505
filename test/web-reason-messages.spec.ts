import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, ko } from '../apps/web/src/messages';

/**
 * Every reason the server writes for a person to read (a ride's rejection, a delivery's risk, a
 * move that cannot be made) goes out with a stable code, and the pages say it by that code in
 * Korean and English: a Korean board never shows the engine's English ("SHIFT_END: no vehicle
 * could finish…"). A new code without its texts fails here.
 */
const ROOT = join(__dirname, '..');
const HANGUL = /[\uac00-\ud7a3]/;
const messages = (lang: Record<string, string>, key: string) => lang[key];

/** The engine's rejection codes, read from its type (libs/dispatch/src/model.ts). */
function engineCodes(): string[] {
  const model = readFileSync(join(ROOT, 'libs/dispatch/src/model.ts'), 'utf8');
  const union = /export type RejectionCode =([^;]+);/.exec(model)![1];
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
}

/**
 * The codes the luggage planner (libs/planning), its dispatcher handlers and the handover write as
 * a risk: `code: 'X'` in their sources.
 */
function luggageRiskCodes(): string[] {
  const planner = join(ROOT, 'libs/planning/src/luggage-planner.ts');
  const dir = join(ROOT, 'apps/dispatcher/src/luggage');
  const files = [
    planner,
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !/spec\.ts$/.test(f))
      .map((f) => join(dir, f)),
  ];
  const codes = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bcode:\s*'([A-Z_]+)'/g)].map((m) => m[1]));
  return [...new Set([...codes, 'HANDOVER_LOCKED'])];
}

describe('reasons the server writes have ko/en texts by code', () => {
  it('reads the codes it checks (the patterns still match the sources)', () => {
    expect(engineCodes()).toEqual(expect.arrayContaining(['SHIFT_END', 'NO_VEHICLE', 'PICKUP_WINDOW']));
    expect(luggageRiskCodes()).toEqual(expect.arrayContaining(['DEADLINE_AT_RISK', 'UNPLANNABLE', 'NO_VEHICLE']));
  });

  it.each(engineCodes())('ride rejection %s is said in Korean and English', (code) => {
    expect(messages(ko, `reject.${code}`)).toMatch(HANGUL);
    expect(messages(en, `reject.${code}`)).toBeTruthy();
  });

  it.each([...new Set([...engineCodes(), ...luggageRiskCodes()])])(
    'delivery risk %s is said in Korean and English',
    (code) => {
      expect(messages(ko, `risk.${code}`)).toMatch(HANGUL);
      expect(messages(ko, `risk.${code}`)).not.toMatch(/[a-z]{3,}/);
      expect(messages(en, `risk.${code}`)).toBeTruthy();
    },
  );

  it('names riders in the board texts, never by an id', () => {
    for (const key of ['alert.noShow', 'board.moveDelay'] as const) {
      expect(ko[key]).toContain('{name}');
      expect(en[key]).toContain('{name}');
      expect(ko[key]).not.toContain('{id}');
    }
  });
});
