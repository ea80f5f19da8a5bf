import type { RequestContext } from '#graphql';
import { loadMember, type MemberType, type NetworkQueries } from '#network';

/** Members by id through the network's DataLoader, in the given order, skipping unknown ids. */
export async function membersByIds(request: RequestContext, network: NetworkQueries, ids: readonly string[]): Promise<MemberType[]> {
  const members = await Promise.all(ids.map((id) => loadMember(request, network, id)));
  return members.filter((member): member is MemberType => member !== null);
}
