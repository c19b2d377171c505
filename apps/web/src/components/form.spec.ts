import { nameOf, num, optNum, str } from './form';

describe('form field readers', () => {
  const form = new FormData();
  form.set('nameKo', '  검단 서문 ');
  form.set('nameEn', 'West gate ');
  form.set('seats', ' 11 ');
  form.set('dwellS', '');
  form.set('plate', 'abc');

  it('trims text and reads an absent field as empty', () => {
    expect(str(form.get('nameEn'))).toBe('West gate');
    expect(str(form.get('missing'))).toBe('');
  });

  it('reads numbers; what is not one stays NaN for the server to refuse by its code', () => {
    expect(num(form.get('seats'))).toBe(11);
    expect(num(form.get('plate'))).toBeNaN();
  });

  it('leaves an empty optional number out (the setting keeps its value)', () => {
    expect(optNum(form.get('dwellS'))).toBeUndefined();
    expect(optNum(form.get('seats'))).toBe(11);
  });

  it('reads the two name inputs as one bilingual name', () => {
    expect(nameOf(form)).toEqual({ ko: '검단 서문', en: 'West gate' });
  });
});
