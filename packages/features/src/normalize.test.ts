import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';

const norm = (text: string) => analyze(text).normalized;
const evasions = (text: string) => analyze(text).evasions;

describe('normalisation undoes evasion tricks', () => {
  it('lower-cases and collapses whitespace', () => {
    expect(norm('  Hello   WORLD\n\tagain ')).toBe('hello world again');
    expect(evasions('  Hello   WORLD\n\tagain ')).toBe(0);
  });

  it('applies NFKC to fullwidth and mathematical letters and counts them', () => {
    expect(norm('ＦＲＥＥ ｃａｓｈ')).toBe('free cash');
    expect(norm('𝐂𝐥𝐚𝐢𝐦 𝐲𝐨𝐮𝐫 𝐩𝐫𝐢𝐳𝐞')).toBe('claim your prize');
    expect(evasions('𝐂𝐥𝐚𝐢𝐦 𝐲𝐨𝐮𝐫 𝐩𝐫𝐢𝐳𝐞')).toBeGreaterThan(0);
  });

  it('folds Cyrillic and Greek look-alikes inside Latin words', () => {
    expect(norm('Ρаyраl')).toBe('paypal');
    expect(norm('АМАZОN account')).toBe('amazon account');
    expect(evasions('Ρаyраl')).toBe(1);
  });

  it('leaves genuine Cyrillic and Greek text alone', () => {
    expect(norm('Привет, как дела?')).toBe('привет, как дела?');
    expect(norm('Καλημέρα σας')).toBe('καλημέρα σας');
    expect(evasions('Привет, как дела?')).toBe(0);
  });

  it('folds Latin look-alikes dropped into a Cyrillic word back to Cyrillic', () => {
    expect(norm('привeт')).toBe('привет');
    expect(evasions('привeт')).toBe(1);
  });

  it('removes zero-width and bidi control characters and counts them inside words', () => {
    expect(norm('f\u200bree mon\u200dey')).toBe('free money');
    expect(norm('\u202eclick\u202c here')).toBe('click here');
    expect(evasions('f\u200bree')).toBe(1);
    // A zero-width joiner inside an emoji sequence is not a trick.
    expect(evasions('family 👨\u200d👩\u200d👧')).toBe(0);
  });

  it('folds small capitals and counts them', () => {
    expect(norm('ᴄʟᴀɪᴍ ʏᴏᴜʀ ᴘʀɪᴢᴇ')).toBe('claim your prize');
    expect(evasions('ᴄʟᴀɪᴍ ʏᴏᴜʀ ᴘʀɪᴢᴇ')).toBe(1);
  });

  it('counts a bidi override anywhere, since it reorders what the reader sees', () => {
    expect(norm('\u202eexe.tab\u202c invoice')).toBe('exe.tab invoice');
    expect(evasions('\u202eexe.tab\u202c invoice')).toBe(2);
    // Right-to-left text needs no override: Arabic and Hebrew stay as written, no trick counted.
    expect(norm('مبروك ربحت جائزة')).toBe('مبروك ربحت جائزة');
    expect(evasions('שלום, החבילה שלך ממתינה')).toBe(0);
  });

  it('strips decorative combining marks', () => {
    expect(norm('f\u0336r\u0336e\u0336e\u0336 gift')).toBe('free gift');
    expect(evasions('f\u0336r\u0336e\u0336e\u0336 gift')).toBe(1);
  });

  it('keeps accented letters comparable by folding them to ASCII', () => {
    expect(norm('Café à Paris, envío rápido')).toBe('cafe a paris, envio rapido');
    expect(norm('TEBRİKLER ödül kazandınız, Łódź')).toBe('tebrikler odul kazandiniz, lodz');
    expect(evasions('Café à Paris')).toBe(0);
  });

  it('decodes leetspeak inside words', () => {
    expect(norm('fr33 c@sh n0w')).toBe('free cash now');
    expect(norm('v1agra and pa55w0rd')).toBe('viagra and password');
    expect(norm('1ogin here')).toBe('login here');
    expect(evasions('fr33 c@sh')).toBe(2);
  });

  it('decodes digits between letters when the result has the vowels of a word', () => {
    expect(norm('your 4cc0un7 and 53rv1c3 for 11 m0n7h5')).toBe('your account and service for 11 months');
    expect(norm('r473 d473')).toBe('rate date');
  });

  it('leaves text-speak and codes that only look like leetspeak', () => {
    expect(norm('lookin 4ward 2 c u l8r, gr8 2nite')).toBe('lookin 4ward 2 c u l8r, gr8 2nite');
    expect(norm('ref x7hk4m')).toBe('ref x7hk4m');
    expect(evasions('lookin 4ward 2 c u l8r, gr8 2nite')).toBe(0);
  });

  it('leaves real numbers, prices, codes and alphanumerics alone', () => {
    expect(norm('covid19 test at 10am, mp3 file, 4g signal')).toBe(
      'covid19 test at 10am, mp3 file, 4g signal',
    );
    expect(norm('room 4b, the 2nd floor')).toBe('room 4b, the 2nd floor');
    expect(evasions('covid19 test at 10am, mp3 file, 4g signal')).toBe(0);
    expect(norm('it costs £4.99')).toBe('it costs <MONEY>');
  });

  it('joins spaced-out letters', () => {
    expect(norm('F R E E entry')).toBe('free entry');
    expect(norm('claim your f.r.e.e gift')).toBe('claim your free gift');
    expect(norm('v-e-r-i-f-y now')).toBe('verify now');
    expect(evasions('F R E E entry')).toBe(1);
  });

  it('ends a spaced-out run where the case changes or a number stands alone', () => {
    expect(norm('in 2 a W K L Y draw')).toBe('in 2 a wkly draw');
    expect(norm('it has B E E N 3 weeks')).toBe('it has been 3 weeks');
    expect(norm('W I N N E R!! today')).toBe('winner!! today');
    expect(norm('F R 3 3 cash')).toBe('free cash');
  });

  it('does not join text-speak or spaced digits', () => {
    expect(norm('u r a star')).toBe('u r a star');
    expect(norm('call 0 7 7 0 0 9 0 0 1 2 3')).toBe('call <PHONE>');
  });

  it('re-fangs defanged links', () => {
    expect(analyze('hxxps://evil[.]top/login').entities.urls[0]?.domain).toBe('evil.top');
    expect(analyze('visit example(dot)com/x').entities.urls[0]?.domain).toBe('example.com');
    expect(norm('hxxp://bad[.]xyz')).toBe('<URL>');
    expect(evasions('hxxp://bad[.]xyz')).toBe(2);
  });

  it('makes evasion variants normalise to the same text', () => {
    const plain = norm('Free cash prize, verify your account now');
    for (const variant of [
      'FREE CASH PRIZE, VERIFY YOUR ACCOUNT NOW',
      'Fr33 c@sh pr1ze, v3rify your acc0unt now',
      'F\u200bree ca\u200bsh prize, verify your account now',
      'Frее cаsh prizе, vеrify your аccount now',
    ]) {
      expect(norm(variant)).toBe(plain);
    }
  });
});
