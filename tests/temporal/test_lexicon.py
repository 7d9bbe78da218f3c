"""The vocabulary's keys that refer to each other are checked when the file loads, not
when a document first uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from altnotes.errors import DataFileError
from altnotes.knowledge.schemas import TEMPORAL_FILE, load_eras, load_temporal

BUNDLED = TEMPORAL_FILE.read_text(encoding="utf-8")


def _load(tmp_path: Path, text: str, eras: str | None = None) -> None:
    path = tmp_path / "temporal.toml"
    path.write_text(text, encoding="utf-8")
    if eras is None:
        load_temporal(path)
    else:
        era_path = tmp_path / "eras.toml"
        era_path.write_text(eras, encoding="utf-8")
        load_temporal(path, era_path)


def test_the_bundled_vocabulary_loads() -> None:
    lex = load_temporal()
    assert lex.modifiers["春"] == "spring" and lex.season_codes["spring"] == "SP"
    assert lex.eras["令和"] == 2019 and lex.eras["大化"] == 645


def test_a_season_missing_from_the_modifiers_fails_to_load(tmp_path: Path) -> None:
    text = BUNDLED.replace('"秋" = "autumn"\n', "")
    with pytest.raises(DataFileError, match="season 秋 is missing from"):
        _load(tmp_path, text)


def test_a_season_without_a_code_fails_to_load(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no code"):
        _load(tmp_path, BUNDLED.replace('winter = "WI"\n', ""))


def test_a_relative_season_must_name_a_season(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="昨夏"):
        _load(tmp_path, BUNDLED.replace('"昨夏" = [-1, "summer"]', '"昨夏" = [-1, "summr"]'))


def test_not_after_must_name_a_relative_word(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not a relative word"):
        _load(tmp_path, BUNDLED.replace('"本日" = []', '"本日" = []\n"明後年" = ["比"]'))


def test_an_era_letter_must_begin_an_era(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="era letter R"):
        _load(tmp_path, BUNDLED.replace('"R" = 2019', '"R" = 2018'))


def test_an_era_table_with_a_name_twice_fails_to_load(tmp_path: Path) -> None:
    era = '[[eras]]\nname = "令和"\nfirst = 2019\n'
    with pytest.raises(DataFileError, match="listed twice"):
        _load(tmp_path, BUNDLED, era + era)
    assert len(load_eras().eras) > 240
