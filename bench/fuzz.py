"""Run the fuzz targets of ``tests/fuzz_targets.py`` for a fixed time (hypothesis-based).

    python bench/fuzz.py --seconds 60                 # every target, 60 s each
    python bench/fuzz.py --seconds 300 --target html  # one target
    python bench/fuzz.py --list
    python bench/fuzz.py --readers                   # read latency during a real ingest

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


def readers(n: int = 300) -> dict[str, Any]:
    """Longest wait of a reader (the query code path, the web app) while ``dragoman
    ingest`` writes ``n`` short articles into the same store, in a subprocess."""
    import statistics
    import subprocess
    import tempfile
    import warnings

    from tests.test_hardening_interrupt import N, _corpus, _count

    from dragoman.store import Store
    from dragoman.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    waits: dict[str, list[float]] = {"query": [], "web": []}
    with tempfile.TemporaryDirectory() as tmp:
        src, db = _corpus(Path(tmp) / "news.jsonl"), Path(tmp) / "news.db"
        proc = subprocess.Popen([sys.executable, "-m", "dragoman", "ingest", str(src), "--db",
                                 str(db), "--batch-size", "4"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        client = None
        while proc.poll() is None:
            if _count(db) == 0:
                time.sleep(0.05)
                continue
            t0 = time.perf_counter()
            with Store(db, readonly=True) as store:
                store.events(limit=50)
                store.statements(limit=50)
            waits["query"].append(time.perf_counter() - t0)
            client = client or TestClient(create_app(db, warm=False))
            t0 = time.perf_counter()
            for url in ("/events.json", "/search.json?q=minister", "/actors.json"):
                assert client.get(url).status_code == 200, url
            waits["web"].append((time.perf_counter() - t0) / 3)
        stored = _count(db)
    return {"articles": N, "stored": stored, "exit": proc.returncode,
            **{f"{k}_reads": len(v) for k, v in waits.items()},
            **{f"{k}_max_s": round(max(v, default=0), 3) for k, v in waits.items()},
            **{f"{k}_median_s": round(statistics.median(v), 3) if v else None
               for k, v in waits.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="Seconds per target.")
    parser.add_argument("--target", action="append", choices=sorted(fuzz_targets.TARGETS),
                        help="Target to run (repeatable; default: all).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    parser.add_argument("--list", action="store_true", help="List the targets and exit.")
    parser.add_argument("--readers", action="store_true",
                        help="Measure read latency during a real ingest instead.")
    args = parser.parse_args()
    if args.readers:
        print(json.dumps(readers(), indent=2))
        return 0
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
