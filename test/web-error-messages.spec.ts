import * as domain from '@app/domain';
import { ERROR_CODES, ErrorCode } from '@app/domain';
import { en, ko } from '../apps/web/src/messages';

/**
 * Every code the server can refuse with has a message in both languages, so a page never shows a
 * rider or a traveller the server's English. The codes are the registry's (libs/domain/src/errors):
 * a code thrown anywhere must be a key of it, or it does not compile. What types cannot reach yet
 * is the catalogue: its keys are strings, so this checks each registry code has its two texts.
 */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web error messages', () => {
  const codes = Object.keys(ERROR_CODES).sort() as ErrorCode[];
  const ko_ = ko as Record<string, string>;
  const en_ = en as Record<string, string>;

  it.each(codes)('%s has a message in Korean and in English', (code) => {
    const key = `code.${code}`;
    expect({ code, ko: ko_[key]?.trim() || 'MISSING' }).toEqual({ code, ko: expect.stringMatching(/[가-힣]/) });
    expect({ code, en: en_[key]?.trim() || 'MISSING' }).toEqual({ code, en: expect.not.stringMatching(/^MISSING$/) });
    expect(placeholders(en_[key])).toEqual(placeholders(ko_[key]));
  });

  it.each([...domain.RIDE_REJECTION_CODES])(
    'the rider reads why %s turned the ride down, in Korean and in English',
    (code) => {
      const key = `reject.${code}`;
      expect({ code, ko: ko_[key]?.trim() || 'MISSING' }).toEqual({ code, ko: expect.stringMatching(/[가-힣]/) });
      expect({ code, en: en_[key]?.trim() || 'MISSING' }).toEqual({ code, en: expect.not.stringMatching(/^MISSING$/) });
    },
  );
});
