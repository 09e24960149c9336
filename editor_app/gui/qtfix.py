"""Workarounds for defects of the Qt binding that the application must survive.

PySide6 6.12.0 on CPython 3.11 returns ``None`` from every void C++ method
without taking a reference to it: each such call (``label.setText(...)``,
``cursor.setPosition(...)`` ...) lowers ``None``'s reference count by one, and
after a few thousand calls the interpreter aborts with "none_dealloc:
deallocating None". ``Signal.emit()`` does the same with the ``True`` it
returns ("bool_dealloc"), so ``True`` and ``False`` are guarded as well. (From CPython 3.12 ``None`` is immortal and the defect is
harmless; PySide6 6.11 does not have it.) The real fix is a binding without the
defect (see the report to the lead: pin ``PySide6-Essentials!=6.12.0`` or use
Python >= 3.12); until then :func:`guard_none_refcount` detects the leak at
start-up and, only if present, raises ``None``'s reference count (topped up by
a timer) so that it never reaches zero. The count is raised in place (the
first field of every CPython object), not by holding a list of references:
such a list would be freed at interpreter exit, before the last binding calls.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("editor_app.gui.qtfix")

PROBE_CALLS = 200
RESERVE = 10_000_000  # references added per top-up
LOW_WATER = RESERVE  # top up while at least one full reserve is left
CHECK_MS = 5000

_timer: QTimer | None = None


def leaks_none() -> bool:
    """True when void binding calls lose a reference to None (measured, not guessed)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    return lost >= PROBE_CALLS // 2


GUARDED = (None, True, False)


def _add_references_to(obj: object, n: int) -> None:
    """Raise ``obj``'s reference count by ``n`` (CPython: ob_refcnt is the object's first field)."""
    refcnt = ctypes.c_ssize_t.from_address(id(obj))
    refcnt.value += n


def _top_up() -> None:
    for obj in GUARDED:
        if sys.getrefcount(obj) < LOW_WATER:
            _add_references_to(obj, RESERVE)


def guard_none_refcount() -> bool:
    """Install the guard if this binding leaks; True if installed (idempotent)."""
    global _timer
    if _timer is not None:
        return True
    if not leaks_none():
        return False
    log.info("the Qt binding leaks references to None (PySide6 6.12.0 on Python < 3.12); guarding")
    for obj in GUARDED:
        _add_references_to(obj, RESERVE)
    _timer = QTimer()
    _timer.setObjectName("noneRefcountGuard")
    _timer.timeout.connect(_top_up)
    _timer.start(CHECK_MS)
    return True
