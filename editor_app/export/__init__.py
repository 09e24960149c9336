"""Model + findings -> DOCX (issue, article, report) and CSV.

Imports only :mod:`editor_app.model`, :mod:`editor_app.paths` and libraries
(python-docx, lxml, OpenCC lazily). No SQL, no Qt: the services layer fetches
from the library and calls these functions with plain model objects.
"""

from .common import ExportError
from .issue_docx import export_article_docx, export_issue_docx
from .report import RATE_LIMIT, build_rows, export_report_csv, export_report_docx, summarize

__all__ = [
    "RATE_LIMIT",
    "ExportError",
    "build_rows",
    "export_article_docx",
    "export_issue_docx",
    "export_report_csv",
    "export_report_docx",
    "summarize",
]
