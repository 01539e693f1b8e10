"""Print what each example article misses against its golden file.

Usage: .venv/bin/python tests/golden_report.py [ARTICLE...] [--update-gate]

With --update-gate, tests/golden_gate.json is rewritten: every (article, kind)
that fails now is marked "pending", the rest "pass".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden  # noqa: E402

import dragoman  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
GATE = Path(__file__).resolve().parent / "golden_gate.json"


def main(argv: list[str]) -> int:
    update = "--update-gate" in argv
    names = [a for a in argv if not a.startswith("--")]
    paths = sorted(EXAMPLES.glob("*.txt"))
    if names:
        paths = [p for p in paths if p.stem in names]
    gate: dict[str, str] = {}
    total = failed = 0
    for path in paths:
        expected = golden.load_expected(path.with_suffix(".expected.json"))
        record = dragoman.extract(path.read_text(encoding="utf-8"), published=expected.get("published"))
        for kind in ("article", *golden.KINDS):
            failures = golden.check(record, expected, kinds=(kind,))
            gate[f"{path.stem}/{kind}"] = "pending" if failures else "pass"
            total += 1
            failed += bool(failures)
            for failure in failures:
                print(f"{path.stem:28} {failure}")
    print(f"{total - failed}/{total} (article, kind) pairs pass")
    if update:
        GATE.write_text(json.dumps(dict(sorted(gate.items())), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {GATE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
