"""Peak resident memory of this process's descendants (Linux ``/proc``), polled.

Worker pools started through a fork server are not this process's children, so
``RUSAGE_CHILDREN`` never sees them; this follows parent links in ``/proc`` instead and
keeps the largest ``VmHWM`` (a process's own peak) met while it runs.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def _parents() -> dict[int, int]:
    out = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])  # field 4: ppid
    return out


def descendants(root: int) -> list[int]:
    parents = _parents()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, parent in parents.items() if parent == pid]
        found += kids
        todo += kids
    return found


def _peak_mib(pid: int) -> float:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Peaks:
    """``with Peaks() as peaks: ...``; then ``peaks.largest``: the largest peak resident
    memory (MiB) of any descendant seen (0.0 where /proc is missing)."""

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self.largest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            if PROC.is_dir():
                for pid in descendants(me):
                    self.largest = max(self.largest, _peak_mib(pid))
            self._stop.wait(self.every)

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
