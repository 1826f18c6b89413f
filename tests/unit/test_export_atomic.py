"""Exports are atomic: the target holds its old content or the complete new file, failures
are one sentence with a code, and no temporary file is ever left behind.

Linux cannot lock a file the way Windows does (another program holding it open makes the
final rename fail with PermissionError), nor run out of disk on demand; those tests make the
one OS call involved fail, through monkeypatch, exactly as Windows or a full disk would.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from app.core.export import FORMATS, ExportDocument, ExportError, export_document, format_for_path
from app.core.export.atomic import write_atomically
from tests.export_helpers import failed_page, laid_out_page, text_page

OLD = b"old content that must survive\n"


def _doc(tmp_path: Path) -> ExportDocument:
    return ExportDocument(tmp_path / "scan.pdf", [laid_out_page([["Texto novo", "aqui."]]), failed_page(1)])


def _existing_target(tmp_path: Path, name: str = "out.txt") -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / name
    target.write_bytes(OLD)
    return target


def test_formats_are_registered_by_name_and_suffix() -> None:
    assert sorted(FORMATS) == ["alto", "docx", "hocr", "pdf", "pdfa", "txt"]
    assert all(exporter.name == name for name, exporter in FORMATS.items())
    assert format_for_path(Path("a/B.TXT")) == "txt"
    assert format_for_path(Path("b.docx")) == "docx"
    assert format_for_path(Path("c.pdf")) == "pdf"  # PDF/A shares the suffix; asked for by name
    assert format_for_path(Path("d.odt")) is None


def test_explicit_format_wins_over_the_suffix(tmp_path: Path) -> None:
    out = export_document(_doc(tmp_path), tmp_path / "notes.out", "txt")
    assert out.read_text(encoding="utf-8").startswith("Texto novo aqui.\n\f[page 2 could not be read")


def test_unknown_format_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), tmp_path / "a.odt")
    assert caught.value.code == "format"
    assert (
        str(caught.value)
        == f"Cannot write {tmp_path / 'a.odt'}: choose a file name ending in .txt, .docx, .pdf, .xml, .hocr."
    )
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), tmp_path / "a.txt", "rtf")
    assert caught.value.code == "format"
    assert list(tmp_path.iterdir()) == []


def test_the_source_document_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), source)
    assert caught.value.code == "same_as_source"
    assert source.read_bytes() == OLD


def test_replacing_an_existing_export_leaves_only_the_new_file(tmp_path: Path) -> None:
    target = _existing_target(tmp_path)
    export_document(_doc(tmp_path), target)
    assert target.read_text(encoding="utf-8").startswith("Texto novo aqui.")
    assert list(target.parent.iterdir()) == [target]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        out = export_document(_doc(tmp_path), tmp_path / "out.txt")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not 0o600 as a mkstemp file would be


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.skipif(sys.platform != "win32" and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    target = _existing_target(tmp_path)
    target.parent.chmod(0o555)
    try:
        with pytest.raises(ExportError) as caught:
            export_document(_doc(tmp_path), target)
    finally:
        target.parent.chmod(0o755)
    assert caught.value.code == "permission"
    assert target.read_bytes() == OLD and list(target.parent.iterdir()) == [target]


def test_folder_that_refuses_new_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder does, also when the tests run as root (who may write anyway)."""
    target = _existing_target(tmp_path)

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), target)
    monkeypatch.undo()
    assert caught.value.code == "permission"
    assert (
        str(caught.value) == f"Cannot write {target}: you do not have permission to write in {target.parent}."
    )
    assert target.read_bytes() == OLD and list(target.parent.iterdir()) == [target]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_target_held_open_by_another_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """On Windows, replacing a file another program holds open fails with PermissionError;
    only os.replace is made to fail that way here."""
    target = _existing_target(tmp_path, f"out.{fmt}")
    doc = ExportDocument(tmp_path / "missing.pdf", [text_page("um", 0)])
    if fmt == "pdf":
        from tests.pdfgen import text_pdf

        doc = ExportDocument(text_pdf(tmp_path / "scan.pdf", ["um"]), [text_page("um", 0)])

    def locked(src: object, dst: object) -> None:
        raise PermissionError(
            13, "The process cannot access the file because it is being used by another process"
        )

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export_document(doc, target)
    assert caught.value.code == "locked"
    assert str(caught.value) == f"Cannot write {target}: the file is open in another program."
    assert target.read_bytes() == OLD and list(target.parent.iterdir()) == [target]


def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk shows up when the data is pushed to disk; only os.fsync is made to fail."""
    target = _existing_target(tmp_path, "out.docx")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), target)
    assert (caught.value.code, str(caught.value)) == ("no_space", f"Cannot write {target}: the disk is full.")
    assert target.read_bytes() == OLD and list(target.parent.iterdir()) == [target]


def test_a_failing_format_leaves_no_half_file(tmp_path: Path) -> None:
    # Given a searchable-PDF export whose source has vanished
    target = _existing_target(tmp_path, "out.pdf")
    with pytest.raises(ExportError) as caught:
        export_document(ExportDocument(tmp_path / "gone.pdf", [text_page("um", 0)]), target)
    # Then it says so, and the old export is intact
    assert caught.value.code == "source_missing"
    assert target.read_bytes() == OLD and list(target.parent.iterdir()) == [target]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_document(_doc(tmp_path), tmp_path / "nope" / "out.txt")
    assert caught.value.code == "no_folder"
    assert not (tmp_path / "nope").exists()


def test_a_device_target_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` must not turn the device into a regular file (a FIFO stands in for it)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(fifo, lambda handle: handle.write(b"text"))
    reader.join(5)
    assert received == [b"text"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_the_parts_of_a_split_document_are_written_all_or_none(tmp_path: Path) -> None:
    # Given the parts of a split document, an older export's part 1 already there, and part 3's
    # name taken by a folder (so it cannot be written)
    from app.core.export.atomic import write_all_atomically

    (tmp_path / "autos-1.pdf").write_bytes(b"older part one")
    (tmp_path / "autos-3.pdf").mkdir()
    parts = [(tmp_path / f"autos-{n}.pdf", f"new part {n}".encode()) for n in (1, 2, 3)]
    # When they are written
    with pytest.raises(ExportError) as caught:
        write_all_atomically(parts)
    # Then the one sentence names the part, and nothing changed: no new part, no temporary file
    assert "autos-3.pdf" in str(caught.value)
    assert (tmp_path / "autos-1.pdf").read_bytes() == b"older part one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autos-1.pdf", "autos-3.pdf"]
    # And when every name is free they are all written
    (tmp_path / "autos-3.pdf").rmdir()
    write_all_atomically(parts)
    assert [(tmp_path / f"autos-{n}.pdf").read_bytes() for n in (1, 2, 3)] == [
        b"new part 1",
        b"new part 2",
        b"new part 3",
    ]
