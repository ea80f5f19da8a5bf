import { BadUserInput } from '#kernel';

/**
 * Countries whose organisations may take part: EU member states (ISO 3166-1 alpha-2, with
 * the EU's own EL for Greece accepted as GR), EEA/EFTA states and the associated countries of
 * the EU security research programme.
 */
const EUROPEAN_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO', 'CH',
  'AL', 'BA', 'GE', 'MD', 'ME', 'MK', 'RS', 'TR', 'UA', 'GB', 'IL', 'XK',
]);

/** Normalises and checks a country code; `field` names the input for the error. */
export function countryCode(value: string, field = 'country'): string {
  const code = value.trim().toUpperCase();
  const normalised = code === 'EL' ? 'GR' : code;
  if (!EUROPEAN_COUNTRIES.has(normalised)) {
    throw new BadUserInput(field, `${value} is not a country code of the network (ISO 3166-1 alpha-2, e.g. FR)`);
  }
  return normalised;
}
