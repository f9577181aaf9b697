"""snippets/support/open_files.py: the descriptors of this process open on a file, found
through /proc/self/fd, and none once they are closed."""

from __future__ import annotations

import os

from tests.support_modules import load

open_files = load("open_files")


def test_descriptors_on_a_file_come_and_go(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"")
    assert open_files.descriptors_open_on(str(path)) == []
    first, second = os.open(path, os.O_RDONLY), os.open(path, os.O_RDONLY)
    try:
        assert open_files.descriptors_open_on(str(path)) == sorted([first, second])
        assert open_files.descriptors_open_on(str(tmp_path / "other")) == []
    finally:
        os.close(first)
        os.close(second)
    assert open_files.descriptors_open_on(str(path)) == []
