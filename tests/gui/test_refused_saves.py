"""未能发送的保存: a save the server refused when the outbox sent it is read, copied and
discarded in a dialog; a waiting save is never discarded."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from editor_app.services import outbox as ob

pytestmark = pytest.mark.gui


def test_refused_save_is_shown_copied_and_discarded(qtbot, tmp_path):
    from editor_app.gui.dialogs.refused_saves import RefusedSavesDialog

    box = ob.Outbox(tmp_path / "o.sqlite", "postgresql://u@h/db")
    try:
        refused = box.file.add(7, 1, "签发前写的一段话。", {"title": "乡村振兴"}, 3, "李华", "edit")
        waiting = box.file.add(8, 1, "还在路上。", {}, 2, "李华", "edit")
        box.file.refuse(refused.id, "文章已签发 / the article is signed off")
        assert not box.discard_refused(waiting.id)  # still on its way: never dropped here
        dlg = RefusedSavesDialog(box)
        qtbot.addWidget(dlg)
        assert dlg.list.count() == 1 and "乡村振兴" in dlg.list.item(0).text()
        assert dlg.text.toPlainText() == "签发前写的一段话。" and "已签发" in dlg.reason.text()
        dlg.copy()
        assert QGuiApplication.clipboard().text() == "签发前写的一段话。"
        dlg.discard(confirm=False)
        assert dlg.list.count() == 0 and not dlg.b_discard.isEnabled()
        assert box.refused() == [] and box.pending() == 1  # the waiting save is kept
        dlg.close()
    finally:
        box.close()
