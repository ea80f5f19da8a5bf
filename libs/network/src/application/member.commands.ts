import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  BadUserInput,
  DomainRuleViolation,
  Forbidden,
  KEY_STORE,
  NotFound,
  changeOf,
  countryCode,
  emailAddress,
  hasRole,
  newAggregateId,
  requiredText,
  type AggregateChange,
  type CommandContext,
  type KeyStore,
} from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import { memberDecider, memberStream, type MemberState } from '../domain/member.js';
import { NetworkQueries } from '../read-model/network.queries.js';
import { NetworkAccess } from './network-access.js';

export class JoinCommunity {
  constructor(
    readonly input: {
      id?: string | null;
      displayName: string;
      email: string;
      country: string;
      organisationId?: string | null;
      expertise?: string[] | null;
    },
    readonly context: CommandContext,
  ) {}
}

export class AppointNationalContactPoint {
  constructor(readonly country: string, readonly memberId: string, readonly context: CommandContext) {}
}

export class EraseMemberPersonalData {
  constructor(readonly memberId: string, readonly context: CommandContext) {}
}

/** Fields of expertise a member lists on their profile, not a document: a handful, each short. */
const MAX_EXPERTISE = 50;

function expertiseOf(items: readonly string[] | null | undefined): string[] {
  const expertise = (items ?? []).map((item, index) => requiredText(item, `input.expertise[${index}]`, 200));
  if (expertise.length > MAX_EXPERTISE) throw new BadUserInput('input.expertise', `must list at most ${MAX_EXPERTISE} fields`);
  return expertise;
}

function requireMember(state: MemberState, id: string): asserts state is Extract<MemberState, { status: 'member' }> {
  if (state.status !== 'member') throw new NotFound('member', id);
}

@CommandHandler(JoinCommunity)
export class JoinCommunityHandler implements ICommandHandler<JoinCommunity, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NetworkQueries) private readonly queries: NetworkQueries,
  ) {}

  async execute({ input, context }: JoinCommunity): Promise<AggregateChange> {
    const country = countryCode(input.country, 'input.country');
    const displayName = requiredText(input.displayName, 'input.displayName', 200);
    const email = emailAddress(input.email, 'input.email');
    const expertise = expertiseOf(input.expertise);
    // An empty id names no organisation: a mistake, not a member without one (that is null).
    const organisationId = input.organisationId == null ? null : requiredText(input.organisationId, 'input.organisationId', 100);
    this.access.requireAdminOrNationalContactPoint(context.actor, country, 'admit a member');
    if (organisationId) {
      const organisation = this.queries.organisation(organisationId);
      if (!organisation) throw new NotFound('organisation', organisationId);
      if (!organisation.active) {
        throw new DomainRuleViolation('organisation-left-network', `organisation ${organisationId} has left the network`);
      }
      if (organisation.country !== country) {
        throw new DomainRuleViolation(
          'member-organisation-country-mismatch',
          `a member from ${country} cannot belong to organisation ${organisationId} of ${organisation.country}`,
        );
      }
    }
    const id = newAggregateId(input.id, context, 'joinCommunity');
    return changeOf(
      id,
      this.commands.execute({
        decider: memberDecider,
        streamId: memberStream(id),
        command: { type: 'JoinCommunity', memberId: id, displayName, email, country, organisationId, expertise },
        context,
      }),
    );
  }
}

@CommandHandler(AppointNationalContactPoint)
export class AppointNationalContactPointHandler implements ICommandHandler<AppointNationalContactPoint, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NetworkQueries) private readonly queries: NetworkQueries,
  ) {}

  async execute({ country, memberId, context }: AppointNationalContactPoint): Promise<AggregateChange> {
    const code = countryCode(country);
    this.access.requireAdmin(context.actor, 'appoint a national contact point');
    return changeOf(
      memberId,
      this.commands.execute({
        decider: memberDecider,
        streamId: memberStream(memberId),
        command: {
          type: 'AppointNationalContactPoint',
          country: code,
          currentNationalContactPointId: this.queries.nationalContactPointOf(code)?.id ?? null,
        },
        context,
        authorize: (state) => requireMember(state, memberId),
      }),
    );
  }
}

@CommandHandler(EraseMemberPersonalData)
export class EraseMemberPersonalDataHandler implements ICommandHandler<EraseMemberPersonalData, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  execute({ memberId, context }: EraseMemberPersonalData): Promise<AggregateChange> {
    return changeOf(
      memberId,
      this.commands.execute({
        decider: memberDecider,
        streamId: memberStream(memberId),
        command: { type: 'EraseMemberPersonalData' },
        context,
        authorize: async (state) => {
          requireMember(state, memberId);
          if (context.actor.subject !== memberId && !hasRole(context.actor, 'ADMIN')) {
            throw new Forbidden('only an ADMIN or the member themself may erase personal data');
          }
          // The key goes before the event is recorded, and again on any later attempt (even one
          // refused as already erased): no failure between the two can leave the data readable.
          await this.keys.destroy(memberId);
        },
      }),
    );
  }
}

export const NETWORK_COMMAND_HANDLERS = [
  JoinCommunityHandler,
  AppointNationalContactPointHandler,
  EraseMemberPersonalDataHandler,
];
