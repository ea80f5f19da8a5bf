import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { topicalGroupDecider } from '../src/domain/topical-group.js';
import { GROUP, created } from './fixtures.js';

const spec = deciderSpec(topicalGroupDecider);

describe('renaming a topical group', () => {
  it('records the new name and the one it replaces', () => {
    spec
      .given([created()])
      .when({ type: 'RenameTopicalGroup', name: 'Ballistic and blast protection' })
      .then([{ type: 'TopicalGroupRenamed', data: { topicalGroupId: GROUP, name: 'Ballistic and blast protection', previousName: 'Ballistic protection' } }]);
  });

  it('the name it already has records nothing', () => {
    spec.given([created()]).when({ type: 'RenameTopicalGroup', name: 'Ballistic protection' }).then([]);
  });

  it('only a created group is renamed', () => {
    spec.given([]).when({ type: 'RenameTopicalGroup', name: 'Anything' }).thenFails('DOMAIN_RULE_VIOLATED', 'topical-group-not-created');
  });
});
