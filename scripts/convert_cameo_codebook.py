"""Build ``src/dragoman/events/data/codebook.tsv`` from the public CAMEO and PLOVER tables.

Usage: python scripts/convert_cameo_codebook.py [SHARED_DIR]

Reads GDELT's CAMEO event codes and Goldstein scale and the OEDA CAMEO->PLOVER table
(CC BY-SA 4.0) and writes one row per CAMEO code: code, name, Goldstein, quad class,
PLOVER type, mode, context.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "events" / "data" / "codebook.tsv"

HEADER = """\
# CAMEO codebook with Goldstein scale, quad class and PLOVER mapping.
# Sources: CAMEO event codes and Goldstein scale as published by GDELT (public lookup
# tables); CAMEO->PLOVER conversion table 2021 by the Open Event Data Alliance
# (github openeventdata/PLOVER, CC BY-SA 4.0, Philip Schrodt). Quad class follows GDELT:
# roots 01-05 verbal cooperation (1), 06-08 material cooperation (2), 09-13 verbal
# conflict (3), 14-20 material conflict (4). PLOVER for 02x (appeal) follows the
# matching 10x (demand) row, as PLOVER's REQUEST covers both; 01x has no PLOVER type.
# Built by scripts/convert_cameo_codebook.py; this file is CC BY-SA 4.0 as a derivative.
"""


def read_table(path: Path) -> dict[str, str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if "\t" in line:
            code, value = line.split("\t", 1)
            rows[code.strip()] = value.strip()
    return rows


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        code = m.group(1)
        if len(code) == 2 and code in rows:
            continue  # "08: RETREAT" repeats the root; keep the first
        rows.setdefault(code, (parts[0], parts[1].replace(" ", ""), parts[2].replace(" ", "")))
    return rows


def quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def plover_for(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str]:
    if code.startswith("01"):
        return ("", "", "")
    if code.startswith("02"):
        code = "10" + code[2:]
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return ("", "", "")


def main(shared: Path) -> None:
    names = read_table(shared / "eval" / "cameo" / "CAMEO.eventcodes.txt")
    goldstein = read_table(shared / "eval" / "cameo" / "CAMEO.goldsteinscale.txt")
    plover = read_plover(shared / "eval" / "plover" / "CAMEO2PLOVER-2021.txt")
    lines = [HEADER.rstrip("\n"), "code\tname\tgoldstein\tquad\tplover\tmode\tcontext"]
    for code, name in names.items():
        ptype, mode, context = plover_for(code, plover)
        lines.append("\t".join([code, name, goldstein.get(code, ""), str(quad(code)),
                                ptype, mode, context]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 2} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
