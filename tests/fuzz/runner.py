"""Run the `thidua` command on a fuzz corpus as a user would (real processes) and judge what it says.

Used by tests/test_fuzz.py on a few hundred inputs and by benchmarks/fuzz_corpus.py on 10,000.
"""
from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from thidua.graph.iri import article_iri
from thidua.loaders.reading import ARTICLE_SUFFIXES, printable_path

THIDUA = Path(sys.executable).with_name("thidua")
EXPORT_FORMATS = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld"}
XSD = "http://www.w3.org/2001/XMLSchema#"
# What the CLI may print on stderr, one line each: a refusal naming the file, a warning, a note, an error.
STDERR_LINE = re.compile(r"^(failed: .+: .+|warning: .+|note: .+|error: .+|\w+: [\d,]+ bytes written to .+|"
                         r"facts of \d+ articles written to .+|.+ view \(.+\) written to .+)$")


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float = 0.0

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or "Traceback" in self.stdout

    def odd_stderr_lines(self) -> list[str]:
        """Lines of stderr that are not one of the CLI's one-line messages."""
        return [ln for ln in self.stderr.splitlines() if ln.strip() and not STDERR_LINE.match(ln)]


def run(*args: str | os.PathLike, timeout: float = 600, env: dict | None = None) -> Run:
    """Run ``thidua ARGS`` in a fresh process; decode its output leniently (it may name undecodable files)."""
    import time

    argv = [str(THIDUA), *map(os.fspath, args)]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, timeout=timeout, env=env)
    return Run([str(a) for a in argv[1:]], done.returncode, done.stdout.decode("utf-8", "backslashreplace"),
               done.stderr.decode("utf-8", "backslashreplace"), time.perf_counter() - started)


@dataclass
class Outcomes:
    """What became of each input path: loaded, or refused with its one-line message."""

    loaded: list[Path] = field(default_factory=list)
    refused: dict[Path, str] = field(default_factory=dict)
    internal_errors: dict[Path, str] = field(default_factory=dict)  # refused, but by an extractor bug
    missing: list[Path] = field(default_factory=list)  # neither loaded nor refused: silently dropped
    repeated: list[Path] = field(default_factory=list)  # named by more than one line


def failed_lines(stderr: str) -> list[str]:
    return [ln[len("failed: "):] for ln in stderr.splitlines() if ln.startswith("failed: ")]


def article_inputs(folder: Path) -> list[Path]:
    """Every entry under ``folder`` that `thidua build FOLDER` must load or refuse: article suffixes, not folders.

    Found by walking the folder here (symbolic links to folders not followed), not by asking thidua.
    """
    found = []
    for parent, dirs, files in os.walk(os.fsencode(folder)):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(parent, d))]:
            path = Path(os.fsdecode(os.path.join(parent, name)))
            if path.suffix.lower() in ARTICLE_SUFFIXES and not path.is_dir():
                found.append(path)
    return sorted(found)


def judge(paths: list[Path], stderr: str, store_graphs: set[str]) -> Outcomes:
    """Match each input with the `failed:` line naming it, or with its article's graph in the store."""
    lines = failed_lines(stderr)
    by_prefix: dict[str, list[str]] = {}
    for line in lines:
        by_prefix.setdefault(line.split(": ", 1)[0], []).append(line)
    out = Outcomes()
    for path in paths:
        shown = printable_path(path)
        named = [ln for ln in by_prefix.get(shown.split(": ", 1)[0], []) if ln.startswith(shown + ": ")]
        if len(named) > 1:
            out.repeated.append(path)
        if named:
            message = named[0][len(shown) + 2:]
            out.refused[path] = message
            if "internal error" in message:
                out.internal_errors[path] = message
        elif _utf8(path.stem) and article_iri(path.stem) in store_graphs:
            out.loaded.append(path)
        else:
            out.missing.append(path)
    return out


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # a file name that is not UTF-8: no article can have it as its id
        return False


def store_graphs(store: Path) -> set[str]:
    graph_store = ox.Store.read_only(str(store))
    try:
        return {g.value for g in graph_store.named_graphs()}
    finally:
        del graph_store


# --- exports ------------------------------------------------------------------------------------

def reparse(path: Path, fmt: str) -> int:
    """Parse an export with parsers other than the one that wrote it; return its triple or quad count."""
    data = path.read_bytes()
    if fmt == "jsonld":
        from pyld import jsonld

        nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"})  # pyld reads the JSON-LD
        return len({str(q) for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)})
    import rdflib

    if fmt in ("nquads", "trig"):
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format={"nquads": "nquads", "trig": "trig"}[fmt])
        count = sum(len(graph) for graph in dataset.graphs())
    else:
        graph = rdflib.Graph()
        graph.parse(data=data, format={"turtle": "turtle", "ntriples": "nt"}[fmt])
        count = len(graph)
    oxi_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "trig": ox.RdfFormat.TRIG}[fmt]
    assert count == sum(1 for _ in ox.parse(data, format=oxi_format)), f"{path}: rdflib and Oxigraph disagree"
    return count


_ISO = re.compile(r"(-?\d{4,})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?")


def valid_iso(value: str, datatype: str | None = None) -> bool:
    """A real calendar value at any precision ("2021-02-31", "0000" and "2021-13" are not)."""
    m = _ISO.fullmatch(value)
    if not m:
        return False
    year, month, day, hour, minute, second = m.groups()
    if int(year) == 0 or (month and not 1 <= int(month) <= 12):
        return False
    if day and not 1 <= int(day) <= calendar.monthrange(2000 + int(year) % 400, int(month))[1]:
        return False
    if hour and not (int(hour) < 24 and int(minute) < 60 and int(second or 0) < 60):
        return False
    if datatype:
        shape = {"date": (True, True, False), "gYearMonth": (True, False, False), "gYear": (False, False, False),
                 "dateTime": (True, True, True)}.get(datatype.rsplit("#", 1)[-1])
        if shape is not None and (bool(month), bool(day), bool(hour)) != shape:
            return False
    return True


def ill_typed_dates(path: Path) -> list[str]:
    """Date literals of an N-Triples export that are not real dates (for example "2021-02-31"^^xsd:date)."""
    bad = []
    for triple in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_TRIPLES):
        term = triple.object
        if isinstance(term, ox.Literal) and term.datatype.value.rsplit("#", 1)[-1] in ("date", "gYearMonth", "gYear",
                                                                                         "dateTime"):
            if term.datatype.value.startswith(XSD) and not valid_iso(term.value, term.datatype.value):
                bad.append(f"{triple.subject} {triple.predicate} {term}")
    return bad


def view_exists() -> bool:
    return run("view", "--help", timeout=60).returncode == 0
