"""Writing outputs: atomic files from a string or from chunks made while writing, stdout for '-'."""

from __future__ import annotations

import io
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.errors import OutputError
from compare.writing import write_output, write_outputs


def chunks(*parts: str, fail: bool = False) -> Iterator[str]:
    """Yield parts as a streaming renderer would, raising after them when fail is set."""
    yield from parts
    if fail:
        raise RuntimeError("the renderer broke half-way")


def test_a_string_and_chunks_write_the_same_file(tmp_path: Path) -> None:
    whole, streamed = tmp_path / "new" / "whole.html", tmp_path / "new" / "streamed.html"
    write_output(whole, "<p>全市</p>\n")
    write_output(streamed, chunks("<p>", "全市", "</p>\n"))
    assert whole.read_bytes() == streamed.read_bytes() == "<p>全市</p>\n".encode()
    assert sorted(p.name for p in whole.parent.iterdir()) == ["streamed.html", "whole.html"]


def test_a_failure_mid_stream_leaves_no_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    with pytest.raises(RuntimeError, match="the renderer broke half-way"):
        write_output(target, chunks("<p>half", " a page", fail=True))
    assert list(target.parent.iterdir()) == []


def test_a_failure_mid_stream_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("last run\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_output(target, chunks("<p>half", fail=True))
    assert target.read_text(encoding="utf-8") == "last run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_an_interrupt_mid_stream_leaves_no_temp_file(tmp_path: Path) -> None:
    def interrupted() -> Iterator[str]:
        yield "<p>"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "report.html", interrupted())
    assert list(tmp_path.iterdir()) == []


def test_outputs_are_written_all_or_none(tmp_path: Path) -> None:
    """A run's third output failing (`--json r.json --csv r.csv --md /dev/full`, an error while
    making the page) leaves none of its files: the JSON of this run beside the page of the last
    one had looked like one run. The files there before stay as they were."""
    old_page = tmp_path / "r.html"
    old_page.write_text("last run's page", "utf-8")
    outputs = [
        (tmp_path / "r.json", lambda: "{}"),
        (None, lambda: "not asked for"),
        (tmp_path / "new" / "r.csv", lambda: chunks("a,b\n", "1,2\n")),
        (old_page, lambda: chunks("<p>half", fail=True)),
    ]
    with pytest.raises(RuntimeError, match="the renderer broke half-way"):
        write_outputs(outputs)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["new", "r.html"]
    assert old_page.read_text("utf-8") == "last run's page"
    write_outputs(outputs[:3])
    assert (tmp_path / "r.json").read_text("utf-8") == "{}"
    assert (tmp_path / "new" / "r.csv").read_text("utf-8") == "a,b\n1,2\n"


def test_dash_writes_a_string_or_chunks_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_output("-", "one\n")
    write_output("-", chunks("two", " and ", "three\n"))
    assert capsys.readouterr() == ("one\ntwo and three\n", "")


def test_a_folder_that_cannot_be_made_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^.*file/report.html: cannot write here \(") as info:
        write_output(blocker / "report.html", chunks("never made"))
    assert "\n" not in str(info.value)


def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    # mkstemp's 0600 would hide a report from everyone but its writer (a shared folder, a web
    # server): a new report is made as open() would make it.
    old_umask = os.umask(0o022)
    try:
        new = tmp_path / "new.html"
        write_output(new, "<p>新</p>\n")
        kept = tmp_path / "kept.html"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_output(kept, chunks("<p>", "旧</p>\n"))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text(encoding="utf-8") == "<p>旧</p>\n"


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """`--json /dev/stdout` or a shell's `>(jq .)` is a pipe: the output goes into it, and it
    stays a pipe (a temp file renamed over it would replace it and nobody would read it)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_output(fifo, chunks("{", '"全市": 1', "}\n"))
    reader.join(timeout=10)
    assert received == ['{"全市": 1}\n'.encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temp file beside it


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_is_an_output_error_and_stays_a_device() -> None:
    """Run as root, a rename over /dev/full once replaced the device with a regular file."""
    with pytest.raises(OutputError, match=r"^/dev/full: cannot write \(No space left"):
        write_output("/dev/full", "text\n")
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_link_keeps_pointing_at_the_file_it_replaces(tmp_path: Path) -> None:
    """A report path that is a symbolic link (latest.html -> reports/2022.html) gets new
    contents in its file; the link stays a link."""
    real = tmp_path / "reports" / "2022.html"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    write_output(link, "new\n")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["2022.html"]


def test_a_name_that_is_not_utf8_is_written_as_its_escape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named bad\\xff.txt is held as 'bad\\udcff.txt': writing it into a UTF-8 output
    raised UnicodeEncodeError (a traceback, the output not written)."""
    name = os.fsdecode(b"bad\xff-2021.txt")
    write_output(tmp_path / "out.json", ['{"path": "', name, '"}'])
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == '{"path": "bad\\udcff-2021.txt"}'
    strict = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr("sys.stdout", strict)
    write_output("-", name)
    assert strict.buffer.getvalue() == b"bad\\udcff-2021.txt"
