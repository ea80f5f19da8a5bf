import { BREAK, visit, type DocumentNode, type GraphQLError } from 'graphql';

/** Who may see a part of the schema: introspection, or the field names that errors suggest. */
export type SchemaAudience = 'everyone' | 'authenticated' | 'nobody';

export function audienceAdmits(audience: SchemaAudience, authenticated: boolean): boolean {
  return audience === 'everyone' || (audience === 'authenticated' && authenticated);
}

/** Whether the document asks for the schema itself (`__schema`, `__type`); `__typename` is data. */
export function introspects(document: DocumentNode): boolean {
  const known = introspecting.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  introspecting.set(document, found);
  return found;
}

/** Apollo hands the same parsed document for the same query text, so each is visited once. */
const introspecting = new WeakMap<DocumentNode, boolean>();

/** graphql-js ends some validation messages with `Did you mean "…"?`, naming schema fields. */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ Did you mean [^?]*\?$/, '');
  if (message !== error.message) (error as { message: string }).message = message;
  return error;
}
