import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum of a domain's values, each named as itself (`{ OPEN: 'OPEN', … }`), registered under `name`. */
export function enumType<Value extends string>(values: readonly Value[], name: string, description: string) {
  const type = Object.fromEntries(values.map((value) => [value, value])) as { [K in Value]: K };
  registerEnumType(type, { name, description });
  return type;
}
