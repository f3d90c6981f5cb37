import { randomBytes } from 'node:crypto';
import { getKurrentDBEventStore } from '../src/store/kurrentdb/get-kurrentdb-event-store';
import { describeEventStoreConformance, StoreUnderTest } from './conformance/event-store.conformance';
import { InProcessKurrentDB, startInProcessKurrentDB } from './support/kurrentdb/in-process-kurrentdb';

/**
 * The conformance suite, unchanged, against the KurrentDB adapter: always against the in-process
 * gRPC double, and also against a real server when KURRENTDB_CONNECTION_STRING is set
 * (`npm run test:kurrentdb`). Every store opened gets a namespace of its own, so one server serves
 * every test and a real one can be reused run after run.
 */
const uniqueNamespace = () => `t${Date.now().toString(36)}${randomBytes(4).toString('hex')}-`;

const openOn = async (connectionString: string): Promise<StoreUnderTest> => {
  const namespace = uniqueNamespace();
  const store = getKurrentDBEventStore({ connectionString, namespace });
  return {
    store,
    openAnother: async () => getKurrentDBEventStore({ connectionString, namespace }),
    cleanup: () => store.close(),
  };
};

let double: Promise<InProcessKurrentDB> | undefined;
const theDouble = () => (double ??= startInProcessKurrentDB());
afterAll(async () => (await double)?.stop());

describeEventStoreConformance('kurrentdb (in-process double)', async () => openOn((await theDouble()).connectionString));

let doubleBeyond2e53: Promise<InProcessKurrentDB> | undefined;
afterAll(async () => (await doubleBeyond2e53)?.stop());
describeEventStoreConformance(
  'kurrentdb (in-process double, positions from 2^60)',
  async () => openOn((await (doubleBeyond2e53 ??= startInProcessKurrentDB({ initialPosition: 2n ** 60n }))).connectionString),
  { only: /position|reading all|subscrib|checkpoint|fetched by id|filter/i },
);

const real = process.env.KURRENTDB_CONNECTION_STRING;
if (real) describeEventStoreConformance(`kurrentdb (real server at ${real.replace(/\/\/[^@/]*@/, '//')})`, () => openOn(real));
