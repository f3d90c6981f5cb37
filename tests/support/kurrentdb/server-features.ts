/**
 * `ServerFeatures.GetSupportedMethods`: the client calls this first and picks its
 * code paths from the answer (e.g. it only uses `Streams.BatchAppend` when that is
 * listed). Names are lowercased, as KurrentDB reports them; only what this double
 * implements is listed, so every other method is UNIMPLEMENTED for the client too.
 * `batchappend` is listed as every server since 21.6 lists it, so the client's
 * real append path (BatchAppend) is the one tests exercise.
 */
import * as grpc from "@grpc/grpc-js";
import type { Empty } from "@eventstore/db-client/generated/shared_pb";
import { SupportedMethod, SupportedMethods } from "@eventstore/db-client/generated/serverfeatures_pb";

const STREAMS = "event_store.client.streams.streams";
const SERVER_FEATURES = "event_store.client.server_features.serverfeatures";

export function serverFeaturesHandler(serverVersion: string) {
  const methods = [
    new SupportedMethod().setServiceName(STREAMS).setMethodName("read").setFeaturesList(["position", "events"]),
    new SupportedMethod().setServiceName(STREAMS).setMethodName("append"),
    new SupportedMethod().setServiceName(STREAMS).setMethodName("batchappend"),
    new SupportedMethod().setServiceName(STREAMS).setMethodName("tombstone"),
    new SupportedMethod().setServiceName(SERVER_FEATURES).setMethodName("getsupportedmethods"),
  ];
  return (_call: grpc.ServerUnaryCall<Empty, SupportedMethods>, callback: grpc.sendUnaryData<SupportedMethods>) => {
    callback(null, new SupportedMethods().setEventStoreServerVersion(serverVersion).setMethodsList(methods));
  };
}
