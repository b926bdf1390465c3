"""Messy forms of the same text give the same facts (issue: NFD, entities, NBSP, dashes, tones, all caps,
hard line breaks)."""
from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import replace

import pytest

from conftest import EXAMPLES
from thidua.loaders.extract import extract_facts
from thidua.loaders.reading import read_article
from thidua.loaders.text import canonical_tones

SOURCES = sorted(EXAMPLES.glob("*.txt"))


def fact_keys(facts) -> dict:
    return {
        "people": sorted(p.name for p in facts.people),
        "posts": sorted((h.person, h.role, h.organization, h.jurisdiction.label if h.jurisdiction else "")
                        for h in facts.posts),
        "places": sorted(p.place.label for p in facts.places),
        "events": sorted((e.kind, e.date or "") for e in facts.events),
        "anniversaries": sorted((a.ordinal, a.base_date or "") for a in facts.anniversaries),
        "authors": sorted(a.name for a in facts.authors),
    }


def new_style_tones(text: str) -> str:
    """The other tone placement ("hoà", "thuỷ"), which the canonical form undoes."""
    moves = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "úy": "uý", "ùy": "uỳ"}
    return re.sub("|".join(moves), lambda m: moves[m.group(0)], text)


VARIANTS = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "entities": lambda t: t.replace(" ", "&nbsp;", 40).replace(",", "&#44;", 20),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "dashes": lambda t: t.replace(" – ", " — ").replace(" - ", " ‒ "),
    "tone placement": new_style_tones,
    "crlf and tabs": lambda t: t.replace("\n", "\r\n").replace(" ", " \t", 30),
    # Saved with hard line breaks every ~78 characters (the headline and dateline lines left whole).
    "hard line breaks": lambda t: "\n".join(ln if i < 2 or len(ln) <= 80 else textwrap.fill(ln, 78)
                                            for i, ln in enumerate(t.split("\n"))),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_variant_gives_the_same_facts(tmp_path, source, variant):
    text = source.read_text(encoding="utf-8")
    changed = VARIANTS[variant](text)
    assert changed != text
    clean = fact_keys(extract_facts(read_article(source)))
    path = tmp_path / source.name
    path.write_text(changed, encoding="utf-8")
    assert fact_keys(extract_facts(read_article(path))) == clean


@pytest.mark.parametrize("source", SOURCES[:4], ids=[p.stem for p in SOURCES[:4]])
def test_all_caps_headline_gives_the_same_facts(source):
    read = read_article(source)
    shouting = replace(read.document, title=read.document.title.upper())
    clean = fact_keys(extract_facts(read))
    loud = fact_keys(extract_facts(replace(read, document=shouting)))
    assert loud["posts"] == clean["posts"] and loud["events"] == clean["events"]
    assert set(loud["places"]) == set(clean["places"])


def test_canonical_tones_is_idempotent():
    text = "Thanh Hoá, Khánh Hoà, thuỷ lợi, quý, hoà bình"
    once = canonical_tones(text)
    assert once == "Thanh Hóa, Khánh Hòa, thủy lợi, quý, hòa bình"
    assert canonical_tones(once) == once
