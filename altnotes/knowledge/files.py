"""The data files under data/: where they are, and reading one into a validated pydantic
model, with errors that say which file, which entry and what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from ..errors import DataFileError

DATA = Path(__file__).resolve().parent.parent / "data"

M = TypeVar("M")


def read_toml(path: Path, error: type[DataFileError] = DataFileError) -> dict[str, Any]:
    import tomllib  # here: the fast query path reads no data file

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:  # TOML is UTF-8
        raise error(f"{path}: not UTF-8 text (TOML must be): byte {exc.start}") from None


def load_model(path: Path, model: type[M], error: type[DataFileError] = DataFileError) -> M:
    """The file validated as ``model``; ``error`` lists every problem, one a line."""
    from pydantic import ValidationError

    data = read_toml(path, error)
    try:
        return model.model_validate(data)  # type: ignore[attr-defined,no-any-return]
    except ValidationError as exc:
        raise error(format_validation_error(path, exc, data)) from exc


def format_validation_error(path: Path, exc: Any, data: dict[str, Any]) -> str:
    """One line a problem: "entity #4 (Jane Roe) type: Input should be ..." for an item
    of a list of tables, the dotted location otherwise."""
    lines = [f"{path}: {exc.error_count()} problem(s)"]
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(x) for x in loc)
        if len(loc) >= 2 and isinstance(loc[1], int):
            try:
                item = data[str(loc[0])][loc[1]]
                label = item.get("name", "?") if isinstance(item, dict) else "?"
                where = f"{loc[0]} #{loc[1] + 1} ({label})"
                rest = ".".join(str(x) for x in loc[2:])
                where += f" {rest}" if rest else ""
            except (KeyError, IndexError, TypeError):
                pass
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)
