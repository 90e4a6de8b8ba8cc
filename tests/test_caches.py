"""caches: the folder where runs keep compiled templates and patterns, trusted only when the
user's own."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.caches import cache_folder


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Make tmp_path the temp folder, with no cache folder found yet."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cache_folder.cache_clear()
    yield tmp_path / f"compare-{os.getuid()}"
    cache_folder.cache_clear()


def test_the_cache_folder_is_made_for_its_user_alone(temp: Path) -> None:
    assert cache_folder() == temp
    assert stat.S_IMODE(temp.stat().st_mode) == 0o700
    cache_folder.cache_clear()
    assert cache_folder() == temp  # made by an earlier run: taken as it is


def test_a_cache_folder_others_may_write_to_is_not_used(temp: Path) -> None:
    """Another user could put programs there that a run would take."""
    temp.mkdir(mode=0o700)
    temp.chmod(0o777)
    assert cache_folder() is None


@pytest.mark.parametrize("planted", ["link", "file"])
def test_a_link_or_a_file_in_the_cache_folders_place_is_not_used(
    temp: Path, tmp_path: Path, planted: str
) -> None:
    if planted == "link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        temp.symlink_to(elsewhere)
    else:
        temp.write_text("x")
    assert cache_folder() is None


def test_a_temp_folder_that_cannot_be_written_gives_no_cache(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(temp.parent / "missing" / "deeper"))
    assert cache_folder() is None
