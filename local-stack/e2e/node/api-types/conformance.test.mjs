// The checker must be able to fail: hand-written bodies with a field missing, a value of the wrong
// kind, and nulls, against PeerTube's own types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAll, summary, Types } from './conformance.mjs';

const types = new Types();

const account = {
  id: 1, url: 'https://example.org/accounts/ana', name: 'ana', host: 'example.org', followingCount: 0,
  followersCount: 2, createdAt: '2026-01-01T00:00:00.000Z', avatars: [], displayName: 'Ana', description: null,
  updatedAt: '2026-01-01T00:00:00.000Z'
};

test('a complete body has every required field present and nothing wrong', () => {
  const [result] = checkAll([{ endpoint: '/api/v1/accounts/ana', type: 'Account', status: 200, json: account }], types);
  assert.deepEqual(result.missing, []);
  assert.deepEqual(result.wrong, []);
  assert.equal(result.required, 11);
  assert.equal(result.present, 11);
});

test('a missing required field is reported with its path', () => {
  const { followersCount, ...withoutFollowers } = account;
  const [result] = checkAll([{ endpoint: '/api/v1/accounts/ana', type: 'Account', status: 200, json: withoutFollowers }], types);
  assert.deepEqual(result.missing, ['followersCount']);
  assert.equal(result.present, 10);
});

test('a value of another JSON kind is a wrong kind, and so is null where neither the type nor PeerTube allows it', () => {
  const [result] = checkAll([{
    endpoint: '/api/v1/accounts/ana', type: 'Account', status: 200,
    json: { ...account, followingCount: '0', displayName: null }
  }], types);
  assert.deepEqual(result.wrong.map(w => `${w.path}:${w.actual}`).sort(), ['displayName:null', 'followingCount:string']);
});

test('fields of list items count once per path, missing if any item lacks them, wrong if any item has another kind', () => {
  const { host, ...withoutHost } = account;
  const [result] = checkAll([{
    endpoint: '/api/v1/accounts', type: 'ResultList<Account>', status: 200,
    json: { total: 3, data: [account, { ...withoutHost, id: 'a' }, { ...account, id: 'b' }] }
  }], types);
  assert.equal(result.required, 13);
  assert.deepEqual(result.missing, ['data[].host']);
  assert.deepEqual(result.wrong.map(w => w.path), ['data[].id']);
});

test('an absent object counts its own required fields as missing', () => {
  const [result] = checkAll([{ endpoint: '/api/v1/users/me/video-quota-used', type: '{ quota: UserVideoQuota }', status: 200, json: {} }], types);
  assert.deepEqual(result.missing, ['quota', 'quota.videoQuotaUsed', 'quota.videoQuotaUsedDaily']);
});

test('map entries are checked against the index signature', () => {
  const [result] = checkAll([{
    endpoint: '/api/v1/videos/categories', type: '{ [id: number]: string }', status: 200, json: { 1: 'Music', 2: 2 }
  }], types);
  assert.deepEqual(result.wrong.map(w => w.path), ['["2"]']);
});

test('an endpoint that did not answer counts as not answered, with its fields missing, in the summary line', () => {
  const results = checkAll([
    { endpoint: '/api/v1/oauth-clients/local', type: 'OAuthClientLocal', status: 200, json: { client_id: 'a', client_secret: 'b' } },
    { endpoint: '/api/v1/users/me/video-quota-used', type: 'UserVideoQuota', status: 404 }
  ], types);
  assert.equal(summary(results).line,
    'PeerTube API conformance: 1/2 endpoints answered, 2/4 required fields present (50.0 %), 0 wrong kinds');
});
