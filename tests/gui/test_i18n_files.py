"""The translation files: English complete, in step with the code, compiled.

Source strings are Simplified Chinese (the default interface); the English
translation lives in resources/i18n/editor_app_en.ts and is compiled to .qm.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS = I18N / "editor_app_en.ts"
QM = I18N / "editor_app_en.qm"
HAN = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"\{\d+(?::[^}]*)?\}")
TAG = re.compile(r"</?[a-zA-Z]+")


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    if exe.exists():
        return str(exe)
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            out[(name, m.find("source").text)] = m.find("translation")
    return out


def test_english_is_complete():
    msgs = messages(TS)
    assert len(msgs) > 250
    problems = []
    for (ctx, src), tr in msgs.items():
        text = tr.text or ""
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{ctx}: {src!r} untranslated")
        elif HAN.search(text):
            problems.append(f"{ctx}: {src!r} -> {text!r} has Chinese")
        elif sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{ctx}: {src!r} -> {text!r} placeholders differ")
        elif sorted(TAG.findall(src)) != sorted(TAG.findall(text)):
            problems.append(f"{ctx}: {src!r} -> {text!r} markup differs")
        elif ("&" in src) != ("&" in text):
            problems.append(f"{ctx}: {src!r} -> {text!r} keyboard accelerator")
    assert problems == []


def test_translation_file_matches_the_code(tmp_path):
    """Every tr() string in editor_app/gui is in the .ts file, and nothing stale is left."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "editor_app" / "gui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-source-language", "zh_CN",
                    "-target-language", "en", "-no-obsolete", "-locations", "none"],
                   check=True, capture_output=True)
    in_code, in_file = set(messages(fresh)), set(messages(TS))
    assert in_code - in_file == set(), "strings in the code without a translation entry"
    assert in_file - in_code == set(), "translation entries no string in the code uses"


def test_compiled_translation_is_up_to_date(tmp_path):
    out = tmp_path / "en.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert QM.read_bytes() == out.read_bytes(), "run pyside6-lrelease (resources/i18n/README.md)"
