"""Several clients on one issue of a server library at once: nothing lost, nothing overwritten.

Each client is its own ``Library`` (its own connection pool) on its own thread, as
separate desks are. They save (each save appends a marker to the text it read, with the
version it read), change review statuses, dismiss or reopen findings, apply fixes
(services.checking.apply_fix, which re-checks in the same transaction) and import new
issues, mostly on the same three articles. Afterwards:

* every save that returned is in the current text, in the order they committed: no
  silent overwrite (a save on a stale version never became current);
* every save that raised ConflictError is kept as a "conflict" revision holding its
  text, and its marker is nowhere in the current text: both texts kept;
* revision numbers have no gaps, and ``server check`` finds no broken invariant.
"""

from __future__ import annotations

import random
import re
import threading

import pytest

from editor_app.services import checking
from editor_app.services.issues import UserError
from editor_app.store import ConflictError, Library, LibraryError, NotFoundError
from editor_app.store.invariants import problems
from tests.conftest import pg_empty_library
from tests.store.conftest import DEFAULT_ARTICLES, build_issue

CLIENTS = 5
OPS = 200


@pytest.mark.slow
def test_five_clients_two_hundred_operations_each(pg_library_dsn):
    pg_empty_library(pg_library_dsn)
    with Library(pg_library_dsn) as admin:
        articles = [dict(a) for a in DEFAULT_ARTICLES]
        articles[0] = {**articles[0], "body": ["浙江,杭州的数字经济发展迅速。", *articles[0]["body"]]}
        issue_id = admin.import_issue(build_issue(articles=articles), author="导入").issue_id
        checking.run_checks(admin, issue_id, who="admin")
        seg_ids = [s.id for s in admin.segments(issue_id) if s.kind == "article"]
        finding_ids = [f.id for f in admin.list_findings(issue_id)]
    assert finding_ids

    results: dict[int, dict] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        rng = random.Random(n)
        out = {"saved": [], "conflicts": [], "statuses": 0, "decisions": 0, "fixes": [], "imports": []}
        try:
            with Library(pg_library_dsn) as lib:
                start.wait()
                for i in range(OPS):
                    sid = rng.choice(seg_ids)
                    op = rng.random()
                    if op < 0.7:
                        text, version = lib.current_text(sid)
                        marker = f"[c{n}-{i}]"
                        try:
                            rev = lib.save_text(sid, text + marker, f"client{n}", expected_version=version)
                            out["saved"].append((sid, marker, rev.id))
                        except ConflictError as exc:
                            out["conflicts"].append((sid, marker, exc.conflict_revision_id))
                    elif op < 0.8:
                        lib.set_review_status(sid, rng.choice(["审校中", "已校", "待审"]), f"client{n}")
                        out["statuses"] += 1
                    elif op < 0.9:
                        current = [f.id for f in lib.list_findings(issue_id)] or finding_ids
                        fid = rng.choice(current)
                        try:
                            if rng.random() < 0.5:
                                lib.dismiss_finding(fid, "并发测试", who=f"client{n}")
                            else:
                                lib.reopen_finding(fid, who=f"client{n}")
                            out["decisions"] += 1
                        except NotFoundError:
                            pass  # the problem was fixed meanwhile: its finding is gone
                    elif op < 0.95:
                        new_id = lib.import_issue(
                            build_issue(articles=articles, year=3000 + n, number=i + 1, salt=f"c{n}-{i}"),
                            author=f"client{n}",
                        ).issue_id
                        checking.run_checks(lib, new_id, who=f"client{n}")
                        out["imports"].append(new_id)
                    else:  # a fix of an open half-width comma anywhere (never inside a marker)
                        fixable = [
                            f for iid in [r.id for r in lib.list_issues()]
                            for f in lib.list_findings(iid, rule="punctuation.halfwidth", status="open")
                            if f.suggestion is not None and "[" not in f.excerpt and "]" not in f.excerpt
                        ]
                        if fixable:
                            f = rng.choice(fixable)
                            try:
                                res = checking.apply_fix(lib, f.id, f"client{n}")
                            except (UserError, LibraryError):
                                continue  # fixed meanwhile by another client: refused, nothing written
                            if res.applied:
                                out["fixes"].append(f.segment.id)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        results[n] = out

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    saved = [s for r in results.values() for s in r["saved"]]
    conflicts = [c for r in results.values() for c in r["conflicts"]]
    assert len(saved) + len(conflicts) > CLIENTS * OPS * 0.6
    assert saved and conflicts, "the test should see both outcomes"
    assert sum(r["decisions"] for r in results.values()) and sum(r["statuses"] for r in results.values())

    with Library(pg_library_dsn) as lib:
        for sid in seg_ids:
            text, _ = lib.current_text(sid)
            in_text = re.findall(r"\[c\d+-\d+\]", text)
            mine = {m for s, m, _ in saved if s == sid}
            assert set(in_text) == mine and len(in_text) == len(mine)
            # committed order: the markers stand in the order of their revisions
            order = [m for _, m, _ in sorted((rid, m, s) for s, m, rid in saved if s == sid)]
            assert in_text == order
            revs = lib.revisions(sid)
            numbers = sorted(r.number for r in revs)
            assert numbers == list(range(1, len(revs) + 1))
            n_saved = sum(1 for s, _, _ in saved if s == sid)
            n_conf = sum(1 for s, _, _ in conflicts if s == sid)
            notes = [r.note for r in revs]
            assert notes.count("edit") == n_saved and notes.count("conflict") == n_conf
            assert notes.count("import") == 1
            assert all(n.startswith("fix ") for n in notes if n not in ("edit", "conflict", "import"))
        for sid, marker, rev_id in conflicts:
            rev = lib.revision(rev_id)
            assert rev.note == "conflict" and rev.segment_id == sid and rev.text.endswith(marker)
        imports = [i for r in results.values() for i in r["imports"]]
        assert imports and len(lib.list_issues()) == 1 + len(imports)
        fixed = [r for iid in [x.id for x in lib.list_issues()] for s in lib.segments(iid)
                 for r in lib.revisions(s.id) if r.note.startswith("fix ")]
        assert fixed, "some fixes were applied"
        assert problems(lib) == []
        assert lib.integrity_problems() == []
