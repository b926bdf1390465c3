"""One person across articles: same name within one province; namesakes in two provinces stay apart."""
from __future__ import annotations

from conftest import build_store
from thidua.graph.store import GraphStore

ARTICLE = """{title}
{date} 08:00
Sáng ngày {day}, UBND huyện {district} tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2021. Dự hội nghị có đồng chí {written} – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.
Đồng chí {name} phát biểu tại hội nghị.
Thu Hà
"""


def write(folder, stem, **values):
    (folder / f"{stem}.txt").write_text(ARTICLE.format(**values), encoding="utf-8")


def test_people_resolve_within_a_province(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    common = dict(name="Nguyễn Văn Hải", written="Nguyễn Văn Hải")
    write(folder, "a1", title="Huyện Tiên Yên tổng kết thi đua năm 2021", date="30/12/2021", day="29/12",
          district="Tiên Yên", **common)
    write(folder, "a2", title="Huyện Tiên Yên phát động thi đua năm 2022", date="12/01/2022", day="11/1",
          district="Tiên Yên", name="Nguyễn Văn Hải", written="nguyễn Văn Hải")
    write(folder, "b1", title="Huyện Bát Xát tổng kết thi đua năm 2021", date="28/12/2021", day="27/12",
          district="Bát Xát", **common)
    store_path = build_store(tmp_path / "store", folder)
    with GraphStore(store_path, read_only=True) as store:
        rows = list(store.query("""
            SELECT ?article ?person ?on WHERE { GRAPH ?g {
              ?h a td:PostHolding ; td:holder ?person ; td:attestedBy/td:articleId ?article ; td:attestedOn ?on ;
                 td:post ?post } ?post td:role/rdfs:label "Chủ tịch"@vi }"""))
        person_of = {r["article"].value: r["person"].value for r in rows}
        assert person_of["a1"] == person_of["a2"], "same name, same province: one person"
        assert person_of["b1"] != person_of["a1"], "same name in Lào Cai and Quảng Ninh: two people"
        # The timeline of the Quảng Ninh official: two dated holdings from two articles.
        dates = sorted(r["on"].value for r in rows if r["person"].value == person_of["a1"])
        assert dates == ["2021-12-29", "2022-01-11"]
        aliases = [r["alias"].value for r in store.query(
            "SELECT ?alias WHERE { ?p skos:altLabel ?alias }")]
        assert aliases == ["nguyễn Văn Hải"], "the miscased spelling is kept as an alias"
