"""Property tests (hypothesis): normalisation, decoding, date parsing and IRI minting hold for any input."""
from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from fuzz.corpus import encode_cp1258, encode_tcvn3
from fuzz.runner import valid_iso
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from thidua.graph.iri import (
    article_iri,
    fact_iri,
    person_iri,
    post_iri,
    slugify,
    unit_iri,
)
from thidua.graph.store import GraphStore
from thidua.loaders import events
from thidua.loaders.decoding import TCVN3_TABLE, DecodeError, decode_bytes, decode_tcvn3
from thidua.loaders.layout import parse_dateline
from thidua.loaders.reading import (
    ArticleError,
    article_from_bytes,
    html_to_lines,
    printable_path,
)
from thidua.loaders.text import _ENTITY as ENTITY
from thidua.loaders.text import normalize_text

EXAMPLES = int(os.environ.get("THIDUA_PROPERTY_EXAMPLES", "300"))  # raise it for a longer hunt
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY" + "\u0300\u0301\u0303\u0309\u0323"
vietnamese_words = st.text(alphabet=VIETNAMESE + " ", min_size=1, max_size=60)
# Any text, tilted towards what articles hold: Vietnamese letters, combining marks, spaces, controls, entities.
any_text = st.one_of(
    st.text(max_size=200),
    vietnamese_words,
    st.text(alphabet=VIETNAMESE + " \n\r\t\x00\x0b\u00a0\u200b\ufeff\u2028&#;xX0123456789<>\"'–-/", max_size=200),
)
names = st.one_of(vietnamese_words, st.text(min_size=1, max_size=40))
date_like = st.one_of(
    st.text(max_size=40),
    st.builds(lambda d, m, y, sep, time: f"{d}{sep}{m}{sep}{y}{time}",
              st.integers(0, 99), st.integers(0, 99), st.integers(0, 99999), st.sampled_from("/.-"),
              st.sampled_from(["", " 10:30", " 25:61", " 23:59", " - 08h15", " (GMT+7)"])),
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- normalisation ------------------------------------------------------------------------------

@SETTINGS
@given(any_text)
@example("Hoà bình thuỷ lợi\r\n&amp;")
@example("\u0301a")
@example("OÀ\u0300 A\ufeff\u0300")
def test_normalize_text_is_idempotent_and_nfc(text):
    once = normalize_text(text)
    # Entities are decoded, so "&amp;lt;" -> "&lt;" -> "<": a second pass decodes what the first produced.
    assume(not ENTITY.search(once))
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and not any(ch < " " and ch != "\n" for ch in once)


@pytest.mark.parametrize("text", ["Hoa\u00ad\u0300", "A\ufeff\u0300", "OÀ\u0300"])
def test_normalize_text_output_is_nfc_even_with_stray_marks(text):
    assert unicodedata.is_normalized("NFC", normalize_text(text))


@SETTINGS
@given(vietnamese_words)
def test_normalize_text_reads_nfd_as_nfc(text):
    assert normalize_text(nfd(text)) == normalize_text(unicodedata.normalize("NFC", text))


# --- decoding -----------------------------------------------------------------------------------

@SETTINGS
@given(st.binary(max_size=3000), st.booleans())
def test_decode_bytes_returns_text_or_refuses_with_decode_error(data, html):
    try:
        text, encoding = decode_bytes(data, html=html)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and encoding


@SETTINGS
@given(st.text(alphabet=VIETNAMESE + " .,\n0123456789", max_size=300))
def test_tcvn3_round_trip(text):
    text = unicodedata.normalize("NFC", text)
    assert unicodedata.normalize("NFC", decode_tcvn3(encode_tcvn3(text))) == text


def test_tcvn3_table_is_the_standard_one():
    assert len(TCVN3_TABLE) == 256 and len(set(TCVN3_TABLE)) == 256
    # Bytes as the ABC fonts show them in Windows-1252, and what they are.
    assert decode_tcvn3("B¶o Th¾ng, M\xadêng Kh\xad¬ng, §¶ng".encode("latin-1")) == "Bảo Thắng, Mường Khương, Đảng"
    letters = {ch for ch in TCVN3_TABLE if unicodedata.category(ch).startswith("L") and not ch.isascii()}
    assert len(letters) == 134  # every non-ASCII Vietnamese letter, 67 lower and 67 upper case, has a byte


@pytest.mark.parametrize("encode,expected", [(encode_tcvn3, "tcvn3"), (encode_cp1258, "cp1258")])
def test_legacy_encodings_are_told_apart(encode, expected):
    text = ("Sáng ngày 12/1, Hội đồng Thi đua - Khen thưởng huyện Tiên Yên tổ chức hội nghị tổng kết công tác "
            "thi đua, khen thưởng năm 2023. Dự hội nghị có đồng chí Hoàng Văn Phúc - Phó Chủ tịch Ủy ban nhân dân huyện.")
    decoded, encoding = decode_bytes(encode(text))
    assert encoding == expected
    assert normalize_text(decoded) == normalize_text(text)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html"]))
def test_article_from_bytes_reads_or_refuses_with_one_line(data, name):
    try:
        article = article_from_bytes(data, name)
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert unicodedata.is_normalized("NFC", article.document.text)


@SETTINGS
@given(st.one_of(st.text(max_size=400), st.builds(lambda a, b: f"<html><body><p>{a}</p>{b}</body></html>",
                                                    any_text, st.text(alphabet="<>/&#;pdiv x=\"'\x00\x01", max_size=80))))
def test_html_to_lines_never_raises_anything_but_article_error(markup):
    try:
        lines, _title, published = html_to_lines(markup)
    except ArticleError:
        return
    assert all("\n" not in line for line in lines)
    assert published is None or valid_iso(published)


# --- dates --------------------------------------------------------------------------------------

@SETTINGS
@given(date_like)
@example("31/02/2021")
@example("29/02/2023 10:00")
@example("01/01/0000")
@example("31/12/9999 25:61")
def test_parse_dateline_gives_a_real_date_or_none(line):
    iso = parse_dateline(line)
    assert iso is None or valid_iso(iso)


@SETTINGS
@given(st.integers(-5, 40), st.integers(-5, 20), st.one_of(st.none(), st.integers(0, 99999)))
@example(31, 2, 2021)
@example(29, 2, 2023)
def test_event_dates_are_real_dates(day, month, year):
    iso = events.iso(day, month, year)
    assert iso is None or valid_iso(iso)


@SETTINGS
@given(date_like, st.integers(1, 1000))
@example("31/02/1023", 1000)
@example("29/02/1972", 50)
@example("9999", 1000)
def test_anniversary_dates_are_real_dates(text, ordinal):
    base = events._parse_date(text.split(" ")[0])
    assert base is None or valid_iso(base)
    if base is not None:
        assert valid_iso(events._plus_years(base, ordinal))


# --- IRIs ---------------------------------------------------------------------------------------

@SETTINGS
@given(names, st.integers(1, 120))
def test_slugify_is_ascii_and_stable_under_nfc_and_nfd(name, max_len):
    slug = slugify(name, max_len)
    assert slug.isascii() and slug == slug.lower() and 0 < len(slug) <= max_len
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slugify(nfd(name), max_len) == slug == slugify(unicodedata.normalize("NFC", name), max_len)


@SETTINGS
@given(names)
@example("Trần Việt Dũng")
@example("Lê Thị Hoà")
def test_person_iri_is_one_iri_for_nfc_and_nfd(name):
    nfc = unicodedata.normalize("NFC", name)
    assert person_iri(nfd(name)) == person_iri(nfc)
    ox.NamedNode(person_iri(name))  # a valid IRI, or this raises


@SETTINGS
@given(st.text(max_size=200), names, names)
@example('a "quoted" <b>&amp; \n name', "x", "y")
def test_minted_iris_are_valid_for_any_text(text, a, b):
    for iri in (article_iri(text), fact_iri("event", text, a, b), unit_iri(a, b), unit_iri(a, b, text or None),
                post_iri(a, b, text)):
        assert ox.NamedNode(iri).value == iri
        assert not any(ch in iri for ch in ' <>"{}|^`\\')


@SETTINGS
@given(st.text(max_size=120))
def test_printable_path_is_one_line(text):
    shown = printable_path(text)
    assert "\n" not in shown and "\r" not in shown and "\u2028" not in shown
    shown.encode("utf-8")  # no lone surrogates either


# --- the store ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch_store():
    with tempfile.TemporaryDirectory() as folder:
        with GraphStore(Path(folder) / "store") as store:
            yield store


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=80), min_size=0, max_size=8), st.sampled_from([None, "vi", "en-GB"]))
@example(['"\\u0022 }} > \\n', "\x00\x01\ufffe\uffff\U0010ffff", "'''\"\"\"", "\\"], "vi")
def test_replace_graph_keeps_any_literal_text(scratch_store, texts, language):
    """Writing an article's graph (one SPARQL update) stores every literal exactly as given."""
    assume(all("\ud800" > ch or ch > "\udfff" for t in texts for ch in t))
    graph = ox.NamedNode("https://example.org/g")
    quads = [ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode(f"https://example.org/p{i}"),
                     ox.Literal(text, language=language) if language else ox.Literal(text), graph)
             for i, text in enumerate(texts)]
    scratch_store.replace_graph(graph.value, quads)
    assert set(scratch_store.oxigraph.quads_for_pattern(None, None, None, graph)) == set(quads)
