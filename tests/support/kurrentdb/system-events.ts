/**
 * A fresh KurrentDB node writes system events before any user event, so `$all`
 * never starts with user data. Seeding the same shape here keeps `$all` consumers
 * honest: they have to filter system streams/types (names starting with `$`).
 */
import { randomUUID } from "node:crypto";
import type { InMemoryLog } from "./log";

export function seedSystemEvents(log: InMemoryLog): void {
  const epoch = {
    EpochPosition: 0,
    EpochNumber: 0,
    EpochId: randomUUID(),
    PrevEpochPosition: -1,
    TimeStamp: new Date().toISOString(),
    LeaderInstanceId: randomUUID(),
  };
  log.append("$epoch-information", { kind: "any" }, [
    {
      id: randomUUID(),
      type: "$epoch-information",
      isJson: true,
      data: new Uint8Array(Buffer.from(JSON.stringify(epoch), "utf8")),
      metadata: new Uint8Array(),
    },
  ]);
}
