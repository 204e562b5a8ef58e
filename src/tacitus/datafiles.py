"""Reading the package's data files (TSV with a header row and ``#`` comments)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator


class DataFileError(ValueError):
    """A data file line cannot be read; the message names the file and the line."""


def data_path(name: str) -> Path:
    """Path of a file under ``tacitus/data``."""
    return Path(str(resources.files("tacitus") / "data" / name))


def read_tsv(path: Path | str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row; comments and blank lines are skipped.

    Rows shorter than the header are padded with empty strings; longer rows are an error.
    """
    path = Path(path)
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.rstrip("\n\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise DataFileError(
                    f"{path}:{number}: {len(cells)} columns, the header has {len(header)}"
                )
            cells += [""] * (len(header) - len(cells))
            yield number, {k: v.strip() for k, v in zip(header, cells)}
