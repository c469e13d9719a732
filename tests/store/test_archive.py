from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.store.archive import ArchiveError, DatabaseArchive, FileArchive


def test_file_archive_is_content_addressed(tmp_path):
    archive = FileArchive(tmp_path / "a")
    key = archive.put(b"original bytes")
    assert key == hashlib.sha256(b"original bytes").hexdigest()
    path = archive.path_for(key)
    assert path == tmp_path / "a" / key[:2] / key[2:4] / key
    assert path.read_bytes() == b"original bytes"
    assert archive.put(b"original bytes") == key  # twice: one file
    assert [p.name for p in path.parent.iterdir()] == [key]  # no temp files left
    assert archive.get(key) == b"original bytes"
    assert archive.has(key)


def test_a_tampered_original_is_detected(tmp_path):
    archive = FileArchive(tmp_path)
    key = archive.put(b"kept")
    archive.path_for(key).write_bytes(b"changed")
    with pytest.raises(ArchiveError, match="does not match"):
        archive.get(key)
    with pytest.raises(ArchiveError, match="missing"):
        archive.get("0" * 64)


def test_database_archive_writes_in_the_transaction(store):
    archive = DatabaseArchive()
    with pytest.raises(ValueError):
        archive.put(b"no transaction")
    with store.write() as conn:
        key = archive.put(b"\x00\xffbinary", conn)
        assert archive.put(b"\x00\xffbinary", conn) == key
    with store.read() as conn:
        assert archive.get(key, conn) == b"\x00\xffbinary"
        assert archive.has(key, conn)
        with pytest.raises(ArchiveError):
            archive.get("f" * 64, conn)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_come_back_unchanged(tmp_path_factory, data):
    archive = FileArchive(tmp_path_factory.mktemp("arch"))
    assert archive.get(archive.put(data)) == data
