"""Run the fuzz targets of ``tests/fuzz_targets.py`` for a fixed time (hypothesis-based).

    python bench/fuzz.py --seconds 60                 # every target, 60 s each
    python bench/fuzz.py --seconds 300 --target html  # one target
    python bench/fuzz.py --list

Prints, per target, the inputs tried and the findings (the failing input, shrunk, and the
exception), and exits non-zero when any target found something. Long runs are recorded
in RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from tests import fuzz_targets  # noqa: E402


def run(name: str, seconds: float, seed: int) -> dict[str, Any]:
    """Fuzz one target until ``seconds`` have passed; the inputs tried and findings."""
    target, strategy = fuzz_targets.TARGETS[name]
    tried = 0
    deadline = time.monotonic() + seconds
    findings: list[str] = []

    @settings(max_examples=200, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(value: Any) -> None:
        nonlocal tried
        if time.monotonic() > deadline:
            return
        tried += 1
        target(value)

    started = time.monotonic()
    while time.monotonic() < deadline:
        try:
            check()
        except Exception as exc:  # a finding: record it and go on with a fresh run
            findings.append("".join(traceback.format_exception_only(type(exc), exc))[-2000:])
            if len(findings) >= 5:
                break
    return {"target": name, "seconds": round(time.monotonic() - started, 1), "tried": tried,
            "findings": findings, "seed": seed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="Seconds per target.")
    parser.add_argument("--target", action="append", choices=sorted(fuzz_targets.TARGETS),
                        help="Target to run (repeatable; default: all).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    parser.add_argument("--list", action="store_true", help="List the targets and exit.")
    args = parser.parse_args()
    if args.list:
        print("\n".join(sorted(fuzz_targets.TARGETS)))
        return 0
    results = []
    for name in args.target or sorted(fuzz_targets.TARGETS):
        result = run(name, args.seconds, args.seed)
        results.append(result)
        if not args.json:
            print(f"{name:>8}: {result['tried']:>7,} inputs in {result['seconds']:>6.1f} s, "
                  f"{len(result['findings'])} findings", flush=True)
            for finding in result["findings"]:
                print("          " + finding.replace("\n", "\n          "))
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if any(r["findings"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
