import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DECIMAL = /^-?\d{1,24}(\.\d{1,12})?$/;

/** Exact decimal carried as a string, so no amount ever passes through a float. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'Exact decimal as a string, e.g. "1250000.00".',
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw invalid('Decimal', 'a decimal string such as "1250000.00"');
  },
});

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw invalid('Decimal', 'a decimal string such as "1250000.00"');
  }
  return text;
}

/** Arbitrary JSON value. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function literal(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return ast.values.map((value) => literal(value, variables));
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value, variables)]));
      case Kind.VARIABLE:
        return variables?.[ast.name.value];
      default:
        throw invalid('JSON', 'a JSON value');
    }
  },
});

function invalid(scalar: string, expected: string): GraphQLError {
  return new GraphQLError(`${scalar} must be ${expected}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** ISO 8601 with a time zone, as the contract requires: `2027-03-01T10:00:00Z`, `…+02:00`. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * DateTime that refuses what is not an instant: no silent Invalid Date, no zone-less local
 * time read in the server's zone, no bare numbers.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with a time zone, e.g. 2027-03-01T10:00:00Z.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime', 'an ISO 8601 string with a time zone, e.g. "2027-03-01T10:00:00Z"');
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  // Date rolls 2027-02-30 over to March: a real date must print back to the same day.
  if (!date || Number.isNaN(date.getTime()) || !sameCalendarDay(value as string, date)) {
    throw invalid('DateTime', 'an ISO 8601 instant with a time zone, e.g. "2027-03-01T10:00:00Z"');
  }
  return date;
}

function sameCalendarDay(text: string, date: Date): boolean {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(text);
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 10);
  return local === text.slice(0, 10);
}
