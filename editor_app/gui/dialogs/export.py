"""导出: what (the issue, one article, the findings report), which copy (clean;
review copy with the open findings as comments; tracked changes since import,
since a chosen revision of the article or since a point in time; Taiwan or Hong
Kong edition) and where. The folder and the options are remembered; the export
itself runs as a long, cancellable op of the window (services/export_job.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import Revision
from editor_app.services.export_job import ExportJob

from .. import labels
from ..session import Session

WHAT = ("issue", "article", "report", "proof")
EDITIONS = ("", "tw", "hk")


class ExportDialog(QDialog):
    """``run(job)`` starts the export (the window's op); the dialog closes when it is called."""

    def __init__(self, session: Session, issue_id: int, seg_id: int | None,
                 run: Callable[[ExportJob], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.session = session
        self.settings = session.settings
        self.issue_id = issue_id
        self.run_fn = run
        self.articles: list[tuple[int, str]] = []
        self.revisions: list[Revision] = []
        self._want_article = seg_id
        self._name_edited = False
        opts = self.settings.export_options
        # what
        self.r_issue = QRadioButton(objectName="exportIssue")
        self.r_article = QRadioButton(objectName="exportArticle")
        self.r_report = QRadioButton(objectName="exportReport")
        self.r_proof = QRadioButton(objectName="exportProof")
        self.r_proof.setEnabled(False)  # until the issue is known to have a PDF proof
        self.has_proof = False
        self.what = QButtonGroup(self)
        for i, b in enumerate((self.r_issue, self.r_article, self.r_report, self.r_proof)):
            self.what.addButton(b, i)
        self.article = QComboBox(objectName="exportArticleChoice")
        self.article.setMinimumContentsLength(16)
        self.report_format = QComboBox(objectName="exportReportFormat")
        self.report_format.addItem("Word (.docx)", "docx")
        self.report_format.addItem("CSV (.csv)", "csv")
        self.g_what = QGroupBox()
        gw = QFormLayout(self.g_what)
        gw.addRow(self.r_issue)
        row = QHBoxLayout()
        row.addWidget(self.r_article)
        row.addWidget(self.article, 1)
        gw.addRow(row)
        row = QHBoxLayout()
        row.addWidget(self.r_report)
        row.addWidget(self.report_format)
        row.addStretch(1)
        gw.addRow(row)
        gw.addRow(self.r_proof)
        # which copy
        self.edition = QComboBox(objectName="exportEdition")
        self.comments = QCheckBox(objectName="exportComments")
        self.track = QCheckBox(objectName="exportTrack")
        self.s_import = QRadioButton(objectName="exportSinceImport")
        self.s_revision = QRadioButton(objectName="exportSinceRevision")
        self.s_time = QRadioButton(objectName="exportSinceTime")
        self.since = QButtonGroup(self)
        for i, b in enumerate((self.s_import, self.s_revision, self.s_time)):
            self.since.addButton(b, i)
        self.since_revision = QComboBox(objectName="exportSinceRevisionChoice")
        self.since_time = QDateTimeEdit(QDateTime.currentDateTime().addDays(-1), objectName="exportSinceTimeChoice")
        self.since_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.since_time.setCalendarPopup(True)
        self.l_edition = QLabel()
        # the language of the comments' and the report's rule titles and messages
        self.lang = QComboBox(objectName="exportLanguage")
        self.l_lang = QLabel()
        self.g_copy = QGroupBox()
        gc = QVBoxLayout(self.g_copy)
        row = QHBoxLayout()
        row.addWidget(self.l_edition)
        row.addWidget(self.edition, 1)
        gc.addLayout(row)
        gc.addWidget(self.comments)
        gc.addWidget(self.track)
        since = QFormLayout()
        since.setContentsMargins(24, 0, 0, 0)
        since.addRow(self.s_import)
        row = QHBoxLayout()
        row.addWidget(self.s_revision)
        row.addWidget(self.since_revision, 1)
        since.addRow(row)
        row = QHBoxLayout()
        row.addWidget(self.s_time)
        row.addWidget(self.since_time, 1)
        since.addRow(row)
        gc.addLayout(since)
        # where
        self.path = QLineEdit(objectName="exportPath")
        self.b_browse = QPushButton(objectName="exportBrowse")
        self.l_path = QLabel()
        row_path = QHBoxLayout()
        row_path.addWidget(self.l_path)
        row_path.addWidget(self.path, 1)
        row_path.addWidget(self.b_browse)
        self.note = QLabel(objectName="exportNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#666")
        self.b_export = QPushButton(objectName="exportRun")
        self.b_export.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.b_export, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        # (outside the copy's group: the report and the PDF proof have a language too)
        row_lang = QHBoxLayout()
        row_lang.addWidget(self.l_lang)
        row_lang.addWidget(self.lang)
        row_lang.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.g_what)
        lay.addWidget(self.g_copy)
        lay.addLayout(row_lang)
        lay.addLayout(row_path)
        lay.addWidget(self.note)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        # remembered options
        what = opts.get("what", "issue")
        (self.what.button(WHAT.index(what)) if what in WHAT else self.r_issue).setChecked(True)
        if what == "article" and seg_id is None:
            self.r_issue.setChecked(True)
        self.comments.setChecked(bool(opts.get("comments", True)))
        self.track.setChecked(bool(opts.get("track_changes", True)))
        since_mode = opts.get("since", "import")
        self.since.button({"import": 0, "revision": 1, "time": 2}.get(since_mode, 0)).setChecked(True)
        self._edition_code = opts.get("edition", "") if opts.get("edition", "") in EDITIONS else ""
        self.report_format.setCurrentIndex(max(self.report_format.findData(opts.get("report_format", "docx")), 0))
        self._lang_code = "en" if opts.get("lang") == "en" else ""
        # signals
        self.what.idToggled.connect(lambda _i, on: on and self._update())
        self.since.idToggled.connect(lambda _i, on: on and self._update())
        self.article.currentIndexChanged.connect(lambda _i: self._article_changed())
        self.report_format.currentIndexChanged.connect(lambda _i: self._update())
        self.edition.currentIndexChanged.connect(lambda _i: self._update())
        self.comments.toggled.connect(lambda _on: self._update())
        self.track.toggled.connect(lambda _on: self._update())
        self.path.textEdited.connect(lambda _t: setattr(self, "_name_edited", True))
        self.b_browse.clicked.connect(self._browse)
        self.b_export.clicked.connect(self._run)
        self.resize(680, self.sizeHint().height())
        self.retranslate()
        self.load()

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导出"))
        self.g_what.setTitle(self.tr("导出内容"))
        self.r_issue.setText(self.tr("整期"))
        self.r_article.setText(self.tr("单篇文章"))
        self.r_report.setText(self.tr("校对报告"))
        self.r_proof.setText(self.tr("带批注的 PDF 校样（问题和修改标在版面上）"))
        self.r_proof.setToolTip("" if self.has_proof else self.tr("本期不是从 PDF 校样导入的。"))
        self.g_copy.setTitle(self.tr("稿件版本"))
        self.l_edition.setText(self.tr("文字"))
        code = self.edition.currentData() if self.edition.count() else self._edition_code
        self.edition.blockSignals(True)
        self.edition.clear()
        self.edition.addItem(self.tr("简体（编辑后的文本）"), "")
        self.edition.addItem(self.tr("繁体 · 台湾版"), "tw")
        self.edition.addItem(self.tr("繁体 · 香港版"), "hk")
        self.edition.setCurrentIndex(max(self.edition.findData(code), 0))
        self.edition.blockSignals(False)
        lang = self.lang.currentData() if self.lang.count() else self._lang_code
        self.lang.clear()
        self.lang.addItem(self.tr("中文"), "")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(max(self.lang.findData(lang), 0))
        self.l_lang.setText(self.tr("批注和报告的语言"))
        self.comments.setText(self.tr("审阅稿：待处理的问题作为 Word 批注"))
        self.track.setText(self.tr("修订痕迹：修改显示为 Word 修订"))
        self.s_import.setText(self.tr("自导入以来"))
        self.s_revision.setText(self.tr("自所选版本以来"))
        self.s_time.setText(self.tr("自所选时间以来"))
        self.l_path.setText(self.tr("保存到"))
        self.b_browse.setText(self.tr("浏览…"))
        self.b_export.setText(self.tr("导出"))
        self._fill_revisions()
        self._update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------------

    def load(self) -> None:
        issue = self.issue_id

        def fetch(ctx):
            from editor_app.services import proofs

            articles = [(r.id, labels.segment_title(r.kind, r.title, r.page))
                        for r in ctx.lib.segments(issue) if r.kind == "article"]
            return articles, proofs.has_proof(ctx.lib, issue)

        def done(found) -> None:
            articles, self.has_proof = found
            self.r_proof.setEnabled(self.has_proof)
            if self.r_proof.isChecked() and not self.has_proof:
                self.r_issue.setChecked(True)
            self.r_proof.setToolTip("" if self.has_proof else self.tr("本期不是从 PDF 校样导入的。"))
            self.articles = articles
            self.article.blockSignals(True)
            self.article.clear()
            for seg, name in articles:
                self.article.addItem(name, seg)
            self.article.setCurrentIndex(max(self.article.findData(self._want_article), 0))
            self.article.blockSignals(False)
            self._article_changed()

        self.session.read(fetch, done)

    def _article_changed(self) -> None:
        seg = self.article.currentData()
        if seg is None:
            self.revisions = []
            self._fill_revisions()
            return
        self.session.read(lambda ctx: ctx.lib.revisions(seg), self._revisions_loaded)

    def _revisions_loaded(self, revisions: list[Revision]) -> None:
        self.revisions = [r for r in revisions if r.note != "conflict"]
        self._fill_revisions()
        self._update()

    def _fill_revisions(self) -> None:
        cur = self.since_revision.currentData()
        self.since_revision.blockSignals(True)
        self.since_revision.clear()
        for r in self.revisions:
            self.since_revision.addItem(self.tr("第 {0} 版 · {1} · {2}").format(
                r.number, r.author or "—", labels.when(r.created)), r.id)
        # default: the version before the current one (what the last round changed)
        default = self.revisions[1].id if len(self.revisions) > 1 else None
        self.since_revision.setCurrentIndex(max(self.since_revision.findData(cur if cur is not None else default), 0))
        self.since_revision.blockSignals(False)

    # -- state ----------------------------------------------------------------------------------

    @property
    def what_code(self) -> str:
        return WHAT[max(self.what.checkedId(), 0)]

    def _update(self) -> None:
        what, edition = self.what_code, self.edition.currentData() or ""
        doc = what in ("issue", "article")
        self.article.setEnabled(what == "article")
        self.report_format.setEnabled(what == "report")
        self.g_copy.setEnabled(doc)
        simplified = doc and not edition
        self.comments.setEnabled(simplified)
        # the language names rules in comments (review copy), the report and the PDF's notes
        lang = what in ("report", "proof") or (simplified and self.comments.isChecked())
        self.lang.setEnabled(lang)
        self.l_lang.setEnabled(lang)
        self.track.setEnabled(simplified)
        tracking = simplified and self.track.isChecked()
        for w in (self.s_import, self.s_revision, self.s_time):
            w.setEnabled(tracking)
        self.s_revision.setEnabled(tracking and what == "article")
        if self.s_revision.isChecked() and what != "article":
            self.s_import.setChecked(True)
        self.since_revision.setEnabled(tracking and what == "article" and self.s_revision.isChecked())
        self.since_time.setEnabled(tracking and self.s_time.isChecked())
        if what == "proof":
            note = self.tr("在导入的 PDF 校样副本上，待处理的问题高亮在原字上并附批注，"
                           "导入后的修改标为删除线和插入符；原文件不变。")
        elif what == "report":
            note = self.tr("校对报告列出全期所有问题（含已修改、已忽略）及各篇差错率。")
        elif edition:
            note = self.tr("繁体版由 OpenCC 转换，不带批注和修订痕迹；请人工复核用词。")
        elif not self.comments.isChecked() and not self.track.isChecked():
            note = self.tr("干净稿：只有编辑后的文本。")
        else:
            note = self.tr("导出前会重新校对全期，批注与当前文本一致。")
        self.note.setText(note)
        if not self._name_edited:
            self.path.setText(str(self.default_path()))
        self.b_export.setEnabled(what != "article" or self.article.currentData() is not None)

    def folder(self) -> Path:
        f = self.settings.export_folder
        return Path(f) if f and Path(f).is_dir() else Path.home()

    def default_path(self) -> Path:
        label = self.session.issue_label or "issue"
        what, edition = self.what_code, self.edition.currentData() or ""
        if what == "report":
            return self.folder() / f"{label} {self.tr('校对报告')}.{self.report_format.currentData()}"
        if what == "proof":
            suffix = self.tr("批注校样")
            return self.folder() / (_file_name(f"{label} {suffix}") + ".pdf")
        name = label
        if what == "article":
            name = f"{label} {self.article.currentText()}".strip()
        if edition:
            suffix = {"tw": self.tr("台湾版"), "hk": self.tr("香港版")}[edition]
        elif self.comments.isChecked() or self.track.isChecked():
            suffix = self.tr("审阅稿")
        else:
            suffix = self.tr("干净稿")
        return self.folder() / (_file_name(f"{name} {suffix}") + ".docx")

    def job(self) -> ExportJob:
        what, edition = self.what_code, self.edition.currentData() or ""
        since = ("import", "revision", "time")[max(self.since.checkedId(), 0)]
        when = self.since_time.dateTime().toPython().astimezone(UTC).isoformat(timespec="milliseconds")
        return ExportJob(
            what=what,
            out=self.path.text().strip(),
            seg_id=self.article.currentData() if what == "article" else None,
            comments=self.comments.isChecked() and not edition,
            track_changes=self.track.isChecked() and not edition,
            since=since,
            since_revision=self.since_revision.currentData() if since == "revision" else None,
            since_time=when if since == "time" else None,
            edition=edition,
            report_format=self.report_format.currentData(),
            author=self.session.user,
            lang=self.lang.currentData() or "",
        )

    def remember(self, job: ExportJob) -> None:
        self.settings.export_options = {
            "what": job.what, "comments": self.comments.isChecked(), "track_changes": self.track.isChecked(),
            "since": job.since if job.since != "revision" or job.what == "article" else "import",
            "edition": job.edition, "report_format": job.report_format, "lang": job.lang,
        }
        parent = Path(job.out).expanduser().parent
        if parent.is_dir():
            self.settings.export_folder = str(parent)

    # -- the user's answers --------------------------------------------------------------------------

    def ask_path(self) -> str | None:
        current = self.path.text().strip() or str(self.default_path())
        if self.what_code == "report" and self.report_format.currentData() == "csv":
            filters = self.tr("CSV 表格 (*.csv)")
        elif self.what_code == "proof":
            filters = self.tr("PDF 文件 (*.pdf)")
        else:
            filters = self.tr("Word 文档 (*.docx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出到"), current, filters)
        return path or None

    def _browse(self) -> None:
        path = self.ask_path()
        if path:
            self.path.setText(path)
            self._name_edited = True

    def _run(self) -> None:
        job = self.job()
        if not job.out:
            self.note.setText(self.tr("请填写保存位置。"))
            return
        self.remember(job)
        self.accept()
        self.run_fn(job)


def _file_name(name: str) -> str:
    """``name`` with the characters file systems refuse replaced by _."""
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name)


def progress_label(step: str) -> str:
    """The progress dialog's text for an export step reported by the service."""
    names = {
        "prepare": QCoreApplication.translate("ExportDialog", "正在准备…"),
        "write": QCoreApplication.translate("ExportDialog", "正在生成文档…"),
        "finish": QCoreApplication.translate("ExportDialog", "正在保存…"),
        "done": QCoreApplication.translate("ExportDialog", "完成"),
    }
    return names.get(step, step)
