// The Node peer of `cargo bench --bench peers`: @azure/eventgrid's EventGridDeserializer over each
// body, as the string a webhook receives (so JSON.parse is in the time, as parsing the text is in
// ours). Same method as the Rust side: warm up, size batches to ~BATCH_MS, time batches until
// BOX_MS is spent, report the median of the batches' per-parse means.
//
// node eventgrid.mjs WARM_MS BOX_MS BATCH_MS BODY.json...
// prints one JSON line per body: {"input", "median_ns", "events", "iterations", "sdk", "runtime"}.

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";
import { EventGridDeserializer } from "@azure/eventgrid";

const [warmMs, boxMs, batchMs] = process.argv.slice(2, 5).map(Number);
const files = process.argv.slice(5);
const sdk = createRequire(import.meta.url)("@azure/eventgrid/package.json").version;
const deserializer = new EventGridDeserializer();
const now = () => process.hrtime.bigint();
const ms = (n) => BigInt(Math.round(n * 1e6));

for (const file of files) {
  const body = readFileSync(file, "utf8");
  // Every event must come out, or the comparison means nothing.
  const expected = JSON.parse(body).length;
  const parse = async () => {
    const events = await deserializer.deserializeEventGridEvents(body);
    if (events.length !== expected || typeof events[0].eventTime !== "object") {
      throw new Error(`${file}: ${events.length} of ${expected} events parsed`);
    }
    return events.length;
  };

  let calls = 0;
  const warmStart = now();
  do {
    await parse();
    calls++;
  } while (now() - warmStart < ms(warmMs));
  const perCall = Number(now() - warmStart) / calls;
  const batch = Math.max(1, Math.ceil((batchMs * 1e6) / perCall));

  const samples = [];
  let events = 0;
  const start = now();
  while (samples.length < 3 || now() - start < ms(boxMs)) {
    const t = now();
    for (let i = 0; i < batch; i++) events = await parse();
    samples.push(Number(now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  const median = samples[samples.length >> 1];
  console.log(JSON.stringify({
    input: basename(file, ".json"),
    median_ns: median,
    events,
    iterations: samples.length * batch,
    sdk: `@azure/eventgrid ${sdk}`,
    runtime: `Node ${process.version}`,
  }));
}
