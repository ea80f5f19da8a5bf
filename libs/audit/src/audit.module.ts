import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/src/index.js';
import { EventCodec } from '../../kernel/src/index.js';
import { AuditTrail } from './application/audit-trail.js';
import { AuditResolver } from './graphql/audit.resolver.js';

@Module({
  providers: [
    {
      provide: AuditTrail,
      inject: [EVENT_STORE, EventCodec],
      useFactory: (store: EventStore, codec: EventCodec) => new AuditTrail(store, codec),
    },
    AuditResolver,
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
