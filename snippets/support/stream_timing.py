"""Time a streamed response at both ends: when each line was produced (the line says so)
and when it reached the client, on the monotonic clock every process of the machine shares.

The snippets on proxies and on mismatched iterators ask the same question of a stream:
did each line reach the client as it was produced, or were the lines held back to the end?
They serve the view of support/streaming_urls.py, whose lines say when they were made.
"""

import http.client
import re
import time

PRODUCED = re.compile(r"produced at (\d+\.\d+)")
STREAMED = "each line before the next was produced"
HELD_BACK = "all at the end, after the last was produced"


# --8<-- [start:client]
def arrivals(port, path):
    """(produced, arrived) for each line of the stream, on the shared monotonic clock."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", path)
    response = client.getresponse()
    lines = []
    while line := response.readline():  # returns as soon as a whole line has arrived
        lines.append((float(PRODUCED.search(line.decode())[1]), time.monotonic()))
    client.close()
    return response, lines
# --8<-- [end:client]


def describe(lines):
    """Whether each line reached the client before the next was even produced (streamed),
    or the first reached it only after the last was produced (held back to the end)."""
    produced = [p for p, _ in lines]
    arrived = [a for _, a in lines]
    if all(a < p for a, p in zip(arrived, produced[1:])):
        return STREAMED
    if arrived[0] >= produced[-1]:
        return HELD_BACK
    return "bunched in some other way: " + ", ".join(f"{a - p:.2f} s late" for p, a in lines)
