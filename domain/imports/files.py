"""Reading an import file (§14) as a stream of rows: CSV with a header row (the standard
library's reader over the stored text) or JSON lines, each row with its physical line.

Nothing here holds the whole file as rows or cells: `file_problems` and `data_rows` walk it
once each, one record at a time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.errors import DomainError, ErrorCode, ValidationErrors
from domain.imports.models import FileFormat

MAX_BYTES = 20 * 1024 * 1024
# More file problems than this are summed up in one last refusal.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class RawRow:
    line: int
    # Column → value: a text for CSV (blank cells are None), JSON values for JSONL.
    values: dict[str, Any]
    # The row's own refusal (a JSONL line that is no object, a CSV row of the wrong width).
    problem: str | None = None


def _line_of(content: str, index: int) -> int:
    return content.count("\n", 0, index) + 1


def _file_invalid(problems: Sequence[tuple[int, str]]) -> DomainError:
    errors = [
        DomainError(ErrorCode.INVALID, f"content line {line}: {message}", "content")
        for line, message in problems[:MAX_PROBLEMS]
    ]
    if len(problems) > MAX_PROBLEMS:
        errors.append(
            DomainError(
                ErrorCode.INVALID,
                f"content: {len(problems) - MAX_PROBLEMS} more problems not listed.",
                "content",
            )
        )
    return errors[0] if len(errors) == 1 else ValidationErrors(errors)


def check_encoding(content: str) -> None:
    """Over 20 MB, or not UTF-8 (a lone surrogate, bytes decoded with surrogateescape, or
    U+FFFD, bytes a decoder replaced), or holding NUL → the whole file INVALID."""
    if len(content) > MAX_BYTES:  # one character is at least one byte
        raise _file_invalid([(1, f"the file is larger than {MAX_BYTES} bytes (20 MB).")])
    try:
        size = len(content.encode("utf-8"))
    except UnicodeEncodeError as error:
        line = _line_of(content, error.start)
        raise _file_invalid([(line, "the file is not UTF-8 text.")]) from None
    if size > MAX_BYTES:
        raise _file_invalid([(1, f"the file is larger than {MAX_BYTES} bytes (20 MB).")])
    replaced = content.find("\ufffd")
    if replaced >= 0:  # what a decoder puts for bytes that were not UTF-8
        line = _line_of(content, replaced)
        raise _file_invalid([(line, "the file is not UTF-8 text (U+FFFD found).")])
    nul = content.find("\x00")
    if nul >= 0:
        raise _file_invalid([(_line_of(content, nul), "the file holds a NUL character.")])


def _records(content: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on."""
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _file_invalid([(reader.line_num, f"not valid CSV ({error}).")]) from None
        yield start, record
        start = reader.line_num + 1


def _jsonl_lines(content: str) -> Iterator[tuple[int, str]]:
    for number, text in enumerate(io.StringIO(content, newline=None), start=1):
        if text.strip():
            yield number, text


def _json_object(text: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        value = json.loads(text, parse_float=Decimal)
    except ValueError as error:
        return None, f"not valid JSON ({error.args[0]})."
    if not isinstance(value, dict):
        return None, "a line must be one JSON object."
    return value, None


def file_problems(
    content: str, fmt: FileFormat, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[str], int]:
    """The header (CSV) and the number of data rows; a missing header, an unknown or
    repeated column, a missing key column → the whole file INVALID, naming the lines."""
    check_encoding(content)
    known = set(columns)
    problems: list[tuple[int, str]] = []
    header: list[str] = []
    rows = 0
    if fmt is FileFormat.CSV:
        records = _records(content)
        first = next(records, None)
        if first is None or not any(cell.strip() for cell in first[1]):
            raise _file_invalid([(1, "the header row is missing.")])
        header = [cell.strip() for cell in first[1]]
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        unknown = [name for name in header if name not in known]
        if len(unknown) == len(header):
            problems.append(
                (1, f"the header row is missing (expected columns: {', '.join(columns)}).")
            )
        else:
            problems.extend(
                (1, f"unknown column {name!r} (known: {', '.join(columns)}).") for name in unknown
            )
        repeated = sorted({name for name in header if header.count(name) > 1})
        problems.extend((1, f"column {name!r} appears twice.") for name in repeated)
        if not problems and not any(name in header for name in required):
            problems.append((1, f"the header lacks the column {' or '.join(required)}."))
        for _, record in records:
            if any(cell.strip() for cell in record):
                rows += 1
    else:
        for line, text in _jsonl_lines(content):
            rows += 1
            value, _ = _json_object(text)
            if value is None:
                continue  # the row's own ERROR
            problems.extend(
                (line, f"unknown column {name!r} (known: {', '.join(columns)}).")
                for name in value
                if name not in known
            )
            if len(problems) > MAX_PROBLEMS:
                break
    if problems:
        raise _file_invalid(problems)
    return header, rows


def data_rows(content: str, fmt: FileFormat, header: Sequence[str]) -> Iterator[RawRow]:
    """Each data row in file order, from the first after the header."""
    if fmt is FileFormat.CSV:
        records = _records(content)
        next(records, None)
        width = len(header)
        for line, record in records:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != width:
                yield RawRow(
                    line, {}, f"the row has {len(record)} cells, the header {width} columns."
                )
                continue
            yield RawRow(
                line,
                {
                    name: (cell if cell.strip() else None)
                    for name, cell in zip(header, record, strict=True)
                },
            )
    else:
        for line, text in _jsonl_lines(content):
            value, problem = _json_object(text)
            yield RawRow(line, value or {}, problem)
