"""The op runner: one worker owns the connection, jobs run in order, failures are
reported in one place, changes reach the views, long jobs show progress and cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from editor_app.gui.ops import Op, OpRunner, describe_error
from editor_app.services.changes import OpChanges
from editor_app.services.issues import UserError
from editor_app.services.workspace import Cancelled

pytestmark = pytest.mark.gui


@pytest.fixture
def runner(qtbot, demo_db):
    r = OpRunner(demo_db, synchronous=False)
    yield r
    r.shutdown()


def test_jobs_run_in_order_on_one_worker_thread(runner, qtbot):
    seen, threads = [], set()

    def job(k):
        def fn(ctx):
            threads.add((threading.get_ident(), id(ctx.lib)))
            time.sleep(0.01 if k % 2 else 0)
            return k
        return fn

    for k in range(12):
        runner.run(Op(job(k), success=seen.append))
    assert runner.wait_idle(10)
    assert seen == list(range(12))
    assert len(threads) == 1 and next(iter(threads))[0] != threading.get_ident()


def test_a_read_sees_the_write_queued_before_it(runner):
    got = []
    runner.run(Op(lambda ctx: ctx.lib.set_setting("probe", 42), write=True))
    runner.run(Op(lambda ctx: ctx.lib.get_setting("probe"), success=got.append))
    runner.wait_idle(10)
    assert got == [42]


def test_changes_are_announced_with_their_origin(runner, qtbot):
    origin = object()
    with qtbot.waitSignal(runner.changed, timeout=5000) as sig:
        runner.run(Op(lambda ctx: OpChanges.of(1, [3], findings=True), write=True, origin=origin))
    changes, who = sig.args
    assert who is origin and changes.findings_of(1, 3) and not changes.findings_of(1, 4)
    assert not changes.text_of(1, 3)


def test_a_write_that_changed_nothing_announces_nothing(runner, qtbot):
    with qtbot.assertNotEmitted(runner.changed, wait=200):
        runner.run(Op(lambda ctx: OpChanges(issue_id=1), write=True))
        runner.run(Op(lambda ctx: OpChanges.of(1, findings=True)))  # a read: nothing announced
        runner.wait_idle(10)


def test_failures_are_reported_readably_and_the_worker_goes_on(runner, qtbot):
    errors = []
    runner.failed.connect(lambda t, m: errors.append((t, m)))
    runner.run(Op(lambda ctx: (_ for _ in ()).throw(UserError("文件不存在 (no such file)"))))
    runner.run(Op(lambda ctx: 1 / 0))
    handled = []
    runner.run(Op(lambda ctx: 1 / 0, failure=lambda exc: handled.append(exc) or True))
    runner.run(Op(lambda ctx: (_ for _ in ()).throw(Cancelled())))
    ok = []
    runner.run(Op(lambda ctx: "still alive", success=ok.append))
    runner.wait_idle(10)
    assert errors[0] == ("操作未完成", "文件不存在 (no such file)")
    assert errors[1][0] == "程序错误" and "ZeroDivisionError" in errors[1][1]
    assert len(errors) == 2 and len(handled) == 1  # a handled failure and a cancel are not reported
    assert ok == ["still alive"]


def test_long_jobs_show_progress_and_can_be_cancelled(runner, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner.dialog_parent = parent
    started = threading.Event()

    def slow(ctx):
        started.set()
        for i in range(300):
            ctx.progress("校对", i, 300)
            if ctx.cancelled():
                raise Cancelled()
            time.sleep(0.01)
        return "finished"

    result, errors = [], []
    runner.failed.connect(lambda t, m: errors.append(m))
    op = runner.run(Op(slow, label="正在校对全期…", long=True, cancellable=True, success=result.append))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=3000)
    dlg = next(d for d in parent.findChildren(QProgressDialog) if d.isVisible())
    assert "正在校对全期" in dlg.labelText()
    dlg.findChild(QPushButton).click()  # the dialog's 取消 button
    assert runner.wait_idle(10)
    assert op.cancel.is_set() and result == [] and errors == []
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=3000)


def test_shutdown_finishes_queued_writes(qtbot, demo_db):
    from editor_app.services import issues as svc

    r = OpRunner(demo_db, synchronous=False)
    for k in range(5):
        r.run(Op(lambda ctx, k=k: ctx.lib.set_setting(f"k{k}", k), write=True))
    r.shutdown()
    with svc.open_library(demo_db) as lib:
        assert [lib.get_setting(f"k{k}") for k in range(5)] == list(range(5))


def test_describe_error_for_files():
    title, msg = describe_error(FileNotFoundError(2, "No such file or directory", "/x/y.txt"))
    assert title == "文件错误" and "/x/y.txt" in msg
