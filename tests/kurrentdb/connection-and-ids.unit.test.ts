import { supportsCaughtUp } from '../../src/store/kurrentdb/server-version';
import { parseKurrentDBLocation } from '../../src/store/kurrentdb/connection';
import { kurrentEventId } from '../../src/store/kurrentdb/event-id';
import { streamNames } from '../../src/store/kurrentdb/stream-names';

describe('KurrentDB locations', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false', undefined],
    ['esdb+discover://a:2113,b:2113,c:2113?tls=true&nodePreference=leader', 'esdb+discover://a:2113,b:2113,c:2113?tls=true&nodePreference=leader', undefined],
    ['kurrentdb://admin:changeit@db:2113?tls=false', 'esdb://admin:changeit@db:2113?tls=false', undefined],
    ['kurrentdb+discover://db:2113', 'esdb+discover://db:2113', undefined],
    ['esdb://db:2113?tls=false&parleyNamespace=acme-', 'esdb://db:2113?tls=false', 'acme-'],
    ['esdb://db:2113?parleyNamespace=acme-', 'esdb://db:2113', 'acme-'],
    ['esdb://db:2113?tls=false&throwOnAppendFailure=false', 'esdb://db:2113?tls=false', undefined],
  ])('given %s, then the client gets %s and the namespace is %s', (location, connectionString, namespace) => {
    expect(parseKurrentDBLocation(location)).toEqual(namespace === undefined ? { connectionString } : { connectionString, namespace });
  });

  it('given something that is not a KurrentDB connection string, then it is refused', () => {
    expect(() => parseKurrentDBLocation('./data/parley.db')).toThrow(/not a KurrentDB connection string/);
    expect(() => parseKurrentDBLocation('postgres://db')).toThrow(/not a KurrentDB connection string/);
  });
});

describe('stream names', () => {
  it('given the default namespace, then negotiation streams keep the port name and checkpoints sit outside the event prefix', () => {
    const names = streamNames();
    expect(names.toKurrent('negotiation-nafta-renegotiation')).toBe('negotiation-nafta-renegotiation');
    expect(names.checkpointStream('dashboard')).toBe('parley-checkpoint-dashboard');
    expect(names.isEventStream(names.checkpointStream('dashboard'))).toBe(false);
    expect(names.isEventStream('$epoch-information')).toBe(false);
  });

  it('given a namespace, then every stream is prefixed and another namespace is not ours', () => {
    const names = streamNames('acme-');
    expect(names.toKurrent('negotiation-steel-talks')).toBe('acme-negotiation-steel-talks');
    expect(names.checkpointStream('sse')).toBe('acme-parley-checkpoint-sse');
    expect(names.holds('acme-negotiation-steel-talks', 'steel-talks')).toBe(true);
    expect(names.isEventStream('negotiation-steel-talks')).toBe(false);
    expect(names.holds('acme-negotiation-steel-talks', 'steel')).toBe(false);
    expect(() => streamNames('$system-')).toThrow(/cannot start with "\$"/);
    expect(() => names.toKurrent('steel-talks')).toThrow(/not a negotiation stream/);
  });
});

describe('event ids', () => {
  it('given a Parley id of any shape, then the KurrentDB id is a stable v5 UUID of it, distinct per id and per namespace', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const long = 'x'.repeat(128);
    for (const id of ['ustr-2018-05-24-rvc', 'a', long, 'ünïcødé/with spaces']) expect(kurrentEventId(id)).toMatch(uuid);
    expect(kurrentEventId('ustr-2018-05-24-rvc')).toBe(kurrentEventId('ustr-2018-05-24-rvc'));
    expect(kurrentEventId('a')).not.toBe(kurrentEventId('b'));
    expect(kurrentEventId('a', 'acme-')).not.toBe(kurrentEventId('a'));
  });
});

describe('server version floor', () => {
  it.each([
    ['24.2.0', true],
    ['24.10.0.1302', true],
    ['25.1.0', true],
    ['24.1.9', false],
    ['23.10.1', false],
    ['22.10.0', false],
    ['unknown', false],
  ])('given ServerFeatures reports %s, then CaughtUp support is %s', (version, supported) => {
    expect(supportsCaughtUp(version)).toBe(supported);
  });
});
