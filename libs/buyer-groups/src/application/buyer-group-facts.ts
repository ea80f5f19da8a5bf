import { BadUserInput, NotFound } from '#kernel';
import type { NetworkQueries } from '#network';
import type { NeedsQueries } from '#needs';
import type { NeedFacts, OrganisationFacts } from '../domain/buyer-group.js';

/**
 * Facts of other contexts a buyer-group command depends on, read from their read models and
 * handed to the pure decider with the command.
 */
export class BuyerGroupFacts {
  constructor(
    private readonly network: NetworkQueries,
    private readonly needs: NeedsQueries,
  ) {}

  organisation(id: string): OrganisationFacts {
    const row = this.network.organisation(id);
    if (!row) throw new NotFound('organisation', id);
    return { id: row.id, country: row.country, active: row.active === 1 };
  }

  /** The needs to pool, in the order given; each once, each known. */
  pooledNeeds(ids: readonly string[] | null | undefined, field: string): NeedFacts[] {
    const wanted = ids ?? [];
    const duplicate = wanted.find((id, index) => wanted.indexOf(id) !== index);
    if (duplicate !== undefined) throw new BadUserInput(field, `need ${duplicate} is listed twice`);
    const rows = new Map(this.needs.needsByIds(wanted).map((row) => [row.id, row]));
    return wanted.map((id) => {
      const row = rows.get(id);
      if (!row) throw new NotFound('need', id);
      return { id: row.id, organisationId: row.organisation_id, status: row.status, cpvCode: row.cpv_code, buyerGroupId: row.buyer_group_id };
    });
  }
}
