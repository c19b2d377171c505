import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { en, ko, MessageKey } from './messages';

export type Locale = 'ko' | 'en';
const KEY = 'geomdan.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { ko, en };

/**
 * The language picked on the page; until then the browser's: Korean for a Korean browser, English
 * for any other (a traveller's phone in English, Japanese or Chinese reads English sooner than Korean).
 */
export function storedLocale(): Locale {
  const v = localStorage.getItem(KEY);
  if (v === 'en' || v === 'ko') return v;
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'ko').toLowerCase();
  return first.startsWith('ko') ? 'ko' : 'en';
}

type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (l: Locale) => void;
  /** Picks the stored bilingual name. */
  name: (n: { ko: string; en: string } | { nameKo: string; nameEn: string }) => string;
  time: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  won: (krw: number) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    const tag = locale === 'ko' ? 'ko-KR' : 'en-GB';
    const timeFmt = new Intl.DateTimeFormat(tag, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Seoul',
    });
    const dtFmt = new Intl.DateTimeFormat(tag, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Seoul',
    });
    return {
      locale,
      t: (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`)),
      setLocale: (l) => {
        localStorage.setItem(KEY, l);
        setLocaleState(l);
      },
      name: (n) => ('ko' in n ? (locale === 'ko' ? n.ko : n.en) : locale === 'ko' ? n.nameKo : n.nameEn),
      time: (iso) => (iso ? timeFmt.format(new Date(iso)) : '—'),
      dateTime: (iso) => (iso ? dtFmt.format(new Date(iso)) : '—'),
      won: (krw) => `₩${krw.toLocaleString(tag)}`,
    };
  }, [locale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const other: Locale = locale === 'ko' ? 'en' : 'ko';
  return (
    <button
      type="button"
      className="lang"
      onClick={() => setLocale(other)}
      title={t('lang.switch')}
      lang={other}
      data-testid="lang-switch"
    >
      {other === 'en' ? 'English' : '한국어'}
    </button>
  );
}
