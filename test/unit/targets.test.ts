import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTargetFor, sourceForTarget, targetFor } from '../../main/core/targets';

const settings = { defaultTarget: 'mfa', profiles: [{ sourceProfile: 'ops', target: 'ops-session' }] };

test('targets per source profile: --target, else settings, else mfa for default, else p-mfa', () => {
  assert.equal(defaultTargetFor('default'), 'mfa');
  assert.equal(defaultTargetFor('work'), 'work-mfa');
  assert.equal(defaultTargetFor('default', 'session'), 'session');
  assert.equal(targetFor('ops', settings), 'ops-session');
  assert.equal(targetFor('ops', settings, 'x'), 'x');
  assert.equal(targetFor('default', settings), 'mfa');
  assert.equal(targetFor('work', settings), 'work-mfa');
});

test('the source profile of a target: settings, else session records, else the naming rule backwards', () => {
  const sessions = { custom: { profile: 'dev' }, 'ops-session': { profile: 'someone' } };
  assert.deepEqual(sourceForTarget('ops-session', settings, sessions), { profile: 'ops', foundBy: 'settings' });
  assert.deepEqual(sourceForTarget('custom', settings, sessions), { profile: 'dev', foundBy: 'sessions' });
  assert.deepEqual(sourceForTarget('mfa', settings, sessions), { profile: 'default', foundBy: 'naming rule' });
  assert.deepEqual(sourceForTarget('work-mfa', settings, sessions), { profile: 'work', foundBy: 'naming rule' });
  assert.equal(sourceForTarget('-mfa', settings, sessions), null);
  assert.equal(sourceForTarget('prod', settings, sessions), null);
  assert.equal(sourceForTarget('constructor', settings, {}), null, 'no prototype keys');
});
