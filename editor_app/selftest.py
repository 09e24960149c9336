"""``editor-app --self-test``: prove on this machine that the installed app works.

Each step exercises what an install could have lost: the bundled resources,
the package metadata (version), the demo issue and the import into a library,
every check (with its word lists and OpenCC), OpenCC's own dictionaries, the
DOCX export with comments, and the desktop window rendered to a PNG. It prints
one line per step::

    [ok] checks — 32 rules, 118 findings (245 ms)
    [FAIL] export — reason

and returns 0 only when every step passed. Everything happens in a temporary
folder that is removed afterwards. No Qt here: the window step imports
``editor_app.gui.selftest`` lazily and calls its one function.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from editor_app import __version__, paths
from editor_app.model import CATEGORIES

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUILD_INFO = "build-info.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# OpenCC samples with their exact expected conversions: the character configs of
# the traditional editions (ordinary words stay: 项目 is 項目, not 專案)
OPENCC_SAMPLES = (
    ("s2tw", "这个项目的文件在网络上发布", "這個項目的文件在網絡上發佈"),
    ("s2hk", "这个项目的文件在网络上发布", "這個項目的文件在網絡上發佈"),
    ("t2s", "編輯審校臺對簡繁轉換進行測試", "编辑审校台对简繁转换进行测试"),
)
# categories whose planted problems all depend on bundled data (the 8105 table,
# OpenCC, word lists): each one planted in the demo issue must be found
DATA_CATEGORIES = ("script", "wording")
REQUIRED_RESOURCES = (
    ("samples", "demo-issue.txt"),
    ("samples", "demo-issue.planted.tsv"),
    ("checks", "tongyong_guifan_8105.tsv"),
    ("ingest", "columns.tsv"),
    ("export", "traditional_overrides.tsv"),
    ("fonts", "NotoSansCJKsc-Regular-cjk.otf"),
)


class StepFailed(Exception):
    """A step's check did not hold; ``str()`` is the one-line reason."""


@dataclass
class Context:
    tmp: Path
    library: Path
    issue_id: int | None = None
    n_findings: int = 0
    notes: dict = field(default_factory=dict)


@dataclass
class StepResult:
    name: str
    ok: bool
    detail: str
    ms: float

    def line(self) -> str:
        if self.ok:
            return f"[ok] {self.name} — {self.detail} ({self.ms:.0f} ms)"
        return f"[FAIL] {self.name} — {self.detail}"


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def build_info() -> dict | None:
    """The bundle's build-info.json (written by packaging/editor-app.spec), if frozen."""
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return None
    path = Path(base) / BUILD_INFO
    if not path.is_file():
        raise StepFailed(f"{path} 缺失 (missing: the bundle was not built by packaging/editor-app.spec)")
    return json.loads(path.read_text(encoding="utf-8"))


# -- steps -------------------------------------------------------------------------


def step_resources(ctx: Context) -> str:
    root = paths.resources_dir()
    if not root.is_dir():
        raise StepFailed(f"资源目录不存在 (resources folder missing): {root}")
    missing = [("/".join(p)) for p in REQUIRED_RESOURCES if not paths.resource(*p).is_file()]
    if missing:
        raise StepFailed(f"缺少资源文件 (missing): {', '.join(missing)} in {root}")
    n = sum(1 for p in root.rglob("*") if p.is_file())
    return f"{n} files in {root}"


def step_version(ctx: Context) -> str:
    from importlib import metadata

    try:
        version = metadata.version("editor-app")
    except metadata.PackageNotFoundError:
        raise StepFailed("找不到软件包元数据 (package metadata of editor-app not found)") from None
    if version != __version__:
        raise StepFailed(f"版本不一致 (version mismatch): metadata {version}, editor_app {__version__}")
    info = build_info()
    if info is not None and info.get("version") != version:
        raise StepFailed(f"版本不一致 (version mismatch): build-info {info.get('version')}, metadata {version}")
    where = f"frozen, built {info['built']}" if info else "source"
    return f"editor-app {version} ({where})"


def step_import(ctx: Context) -> str:
    from editor_app.services import importing
    from editor_app.services import issues as svc

    demo = paths.demo_issue_path()
    with svc.open_library(ctx.library) as lib:
        out = importing.import_issue_file(lib, demo, author="self-test")
        if out.status != "imported":
            raise StepFailed(f"示例期刊未导入 (demo issue not imported: {out.status})")
        if out.n_articles < 1:
            raise StepFailed("示例期刊没有文章 (no articles in the demo issue)")
        problems = lib.integrity_problems()
        if problems:
            raise StepFailed(f"资料库完整性检查失败 (library integrity): {problems[0]}")
    ctx.issue_id = out.issue_id
    return f"{out.label}, {out.n_articles} articles → {ctx.library.name}"


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _planted(categories: tuple[str, ...]) -> list[tuple[str, str]]:
    """(rule id, excerpt) of the problems planted in the demo issue, for these categories."""
    out = []
    for line in paths.resource("samples", "demo-issue.planted.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# must-pass"):
            break
        if not line.strip() or line.startswith("#"):
            continue
        rule_id, excerpt = line.split("\t")[:2]
        if rule_id.split(".", 1)[0] in categories:
            out.append((rule_id, excerpt))
    return out


def _check_rule_modules() -> int:
    from editor_app.checks.registry import discover_modules

    found = discover_modules()
    info = build_info()
    if info is not None:
        lost = sorted(set(info.get("rule_modules", [])) - set(found))
        if lost:
            raise StepFailed(f"规则模块未打包 (rule modules missing from the bundle): {', '.join(lost)}")
    return len(found)


def step_checks(ctx: Context) -> str:
    from editor_app.services import checking
    from editor_app.services import issues as svc

    n_modules = _check_rule_modules()
    rules = checking.registry().rules
    if not rules:
        raise StepFailed("没有检查规则 (no rules registered)")
    handler = _ErrorLog()
    logger = logging.getLogger("editor_app.checks")
    logger.addHandler(handler)
    try:
        with svc.open_library(ctx.library) as lib:
            res = checking.run_checks(lib, ctx.issue_id)
            source = lib.get_issue(ctx.issue_id).source
    finally:
        logger.removeHandler(handler)
    if handler.records:
        first = handler.records[0]
        raise StepFailed(f"{len(handler.records)} 条规则运行出错 (rule errors), first: {first.getMessage()}")
    by_cat = {c: 0 for c in CATEGORIES}
    for f in res.findings:
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
    silent = [c for c in CATEGORIES if not by_cat[c]]
    if silent:
        raise StepFailed(f"示例期刊中这些类别没有发现问题 (no findings in categories): {', '.join(silent)}")
    missed = []
    planted = _planted(DATA_CATEGORIES)
    for rule_id, excerpt in planted:
        at = source.find(excerpt)
        if at < 0:
            raise StepFailed(f"示例期刊与问题清单不符 (planted excerpt not in the demo issue): {excerpt}")
        end = at + len(excerpt)
        if not any(
            f.rule == rule_id and f.source_start is not None and f.source_start < end and f.source_end > at
            for f in res.findings
        ):
            missed.append(f"{rule_id} 「{excerpt}」")
    if missed:
        raise StepFailed(f"漏报 {len(missed)}/{len(planted)} (planted problems not found): {'; '.join(missed[:3])}")
    ctx.n_findings = len(res.findings)
    cats = ", ".join(f"{c} {n}" for c, n in by_cat.items())
    return (
        f"{len(rules)} rules from {n_modules} modules, {len(res.findings)} findings ({cats}); "
        f"planted {'+'.join(DATA_CATEGORIES)} {len(planted)}/{len(planted)} found"
    )


def step_opencc(ctx: Context) -> str:
    import opencc

    done = []
    for config, text, expected in OPENCC_SAMPLES:
        try:
            conv = opencc.OpenCC(f"{config}.json")
        except Exception as exc:  # the config or a dictionary file is missing from the install
            raise StepFailed(f"OpenCC {config} 无法加载 (cannot load): {exc}") from None
        got = conv.convert(text)
        if got != expected:
            raise StepFailed(f"OpenCC {config}: 「{text}」→「{got}」, expected 「{expected}」")
        done.append(f"{config} 「{text[:4]}…」→「{got[:4]}…」")
    return "; ".join(done)


def step_pdf(ctx: Context) -> str:
    """The PDF-proof stack: PDFium (a native library loaded with ctypes) makes, renders
    and saves a page; pypdf reads it back (what ``export --pdf`` writes with)."""
    import io

    try:
        import pypdf
        import pypdfium2 as pdfium
    except Exception as exc:  # the native library or the package is missing from the install
        raise StepFailed(f"PDF 组件无法加载 (cannot load the PDF libraries): {exc}") from None
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    bitmap = doc[0].render(scale=0.25)
    size = (bitmap.width, bitmap.height)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    reader = pypdf.PdfReader(io.BytesIO(buf.getvalue()))
    if len(reader.pages) != 1 or not (148 <= size[0] <= 150 and 209 <= size[1] <= 212):
        raise StepFailed(f"PDF 不对 (expected 1 page of about 149×210 px, got {len(reader.pages)} pages, {size})")
    return f"PDFium made and rendered a page ({size[0]}×{size[1]} px); pypdf read it back"


def _export_docx(ctx: Context, out: Path) -> tuple[Path, str]:
    """Write the review copy (findings as comments) through the services layer when it exists."""
    from editor_app.services import issues as svc

    try:
        from editor_app.services import exporting
    except ImportError:
        exporting = None
    if exporting is not None:
        with svc.open_library(ctx.library) as lib:
            written = exporting.export_issue(lib, ctx.issue_id, out, comments=True, author="self-test")
        return Path(written), "services.exporting.export_issue"
    try:
        from editor_app.export import export_issue_docx
    except ImportError:
        raise StepFailed(
            "DOCX 导出模块不存在 (neither editor_app.services.exporting nor editor_app.export is available)"
        ) from None
    with svc.open_library(ctx.library) as lib:
        issue = lib.get_issue(ctx.issue_id)
        findings = lib.list_findings(ctx.issue_id, status="open")
    written = export_issue_docx(issue, out, findings=findings, author="self-test")
    return Path(written), "editor_app.export.export_issue_docx"


def _docx_comment_counts(path: Path) -> tuple[int, int, int]:
    """(comments, comment ranges in the body, paragraphs) of a written DOCX."""
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            raise StepFailed(f"DOCX 损坏 (corrupt member {bad})")
        names = set(z.namelist())
        if "word/document.xml" not in names:
            raise StepFailed("DOCX 缺少 word/document.xml")
        body = ElementTree.fromstring(z.read("word/document.xml"))
        comments = ElementTree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in names else None
    n_comments = len(comments.findall(f"{W_NS}comment")) if comments is not None else 0
    n_ranges = len(body.findall(f".//{W_NS}commentRangeStart"))
    n_paras = len(body.findall(f".//{W_NS}p"))
    return n_comments, n_ranges, n_paras


def step_export(ctx: Context) -> str:
    out = ctx.tmp / "self-test-review.docx"
    path, via = _export_docx(ctx, out)
    if not path.is_file() or path.stat().st_size == 0:
        raise StepFailed(f"没有写出文件 (nothing written at {path})")
    n_comments, n_ranges, n_paras = _docx_comment_counts(path)
    if n_comments == 0:
        raise StepFailed(f"DOCX 中没有批注 (no comments; {ctx.n_findings} findings were open)")
    if n_ranges != n_comments:
        raise StepFailed(f"批注与正文标记不符 (comments {n_comments}, ranges in the text {n_ranges})")
    return f"{n_comments} comments, {n_paras} paragraphs, {path.stat().st_size // 1024} KB via {via}"


def step_window(ctx: Context) -> str:
    try:
        from editor_app.gui.selftest import render_main_window
    except ImportError as exc:
        raise StepFailed(f"无法加载图形界面 (cannot load the GUI): {exc}") from None
    png = ctx.tmp / "self-test-window.png"
    try:
        detail = render_main_window(ctx.library, ctx.issue_id, png)
    except RuntimeError as exc:  # the GUI side's user-facing reasons
        raise StepFailed(str(exc)) from None
    data = png.read_bytes() if png.is_file() else b""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 33:
        raise StepFailed(f"没有生成 PNG (no PNG written at {png})")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    if width < 200 or height < 150:
        raise StepFailed(f"窗口图像太小 (window image {width}×{height})")
    return f"{width}×{height} PNG, {len(data) // 1024} KB; {detail}"


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("resources", step_resources),
    ("version", step_version),
    ("import", step_import),
    ("checks", step_checks),
    ("opencc", step_opencc),
    ("pdf", step_pdf),
    ("export", step_export),
    ("window", step_window),
)
NEEDS_LIBRARY = {"checks", "export", "window"}


def step_server(ctx: Context) -> str:
    """``--self-test --db postgresql://…``: the bundled driver reaches the newsroom server."""
    from editor_app.services import server
    from editor_app.services.issues import UserError

    try:
        info = server.connect_info(ctx.notes["server"])
    except UserError as exc:
        raise StepFailed(str(exc)) from None
    return (f"{info.dsn} as {info.login} ({info.role or '无角色 / no role'}), {info.n_issues} 期 / issues, "
            f"search {info.search_ms:.0f} ms; {info.driver}")


def run(out=None, keep: Path | None = None, server: str | None = None) -> list[StepResult]:
    """Run every step; a step that needs the imported issue fails when the import did.
    ``server``: a ``postgresql://`` DSN, checked by one more step ("server")."""
    out = out or sys.stdout
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="editor-app-selftest-") as tmp_name:
        tmp = Path(keep) if keep else Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        ctx = Context(tmp=tmp, library=tmp / "self-test-library.sqlite")
        steps = STEPS
        if server:
            ctx.notes["server"] = server
            steps = (*STEPS, ("server", step_server))
        for name, func in steps:
            t0 = time.perf_counter()
            if name in NEEDS_LIBRARY and ctx.issue_id is None:
                res = StepResult(name, False, "跳过：示例期刊未导入 (skipped: the demo issue was not imported)", 0)
            else:
                try:
                    res = StepResult(name, True, func(ctx), 0)
                except StepFailed as exc:
                    res = StepResult(name, False, str(exc), 0)
                except Exception as exc:  # noqa: BLE001 - any crash is a failed step, reported in one line
                    where = traceback.extract_tb(exc.__traceback__)[-1]
                    res = StepResult(
                        name, False, f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})", 0
                    )
            res.ms = (time.perf_counter() - t0) * 1000
            results.append(res)
            print(res.line(), file=out, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the self-test; 0 when every step passed, 1 otherwise."""
    import argparse

    parser = argparse.ArgumentParser(prog="editor-app --self-test", description="自检 (self-test)")
    parser.add_argument("--keep", metavar="DIR", help="write the library, DOCX and PNG to DIR and keep them")
    parser.add_argument("--db", metavar="DSN", help="also connect to this newsroom server library (postgresql://…)")
    args = parser.parse_args([] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a Windows console may not be UTF-8
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    t0 = time.perf_counter()
    results = run(keep=Path(args.keep) if args.keep else None, server=args.db)
    failed = [r.name for r in results if not r.ok]
    total = (time.perf_counter() - t0) * 1000
    if failed:
        print(f"自检失败 (self-test FAILED): {len(failed)}/{len(results)} steps — {', '.join(failed)} ({total:.0f} ms)")
        return 1
    print(f"自检通过 (self-test passed): {len(results)}/{len(results)} steps ({total:.0f} ms)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
