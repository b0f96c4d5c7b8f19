"""The Python peer of `cargo bench --bench peers`: azure-eventgrid's EventGridEvent.from_dict over
json.loads of each body (the SDK's documented way), from the bytes a webhook receives. Same method
as the Rust side: warm up, size batches to ~BATCH_MS, time batches until BOX_MS is spent, report
the median of the batches' per-parse means.

python eventgrid.py WARM_MS BOX_MS BATCH_MS BODY.json...
prints one JSON line per body: {"input", "median_ns", "events", "iterations", "sdk", "runtime"}.
"""

import json
import math
import os
import platform
import sys
from time import perf_counter_ns as now

import azure.eventgrid
from azure.eventgrid import EventGridEvent


def main():
    warm_ms, box_ms, batch_ms = (float(a) for a in sys.argv[1:4])
    for path in sys.argv[4:]:
        with open(path, "rb") as f:
            body = f.read()
        # Every event must come out, or the comparison means nothing.
        expected = len(json.loads(body))

        def parse():
            events = [EventGridEvent.from_dict(e) for e in json.loads(body)]
            if len(events) != expected or events[0].event_time is None:
                raise AssertionError(f"{path}: {len(events)} of {expected} events parsed")
            return len(events)

        calls, warm_start = 0, now()
        while True:
            parse()
            calls += 1
            if now() - warm_start >= warm_ms * 1e6:
                break
        per_call = (now() - warm_start) / calls
        batch = max(1, math.ceil(batch_ms * 1e6 / per_call))

        samples, events, start = [], 0, now()
        while len(samples) < 3 or now() - start < box_ms * 1e6:
            t = now()
            for _ in range(batch):
                events = parse()
            samples.append((now() - t) / batch)
        samples.sort()
        print(json.dumps({
            "input": os.path.splitext(os.path.basename(path))[0],
            "median_ns": samples[len(samples) // 2],
            "events": events,
            "iterations": len(samples) * batch,
            "sdk": f"azure-eventgrid {azure.eventgrid.__version__}",
            "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        }), flush=True)


main()
