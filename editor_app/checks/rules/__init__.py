"""Rule modules, one folder per category: ``rules/<category>/<topic>.py``.

Each topic module defines a module-level ``RULES: list[Rule]``;
:func:`editor_app.checks.registry.build_registry` discovers them with
``pkgutil.walk_packages``. Helper modules whose name starts with ``_`` are
imported too but need not define ``RULES``.
"""
