/** What a table cell's number means: the chart's unit follows from it. */
export type NumberUnit = 'currency' | 'percent' | 'number';

export interface ParsedNumber {
  readonly value: number;
  readonly unit: NumberUnit;
  /** ISO code when the cell named a currency ($ → USD, € → EUR, £ → GBP). */
  readonly currency?: string;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
};
const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP']);
const SCALES: Readonly<Record<string, number>> = {
  k: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
};

/** Cells that say "nothing here" rather than holding text: they do not make a column non-numeric. */
const BLANKS = new Set(['', '-', '–', '—', 'n/a', 'na', 'n.a.', 'none', 'null', '?']);

export function isBlankCell(cell: string): boolean {
  return BLANKS.has(cell.trim().toLowerCase());
}

const PLAIN = /^\d+(?:\.\d+)?$|^\.\d+$/;
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/;
const DOT_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const COMMA_DECIMAL = /^\d+,\d{1,2}$/;

/** The digits of a number with its separators read (1,234.5 · 1 234,5 · 1.234,5 · 12,5). */
function readDigits(body: string): number | undefined {
  if (PLAIN.test(body)) return Number(body);
  if (COMMA_GROUPED.test(body)) return Number(body.replaceAll(',', ''));
  if (SPACE_GROUPED.test(body)) return Number(body.replaceAll(' ', '').replace(',', '.'));
  // Continental style only when unambiguous: "1.234.567" or "1.234,5" (a lone "1.234" is read above as 1.234).
  if (DOT_GROUPED.test(body) && (body.includes(',') || body.split('.').length > 2)) {
    return Number(body.replaceAll('.', '').replace(',', '.'));
  }
  if (COMMA_DECIMAL.test(body)) return Number(body.replace(',', '.'));
  return undefined;
}

function takeCurrencyPrefix(s: string): { rest: string; currency?: string } {
  for (const symbol of ['US$', '$', '€', '£']) {
    if (s.startsWith(symbol))
      return { rest: s.slice(symbol.length).trimStart(), currency: CURRENCY_SYMBOLS[symbol] };
  }
  const code = s.slice(0, 3).toUpperCase();
  if (CURRENCY_CODES.has(code) && /^[A-Za-z]{3}[\s\d.]/.test(s))
    return { rest: s.slice(3).trimStart(), currency: code };
  return { rest: s };
}

function takeCurrencySuffix(s: string): { rest: string; currency?: string } {
  for (const symbol of ['€', '£', '$']) {
    if (s.endsWith(symbol))
      return { rest: s.slice(0, -symbol.length).trimEnd(), currency: CURRENCY_SYMBOLS[symbol] };
  }
  const code = s.slice(-3).toUpperCase();
  if (s.length > 3 && CURRENCY_CODES.has(code) && /[\s\dkKmMbB]$/.test(s.slice(0, -3))) {
    return { rest: s.slice(0, -3).trimEnd(), currency: code };
  }
  return { rest: s };
}

function takeSign(s: string): { rest: string; negative: boolean } {
  if (s.startsWith('-') || s.startsWith('−'))
    return { rest: s.slice(1).trimStart(), negative: true };
  if (s.startsWith('+')) return { rest: s.slice(1).trimStart(), negative: false };
  return { rest: s, negative: false };
}

/**
 * Reads a table cell as a number: currency ($ € £, USD/EUR/GBP), percentages, thousands
 * separators, k/M/B suffixes, a sign or accounting parentheses for negatives. Returns
 * undefined for anything else (text, dates, ranges, blanks).
 */
export function parseNumber(cell: string): ParsedNumber | undefined {
  let s = cell.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (s.length === 0 || s.length > 40) return undefined;

  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const sign1 = takeSign(s);
  negative = negative !== sign1.negative;
  const prefix = takeCurrencyPrefix(sign1.rest);
  const sign2 = prefix.currency ? takeSign(prefix.rest) : { rest: prefix.rest, negative: false };
  negative = negative !== sign2.negative;
  s = sign2.rest;

  let unit: NumberUnit = 'number';
  let currency = prefix.currency;
  if (s.endsWith('%')) {
    unit = 'percent';
    s = s.slice(0, -1).trimEnd();
  } else {
    const suffix = takeCurrencySuffix(s);
    if (suffix.currency) {
      if (currency && currency !== suffix.currency) return undefined;
      currency = suffix.currency;
      s = suffix.rest;
    }
  }

  let scale = 1;
  if (unit !== 'percent') {
    const m = /^(.*?\d)\s*([a-zA-Z]{1,2})$/.exec(s);
    if (m) {
      const factor = SCALES[(m[2] ?? '').toLowerCase()];
      if (factor === undefined) return undefined;
      scale = factor;
      s = m[1] ?? '';
    }
  }

  const digits = readDigits(s);
  if (digits === undefined || !Number.isFinite(digits)) return undefined;
  const value = (negative ? -digits : digits) * scale;
  if (unit === 'percent' && currency) return undefined;
  if (currency) return { value: tidy(value), unit: 'currency', currency };
  return { value: tidy(value), unit };
}

/** 1.2 * 1e6 is 1199999.9999999998 in floating point; round away such noise. */
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}
