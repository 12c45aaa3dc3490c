"""Run wrk against one URL and read its figures."""

import os
import re
import subprocess
from dataclasses import dataclass, field

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    # What wrk printed, with any lines the script wrote: for callers that count more.
    output: str = field(default="", repr=False)


def _latency(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    return float(match.group(1)) * UNITS[match.group(2)]


def run(
    name, url, *, headers=(), duration=10, connections=8, threads=2, script=None, env=None
) -> Result:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BENCH_THREADS": str(threads), **(env or {})},
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    # Scripts that check each response (a redirect where a page was expected,
    # a form that failed) report what they counted.
    unexpected = re.search(r"unexpected responses: (\d+)", output)
    errors += max(
        int(non_2xx.group(1)) if non_2xx else 0, int(unexpected.group(1)) if unexpected else 0
    )
    return Result(name, rps, _latency(output, "50"), _latency(output, "99"), errors, output)
