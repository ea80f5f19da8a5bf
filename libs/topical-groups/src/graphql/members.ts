import type { RequestContext } from '../../../graphql/src/index.js';
import { loadMember, type MemberType, type NetworkQueries } from '../../../network/src/index.js';

/** Members by id through the network's DataLoader, in the given order, skipping unknown ids. */
export async function membersByIds(request: RequestContext, network: NetworkQueries, ids: readonly string[]): Promise<MemberType[]> {
  const members = await Promise.all(ids.map((id) => loadMember(request, network, id)));
  return members.filter((member): member is MemberType => member !== null);
}
