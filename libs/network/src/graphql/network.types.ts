import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, ChangePayload, CreationInput } from '#graphql';
import { ORGANISATION_KINDS, type OrganisationKind } from '../domain/organisation.js';

export const OrganisationKindEnum = Object.fromEntries(ORGANISATION_KINDS.map((kind) => [kind, kind])) as {
  [K in OrganisationKind]: K;
};
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind', description: 'What kind of body an organisation is.' });

export enum Role {
  ADMIN = 'ADMIN',
  AUDITOR = 'AUDITOR',
}
registerEnumType(Role, { name: 'Role', description: 'Platform roles carried by the token.' });

@ObjectType('Organisation', { description: 'A body of the network: procurement agency, police, ministry…' })
export class OrganisationType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' }) country!: string;
  @Field(() => OrganisationKindEnum) kind!: OrganisationKind;
  @Field({ description: 'False once the organisation has left the network.' }) active!: boolean;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Int, { description: 'Number of events in the organisation stream.' }) version!: number;
}

@ObjectType('Member', { description: 'An individual expert of the community.' })
export class MemberType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Null once the personal data is erased.' })
  displayName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Visible to the member, ADMIN and the NCP of their country; null once erased.',
  })
  email!: string | null;
  @Field() country!: string;
  organisationId!: string | null;
  @Field(() => [String]) expertise!: string[];
  @Field(() => String, { nullable: true, description: 'Country this member is the national contact point of.' })
  nationalContactPointFor!: string | null;
  @Field() erased!: boolean;
  @Field(() => Date) joinedAt!: Date;
  @Field(() => Int) version!: number;
}

export const OrganisationConnection = ConnectionType(OrganisationType, 'Organisation');

@ObjectType()
export class OrganisationPayload extends ChangePayload {
  @Field(() => OrganisationType) organisation!: OrganisationType;
}

@ObjectType()
export class MemberPayload extends ChangePayload {
  @Field(() => MemberType) member!: MemberType;
  // Told without a description here, as the schema has always had it.
  @Field() declare position: string;
}

@InputType()
export class RegisterOrganisationInput extends CreationInput {
  @Field() name!: string;
  @Field() country!: string;
  @Field(() => OrganisationKindEnum) kind!: OrganisationKind;
}

@InputType()
export class JoinCommunityInput extends CreationInput {
  @Field() displayName!: string;
  @Field() email!: string;
  @Field() country!: string;
  @Field(() => ID, { nullable: true }) organisationId?: string;
  @Field(() => [String], { nullable: true }) expertise?: string[];
}
