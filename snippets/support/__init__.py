"""What the snippets share, kept apart from what the pages demonstrate.

A snippet in `snippets/` is a demonstration: a program a page shows and a reader runs
(`python snippets/<name>.py`). When two snippets need the same code (a server run in a
thread, the gateway written from a socket, a console reader, starting a server that dies
with the script), that code lives here, in a module named for what it is, and the
snippets import it: `from support.devserver import serving`. Python puts `snippets/` on
the path of a script it runs from there, so the import works from any directory.

The rules, checked by tests/test_snippet_imports.py:
- a shown snippet imports only the standard library, the pinned dependencies
  (requirements.txt), the example project (`mysite`, `hello`) and `support`;
- nothing in `support/` imports a shown snippet.
Pages may include sections of support modules too (`--8<-- "snippets/support/<m>.py:part"`)
where the shared code is what the page explains.
"""
