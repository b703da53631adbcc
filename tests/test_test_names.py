"""Test files have unique names: the test folders are not packages, so pytest refuses two of the same name."""

from collections import Counter
from pathlib import Path


def test_no_two_test_files_share_a_name():
    names = Counter(p.name for p in (Path(__file__).resolve().parent).rglob("test_*.py"))
    assert not [n for n, count in names.items() if count > 1]
