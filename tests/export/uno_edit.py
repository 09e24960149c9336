"""Edit a DOCX in LibreOffice through UNO, as a person would: open it, replace
one piece of text (typed over a selection), save it as Word 2007-365.

Run with the system Python that has the UNO bridge (Debian: python3-uno),
not the virtual environment:

    /usr/bin/python3 tests/export/uno_edit.py SOFFICE IN.docx OUT.docx OLD NEW PROFILE_DIR

Prints "replaced N" (paragraphs changed) and exits 0; exits 1 when OLD is
not found. An empty OLD only opens and saves the file (an unedited copy).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid


def main(argv: list[str]) -> int:
    soffice, src, dst, old, new, profile = argv
    import uno  # noqa: PLC0415 - only in the system Python
    from com.sun.star.beans import PropertyValue  # noqa: PLC0415

    pipe = f"editions_{uuid.uuid4().hex[:12]}"
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if proc.poll() is not None:
                    raise RuntimeError("soffice exited early") from None
                time.sleep(0.5)
        if ctx is None:
            raise RuntimeError("could not connect to soffice")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

        def prop(name, value):
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p

        url = uno.systemPathToFileUrl(os.path.abspath(src))
        # the model alone, without a view: LibreOffice's no-GUI build cannot
        # create the comment sidebar a view would need
        doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
        doc.load((prop("URL", url), prop("FilterName", "MS Word 2007 XML")))
        n = 0
        text = doc.Text
        paragraphs = text.createEnumeration()
        while paragraphs.hasMoreElements():
            par = paragraphs.nextElement()
            if not old or not par.supportsService("com.sun.star.text.Paragraph") or old not in par.getString():
                continue
            # cursor steps do not match string indices (a comment anchor is a step
            # without text): walk the paragraph one step at a time
            steps: list[str] = []
            cursor = text.createTextCursorByRange(par.getStart())
            while text.compareRegionEnds(cursor, par) > 0:
                cursor.collapseToEnd()
                if not cursor.goRight(1, True):
                    break
                steps.append(cursor.getString())
            joined = "".join(steps)
            i = joined.find(old)
            pos, first, last = 0, None, None
            for k, t in enumerate(steps):
                if first is None and pos + len(t) > i:
                    first = k
                pos += len(t)
                if pos >= i + len(old):
                    last = k
                    break
            cursor = text.createTextCursorByRange(par.getStart())
            cursor.goRight(first, False)
            cursor.goRight(last - first + 1, True)
            cursor.setString(new)  # typed over the selection
            n += 1
        out = uno.systemPathToFileUrl(os.path.abspath(dst))
        doc.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        print(f"replaced {n}")
        try:
            desktop.terminate()
        except Exception:
            pass
        return 0 if n or not old else 1
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice and the soffice.bin it started
            proc.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
