import { BadUserInput } from '#kernel';

/** An exact amount (a decimal string, never a float) in an ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

/**
 * ISO 4217 currencies accepted for budgets, with their minor units (decimals): those of the
 * network's countries and the main currencies suppliers quote in. Minor units matter because
 * amounts are normalised to them and summed as integers of minor units.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  EUR: 2, BGN: 2, CZK: 2, DKK: 2, HUF: 2, PLN: 2, RON: 2, SEK: 2,
  CHF: 2, NOK: 2, ISK: 0, GBP: 2,
  ALL: 2, BAM: 2, GEL: 2, MDL: 2, MKD: 2, RSD: 2, TRY: 2, UAH: 2, ILS: 2,
  USD: 2, CAD: 2, AUD: 2, NZD: 2, JPY: 0, KRW: 0, CNY: 2, HKD: 2, SGD: 2, INR: 2,
  BRL: 2, MXN: 2, ZAR: 2, AED: 2, SAR: 2, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, MAD: 2, EGP: 2,
};

const DECIMAL = /^(\d{1,24})(?:\.(\d{1,12}))?$/;

export function currencyCode(value: string, field: string): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!(code in CURRENCY_MINOR_UNITS)) {
    throw new BadUserInput(field, `${value} is not an accepted ISO 4217 currency code (e.g. EUR)`);
  }
  return code;
}

/**
 * A positive amount of money, normalised to the currency's minor units ("1250000" EUR becomes
 * "1250000.00"). More decimals than the currency has are refused unless they are zeros.
 * `field` is the money input's name; errors name `<field>.amount` or `<field>.currency`.
 */
export function positiveMoney(value: { amount: string; currency: string }, field: string): Money {
  const currency = currencyCode(value?.currency, `${field}.currency`);
  const minor = toMinorUnits(String(value?.amount ?? ''), currency, `${field}.amount`);
  if (minor <= 0n) throw new BadUserInput(`${field}.amount`, 'must be greater than zero');
  return { amount: fromMinorUnits(minor, currency), currency };
}

/** An amount as an integer count of the currency's minor units (cents for EUR). */
export function toMinorUnits(amount: string, currency: string, field = 'amount'): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new BadUserInput(field, `${amount} is not a non-negative decimal such as 1250000.00`);
  const scale = CURRENCY_MINOR_UNITS[currency] ?? 2;
  const fraction = match[2] ?? '';
  if (fraction.length > scale && /[^0]/.test(fraction.slice(scale))) {
    throw new BadUserInput(field, `${currency} amounts have at most ${scale} decimals`);
  }
  return BigInt(match[1]! + fraction.slice(0, scale).padEnd(scale, '0'));
}

export function fromMinorUnits(minor: bigint, currency: string): string {
  const scale = CURRENCY_MINOR_UNITS[currency] ?? 2;
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Exact totals, one per currency, in currency order: amounts are added as integers of minor units. */
export function sumByCurrency(amounts: Iterable<Money>): Money[] {
  const totals = new Map<string, bigint>();
  for (const money of amounts) {
    totals.set(money.currency, (totals.get(money.currency) ?? 0n) + toMinorUnits(money.amount, money.currency));
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => ({ amount: fromMinorUnits(minor, currency), currency }));
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}
