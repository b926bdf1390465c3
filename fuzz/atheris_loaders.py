"""Coverage-guided fuzzing of the loaders (atheris, libFuzzer): bytes in, an article or one clear refusal out.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/atheris_loaders.py -max_total_time=600 /tmp/atheris-corpus
    .venv/bin/python fuzz/atheris_loaders.py --target extract -max_total_time=600 /tmp/atheris-corpus

``--target read`` (the default) fuzzes bytes -> text -> layout (loaders/decoding.py,
reading.py, layout.py, text.py); ``--target extract`` also runs the extractor and the
mapping to RDF on what was read.  An empty corpus folder is seeded with small cases
from tests/fuzz/corpus.py.  Each input must end as an article whose text is NFC and
whose dates are real dates, or as an ArticleError with a one-line message; anything
else is a finding.  With ``--findings DIR`` the fuzzer records each distinct finding
(its kind and where it was raised) with the input that found it, and keeps going;
without it, the first finding stops the run as libFuzzer usually does.
"""
from __future__ import annotations

import hashlib
import sys
import traceback
import unicodedata
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

with atheris.instrument_imports(include=["thidua"]):
    from thidua.graph.mapping import article_quads
    from thidua.loaders.extract import extract_facts
    from thidua.loaders.reading import ArticleError, article_from_bytes

from fuzz.runner import valid_iso

TARGET = "read"
FINDINGS: Path | None = None
_SEEN: set[str] = set()


class Finding(AssertionError):
    """An input that broke a promise of the loaders."""


def check(data: bytes) -> None:
    """The promise: an article (NFC text, real dates) or an ArticleError in one line."""
    fdp = atheris.FuzzedDataProvider(data)
    name = "fuzz.html" if fdp.ConsumeBool() else "fuzz.txt"
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        article = article_from_bytes(raw, name)
    except ArticleError as exc:
        if not str(exc) or "\n" in str(exc):
            raise Finding(f"refusal is not one line: {str(exc)!r}") from None
        return
    document = article.document
    if not unicodedata.is_normalized("NFC", document.text):
        raise Finding("article text is not NFC")
    if document.published is not None and not valid_iso(document.published):
        raise Finding(f"publication date {document.published!r} is not a date")
    if TARGET == "extract":
        facts = extract_facts(article)
        article_quads(facts)
        for event in facts.events:
            if event.date is not None and not valid_iso(event.date):
                raise Finding(f"event date {event.date!r} is not a date")


def test_one_input(data: bytes) -> None:
    try:
        check(data)
    except Exception as exc:
        if FINDINGS is None:
            raise
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        signature = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
        if isinstance(exc, Finding):
            signature = f"Finding: {str(exc).split(':')[0].split(' ')[0:3]}"
        if signature not in _SEEN:
            _SEEN.add(signature)
            digest = hashlib.sha1(data).hexdigest()[:12]
            (FINDINGS / f"{digest}.input").write_bytes(data)
            with (FINDINGS / "findings.txt").open("a", encoding="utf-8") as log:
                log.write(f"{digest}: {signature}: {type(exc).__name__}: {str(exc)[:300]}\n")
            print(f"\nFINDING {digest}: {signature}: {str(exc)[:200]}", file=sys.stderr, flush=True)


def seed(folder: Path, count: int = 300) -> None:
    """Fill an empty corpus folder with small generated cases (a bool byte, then the file's bytes)."""
    from fuzz.corpus import cases

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for index, case in enumerate(cases(count, seed=11, huge=False)):
        if case.special is None and len(case.data) <= 16384:
            flag = b"\x01" if str(case.display).lower().endswith((".html", ".htm")) else b"\x00"
            (folder / f"seed{index:04d}").write_bytes(flag + case.data)


def main(argv: list[str]) -> None:
    global TARGET, FINDINGS
    args = list(argv)
    if "--target" in args:
        i = args.index("--target")
        TARGET = args[i + 1]
        del args[i:i + 2]
    if "--findings" in args:
        i = args.index("--findings")
        FINDINGS = Path(args[i + 1])
        FINDINGS.mkdir(parents=True, exist_ok=True)
        del args[i:i + 2]
    folders = [Path(a) for a in args[1:] if not a.startswith("-")]
    for folder in folders[:1]:
        seed(folder)
    if not any(a.startswith("-max_len") for a in args):
        args.append("-max_len=16384")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
