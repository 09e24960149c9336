"""Edit a DOCX in LibreOffice through UNO, as a person would: open it, replace
one piece of text, save it as Word 2007-365.

Run with the system Python that has the UNO bridge (Debian: python3-uno),
not the virtual environment:

    /usr/bin/python3 tests/export/uno_edit.py SOFFICE IN.docx OUT.docx OLD NEW PROFILE_DIR

Prints "replaced N" and exits 0; exits 1 when OLD is not found.
"""

from __future__ import annotations

import os
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
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        search = doc.createReplaceDescriptor()
        search.SearchString = old
        search.ReplaceString = new
        search.SearchRegularExpression = False
        n = doc.replaceAll(search)
        out = uno.systemPathToFileUrl(os.path.abspath(dst))
        doc.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        print(f"replaced {n}")
        try:
            desktop.terminate()
        except Exception:
            pass
        return 0 if n else 1
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
