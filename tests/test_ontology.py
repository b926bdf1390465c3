"""Tests of the ontology folder: thidua.ttl, shapes.ttl and context.jsonld.

* the ontology parses (rdflib, pyoxigraph), every td: term is labelled and
  commented in Vietnamese and English, and it declares exactly the terms of
  docs/vocabulary.md with the alignments listed there;
* it is OWL 2 DL (OWL API profile check) and HermiT, through owlready2, finds
  it consistent, infers td:Official and rejects the disjointness violations;
* the SHACL shapes accept a hand-made graph and reject broken ones with the
  expected messages;
* JSON-LD compacted with the context (by rdflib or by pyld) expands back to
  an isomorphic graph.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from thidua.ontology import CONTEXT_JSONLD, ID, ONTOLOGY_TTL, SHAPES_TTL, TD

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY_MD = ROOT / "docs" / "vocabulary.md"
ONTOLOGY_IRI = URIRef("https://w3id.org/thidua/ontology")
# plain Namespaces (rdflib's closed XSD namespace warns when pytest probes it)
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")

PREFIXES = {
    "td": str(TD),
    "id": str(ID),
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())

# td: terms the ontology may declare beyond docs/vocabulary.md.
EXTRA_TERMS = {"storeFormat"}  # graph/store.py's metadata, never exported

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DATE_PROPERTIES = {"published", "attestedOn", "date", "baseDate", "anniversaryDate", "validUntil"}
# free text, written "…"@vi by graph/mapping.py (identifiers and codes stay plain xsd:string)
TEXT_PROPERTIES = {"title", "bylineAffiliation", "name", "bodyName", "eventKind", "subject",
                   "awardKind", "conferredBy", "recipientName", "sentence"}
PLAIN_STRING_PROPERTIES = {"articleId", "sourceFile", "unitType", "officialCode", "reviewsPeriod"}


# --------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    with open(CONTEXT_JSONLD, encoding="utf-8") as f:
        return json.load(f)["@context"]


def declared_td_terms(g: Graph) -> dict[str, set[URIRef]]:
    """Local name -> declared types, for every td: term the ontology declares."""
    out: dict[str, set[URIRef]] = {}
    for t in TERM_TYPES:
        for s in g.subjects(RDF.type, t):
            if isinstance(s, URIRef) and s.startswith(str(TD)):
                out.setdefault(s[len(TD):], set()).add(t)
    return out


def td_iris_used(g: Graph) -> set[str]:
    """Local names of every td: IRI occurring anywhere in ``g``."""
    names = set()
    for triple in g:
        for node in triple:
            if isinstance(node, URIRef) and node.startswith(str(TD)):
                names.add(node[len(TD):])
    return names


def markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """The rows (as cell lists) of each table, keyed by the heading above it."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set("".join(cells)) <= set("- :"):
                continue  # separator row
            tables.setdefault(heading, []).append(cells)
    # drop the header row of each table
    return {h: rows[1:] for h, rows in tables.items()}


TOKEN = re.compile(r"\b(td|schema|org|foaf|prov|time|xsd):([A-Za-z][A-Za-z0-9_]*)")


def tokens(cell: str, prefix: str | None = None) -> list[str]:
    return [f"{p}:{n}" for p, n in TOKEN.findall(cell) if prefix is None or p == prefix]


def expand(curie: str) -> URIRef:
    p, n = curie.split(":", 1)
    return URIRef(PREFIXES[p] + n)


DATA_IRI = re.compile(r"\bid:([\w/-]+)")


def parse_ttl(text: str) -> Graph:
    """Turtle with the usual prefixes; ``id:kind/local`` is accepted as shorthand
    for the data IRI (Turtle's prefixed names may not contain "/")."""
    text = DATA_IRI.sub(lambda m: f"<{ID}{m.group(1)}>", text)
    return Graph().parse(data=TURTLE_PREFIXES + text, format="turtle")


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            "graphs differ\nonly in original:\n"
            + only_expected.serialize(format="nt")
            + "\nonly after round trip:\n"
            + only_actual.serialize(format="nt")
        )


# --------------------------------------------------------------------------
# thidua.ttl: syntax, labels, contract
# --------------------------------------------------------------------------

def test_ontology_parses_in_rdflib_and_pyoxigraph(onto):
    import pyoxigraph

    assert len(onto) > 300
    triples = list(pyoxigraph.parse(path=str(ONTOLOGY_TTL), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(onto)
    shape_triples = list(pyoxigraph.parse(path=str(SHAPES_TTL), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(shape_triples) == len(Graph().parse(SHAPES_TTL, format="turtle"))


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description, RDFS.label):
        langs = {o.language for o in onto.objects(ONTOLOGY_IRI, prop)}
        assert {"vi", "en"} <= langs, f"ontology {prop} needs @vi and @en"
    assert not list(onto.triples((None, OWL.imports, None))), "the ontology must load offline"


def test_every_td_term_has_vi_and_en_labels_and_comments(onto):
    terms = declared_td_terms(onto)
    assert terms
    problems = []
    for name in sorted(terms):
        iri = TD[name]
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(iri, prop) if isinstance(o, Literal)}
            missing = {"vi", "en"} - langs
            if missing:
                problems.append(f"td:{name} has no {onto.qname(prop)} in {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_every_td_iri_used_is_declared(onto, shapes):
    declared = set(declared_td_terms(onto))
    assert not td_iris_used(onto) - declared, "td: IRIs used in thidua.ttl but not declared"
    assert not td_iris_used(shapes) - declared, "td: IRIs used in shapes.ttl but not declared"


def test_each_term_has_one_kind(onto):
    for name, kinds in declared_td_terms(onto).items():
        assert len(kinds) == 1, f"td:{name} is declared as {sorted(map(onto.qname, kinds))}"


def test_vocabulary_md_terms_are_declared(onto):
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    in_doc = {n for p, n in TOKEN.findall(text) if p == "td"}
    assert len(in_doc) > 60
    declared = declared_td_terms(onto)
    missing = sorted(in_doc - set(declared))
    assert not missing, f"terms of docs/vocabulary.md missing from thidua.ttl: {missing}"
    for name in in_doc:
        kind = OWL.Class if name[0].isupper() else None
        if kind:
            assert declared[name] == {OWL.Class}, f"td:{name} should be an owl:Class"
        else:
            assert declared[name] & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, f"td:{name} should be a property"
    extra = sorted(set(declared) - in_doc - EXTRA_TERMS)
    assert not extra, f"terms in thidua.ttl that docs/vocabulary.md does not list: {extra}"


def test_vocabulary_md_classes_and_alignments(onto):
    tables = markdown_tables(VOCABULARY_MD.read_text(encoding="utf-8"))
    class_rows = tables["Classes"]
    assert class_rows
    for term_cell, supers_cell, meaning in class_rows:
        terms = tokens(term_cell, "td")
        supers = tokens(supers_cell)
        if meaning.startswith("subclasses"):
            for sub in tokens(meaning, "td"):
                assert (expand(sub), RDFS.subClassOf, expand(terms[0])) in onto, f"{sub} ⊑ {terms[0]}"
        for t in terms:
            for sup in supers:
                assert (expand(t), RDFS.subClassOf, expand(sup)) in onto, f"{t} should be ⊑ {sup}"

    prop_rows = tables["Properties (domain → range)"]
    assert prop_rows
    for term_cell, aligned_cell, domain_range in prop_rows:
        terms = tokens(term_cell, "td")
        # "schema:attendee (td:attendee), prov:wasAssociatedWith": a parenthesis
        # restricts the alignment to the terms it names.
        for piece in filter(None, (p.strip() for p in aligned_cell.split(","))):
            m = re.match(r"(\w+:\w+)\s*(?:\((.*)\))?", piece)
            target = m.group(1)
            applies_to = tokens(m.group(2), "td") if m.group(2) else terms
            for t in applies_to:
                assert (expand(t), RDFS.subPropertyOf, expand(target)) in onto, f"{t} should be ⊑ {target}"
        datatype = "xsd:" in domain_range
        for t in terms:
            kind = OWL.DatatypeProperty if datatype else OWL.ObjectProperty
            assert (expand(t), RDF.type, kind) in onto, f"{t} should be an {onto.qname(kind)}"


def test_external_terms_are_declared_not_imported(onto):
    """OWL 2 DL needs every entity declared; external ones are declared locally."""
    used = set()
    for p in (RDFS.subClassOf, RDFS.subPropertyOf):
        for s, o in onto.subject_objects(p):
            used.update(n for n in (s, o) if isinstance(n, URIRef))
    for iri in used:
        kinds = set(onto.objects(iri, RDF.type)) & set(TERM_TYPES)
        assert kinds, f"{iri} is used but not declared"


def test_domains_ranges_and_functional_properties(onto):
    assert (TD.holder, RDFS.range, TD.Person) in onto
    assert (TD.holder, RDFS.domain, TD.PostHolding) in onto
    assert (TD.postIn, RDFS.range, TD.Organization) in onto
    assert (TD.ordinal, RDFS.range, XSD.integer) in onto
    assert (TD.collectiveCount, RDFS.range, XSD.nonNegativeInteger) in onto
    for name in TEXT_PROPERTIES:
        assert (TD[name], RDFS.range, RDF.PlainLiteral) in onto, f"td:{name} takes plain or @vi strings"
    for name in PLAIN_STRING_PROPERTIES:
        assert (TD[name], RDFS.range, XSD.string) in onto
    for name in ("articleId", "title", "published", "holder", "post", "attestedBy",
                 "attestedOn", "role", "postIn", "ordinal", "startChar", "endChar", "inArticle"):
        assert (TD[name], RDF.type, OWL.FunctionalProperty) in onto, f"td:{name} should be functional"
    # Date properties take several XSD datatypes outside the OWL 2 datatype
    # map: no rdfs:range (SHACL checks them), schema:rangeIncludes documents them.
    for name in DATE_PROPERTIES:
        assert onto.value(TD[name], RDFS.range) is None, f"td:{name} must not have an OWL range"
        assert set(onto.objects(TD[name], SCHEMA.rangeIncludes)) <= {
            XSD.date, XSD.gYearMonth, XSD.gYear, XSD.dateTime}
        assert list(onto.objects(TD[name], SCHEMA.rangeIncludes))


def test_no_role_individuals_in_ontology(onto):
    assert not list(onto.subjects(RDF.type, TD.Role))
    assert not list(onto.subjects(RDF.type, OWL.NamedIndividual))


def test_disjointness_axioms(onto):
    groups = []
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        groups.append(set(onto.items(onto.value(node, OWL.members))))
    assert {TD.Country, TD.Province, TD.DistrictLevelUnit, TD.CommuneLevelUnit} in groups
    assert any({TD.Person, TD.Organization, TD.AdministrativeUnit, TD.Event} <= g for g in groups)


# --------------------------------------------------------------------------
# OWL 2 DL and reasoning (Java)
# --------------------------------------------------------------------------

requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="java is not on PATH")


@pytest.fixture(scope="module")
def ontology_nt(tmp_path_factory, onto) -> Path:
    path = tmp_path_factory.mktemp("owl") / "thidua.nt"
    onto.serialize(destination=str(path), format="nt", encoding="utf-8")
    return path


def hermit_jar() -> Path:
    import owlready2

    return Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"


DL_CHECK_JAVA = """
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;
public class DLCheck {
  public static void main(String[] args) throws Exception {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
    OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
    for (OWLProfileViolation v : r.getViolations()) System.out.println("VIOLATION " + v);
    System.out.println(r.isInProfile() ? "IN_PROFILE" : "NOT_IN_PROFILE");
  }
}
"""


@requires_java
def test_owl2_dl_profile(tmp_path, ontology_nt):
    """The OWL API (bundled in owlready2's HermiT.jar) finds no OWL 2 DL violation."""
    src = tmp_path / "DLCheck.java"
    src.write_text(DL_CHECK_JAVA, encoding="utf-8")
    out = subprocess.run(
        ["java", "-cp", str(hermit_jar()), str(src), str(ontology_nt)],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("IN_PROFILE") and "NOT_IN_PROFILE" not in out.stdout, out.stdout


def load_world(ontology_nt: Path, abox: Graph | None, tmp_path: Path):
    """A fresh owlready2 World holding the ontology and, optionally, an ABox."""
    import owlready2

    world = owlready2.World()
    world.get_ontology(ontology_nt.as_uri()).load()
    if abox is not None:
        path = tmp_path / "abox.nt"
        abox.serialize(destination=str(path), format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load()
    return world


def reason(world) -> None:
    import owlready2

    owlready2.sync_reasoner(world, debug=0)


@requires_java
def test_hermit_finds_ontology_consistent(ontology_nt, tmp_path):
    import owlready2

    world = load_world(ontology_nt, None, tmp_path)
    assert world[str(TD.Official)] is not None
    assert world[str(TD.holdsPost)] is not None
    reason(world)  # raises OwlReadyInconsistentOntologyError if inconsistent
    unsatisfiable = [c for c in world.inconsistent_classes() if c is not owlready2.Nothing]
    assert not unsatisfiable, f"unsatisfiable classes: {unsatisfiable}"


@requires_java
def test_hermit_infers_official_from_holds_post(ontology_nt, tmp_path):
    abox = parse_ttl("""
        id:person/a a td:Person ; td:name "Nguyễn Văn A"@vi ; rdfs:label "Nguyễn Văn A"@vi ;
            td:holdsPost id:post/chu-tich .
        id:post/chu-tich a td:Post .
        id:person/b a td:Person ; td:name "Trần Thị B" .
    """)
    world = load_world(ontology_nt, abox, tmp_path)
    official = world[str(TD.Official)]
    a, b = world[str(ID["person/a"])], world[str(ID["person/b"])]
    assert not isinstance(a, official)  # not asserted: only the reasoner can make it so
    reason(world)
    assert isinstance(a, official)
    assert not isinstance(b, official)


@requires_java
def test_hermit_infers_official_from_post_holding(ontology_nt, tmp_path):
    """td:holdsPost is implied by a post holding (inverse td:holder, then td:post)."""
    abox = parse_ttl("""
        id:holding/bai-1/h1 a td:PostHolding ;
            td:holder id:person/c ; td:post id:post/bi-thu ; td:attestedBy id:article/bai-1 .
        id:person/c a td:Person .
        id:post/bi-thu a td:Post .
        id:article/bai-1 a td:Article .
    """)
    world = load_world(ontology_nt, abox, tmp_path)
    official = world[str(TD.Official)]
    c = world[str(ID["person/c"])]
    assert not isinstance(c, official)
    reason(world)
    assert isinstance(c, official)


@requires_java
def test_hermit_on_article_data_needs_ignore_unsupported_datatypes(ontology_nt, tmp_path):
    """Article data carries xsd:date / xsd:gYear literals, outside the OWL 2
    datatype map: HermiT needs ``ignore_unsupported_datatypes=True`` for them."""
    import owlready2

    abox = parse_ttl("""
        id:article/bai-1 a td:Article ; td:articleId "bai-1" ; td:title "Hội nghị"@vi ;
            td:published "2024-01-05"^^xsd:date .
        id:holding/bai-1/h1 a td:PostHolding ; td:holder id:person/d ; td:post id:post/p ;
            td:attestedBy id:article/bai-1 ; td:attestedOn "2024"^^xsd:gYear .
        id:person/d a td:Person ; td:name "Lê Văn D"@vi .
        id:post/p a td:Post .
    """)
    world = load_world(ontology_nt, abox, tmp_path)
    with pytest.raises(owlready2.OwlReadyJavaError):
        reason(world)
    world = load_world(ontology_nt, abox, tmp_path)
    owlready2.sync_reasoner(world, debug=0, ignore_unsupported_datatypes=True)
    assert isinstance(world[str(ID["person/d"])], world[str(TD.Official)])


@requires_java
@pytest.mark.parametrize("abox", [
    "id:x a td:Province , td:CommuneLevelUnit .",
    "id:x a td:Person , td:Organization .",
    'id:article/a td:title "42"^^xsd:integer .',           # text range is rdf:PlainLiteral
    'id:article/a td:articleId "a" , "b" .',               # functional
])
def test_hermit_rejects_inconsistent_data(ontology_nt, tmp_path, abox):
    import owlready2

    world = load_world(ontology_nt, parse_ttl(abox), tmp_path)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(world)


# --------------------------------------------------------------------------
# shapes.ttl
# --------------------------------------------------------------------------

CONFORMING = """
id:article/bai-1 a td:Article ;
    td:articleId "bai-1" ;
    td:title "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023"@vi ;
    td:published "2024-01-05T08:30:00"^^xsd:dateTime ;
    td:sourceFile "examples/articles/bai-1.html" ;
    td:author id:person/tran-thi-b ;
    td:bylineAffiliation "Trung tâm VH-TT huyện"@vi ;
    td:about id:unit/dam-ha ;
    td:mentions id:person/nguyen-van-a , id:unit/dam-ha .

id:person/nguyen-van-a a td:Person ;
    td:name "Nguyễn Văn A"@vi ; rdfs:label "Nguyễn Văn A"@vi ;
    td:holdsPost id:post/chu-tich--ubnd-dam-ha .
id:person/tran-thi-b a td:Person ;
    td:name "Trần Thị B" ; rdfs:label "Trần Thị B"@vi .
id:person/ho-chi-minh a td:HistoricalPerson ;
    td:name "Hồ Chí Minh"@vi ; rdfs:label "Hồ Chí Minh"@vi .

id:unit/22 a td:Province ;
    td:unitType "tỉnh" ; td:name "Quảng Ninh" ; td:officialCode "22" ; td:partOf id:unit/vn .
id:unit/vn a td:Country ; td:unitType "quốc gia" ; td:name "Việt Nam" .
id:unit/dam-ha a td:DistrictLevelUnit ;
    td:unitType "huyện" ; td:name "Đầm Hà"@vi ; td:partOf id:unit/22 ;
    td:validUntil "2025-07-01"^^xsd:date .

id:org/ubnd-dam-ha a td:PeoplesCommittee ;
    td:bodyName "Ủy ban nhân dân"@vi ; td:jurisdiction id:unit/dam-ha ;
    rdfs:label "Ủy ban nhân dân huyện Đầm Hà"@vi .
id:role/chu-tich a td:Role ; rdfs:label "Chủ tịch"@vi .
id:post/chu-tich--ubnd-dam-ha a td:Post ;
    td:role id:role/chu-tich ; td:postIn id:org/ubnd-dam-ha ; td:jurisdiction id:unit/dam-ha .

id:holding/bai-1/h1 a td:PostHolding ;
    td:holder id:person/nguyen-van-a ; td:post id:post/chu-tich--ubnd-dam-ha ;
    td:attestedBy id:article/bai-1 ; td:attestedOn "2024-01-05"^^xsd:date ;
    td:evidence id:mention/bai-1/m1 .
id:mention/bai-1/m1 a td:Mention ;
    td:inArticle id:article/bai-1 ;
    td:sentence "Đồng chí Nguyễn Văn A, Chủ tịch UBND huyện Đầm Hà chủ trì hội nghị."@vi ;
    td:startChar 120 ; td:endChar 186 ;
    td:mentionOf id:holding/bai-1/h1 .

id:event/bai-1/e1 a td:Conference ;
    td:eventKind "Hội nghị"@vi ; td:reportedIn id:article/bai-1 ;
    td:date "2024-01"^^xsd:gYearMonth ; td:place id:unit/dam-ha ;
    td:organizer id:org/ubnd-dam-ha ; td:chairedBy id:person/nguyen-van-a ;
    td:reviewsPeriod "2023" .

id:anniversary/bai-1/a1 a td:Anniversary ;
    td:ordinal 75 ;
    td:subject "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"@vi ;
    td:reportedIn id:article/bai-1 ;
    td:baseDate "1948-06-11"^^xsd:date ; td:anniversaryDate "2023"^^xsd:gYear ;
    td:ordinalMismatch false .

id:award/bai-1/w1 a td:Award ;
    td:awardKind "Bằng khen"@vi ; td:reportedIn id:article/bai-1 ;
    td:conferredBy "Chủ tịch UBND tỉnh"@vi ; td:recipientName "Phòng Nội vụ huyện" ;
    td:collectiveCount "3"^^xsd:integer ;
    td:individualCount "5"^^xsd:integer .
"""


def shacl(data: Graph, onto: Graph, shapes: Graph, allow_warnings: bool = False):
    import pyshacl

    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=onto, inference="none",
        allow_warnings=allow_warnings,
    )
    results = [
        (report.value(r, SH.resultSeverity), str(report.value(r, SH.resultMessage)),
         report.value(r, SH.focusNode))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, results


def broken(*edits: tuple[str, str]) -> Graph:
    text = CONFORMING
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return parse_ttl(text)


def test_shapes_are_named_with_message_and_severity(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    prop_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.objects(None, SH.property))
    assert len(node_shapes) >= 10 and len(prop_shapes) >= 40
    for shape in node_shapes | prop_shapes:
        for p in (SH.name, SH.message, SH.severity):
            assert shapes.value(shape, p) is not None, f"{shape} has no {shapes.qname(p)}"
        msg = shapes.value(shape, SH.message)
        assert msg.language in (None, "en") and len(msg) > 20
    targets = {shapes.value(s, SH.targetClass) for s in node_shapes}
    for cls in ("Article", "Person", "PostHolding", "Post", "AdministrativeUnit", "Event",
                "Anniversary", "Award", "Mention", "Organization", "Role"):
        assert TD[cls] in targets, f"no node shape targets td:{cls}"


def test_conforming_graph_conforms(onto, shapes):
    conforms, results = shacl(parse_ttl(CONFORMING), onto, shapes)
    assert conforms, results
    assert results == []


def test_broken_graph_is_reported(onto, shapes):
    data = broken(
        ("td:holder id:person/nguyen-van-a ; td:post", "td:post"),
        ("td:ordinal 75 ;", "td:ordinal 0 ;"),
    )
    conforms, results = shacl(data, onto, shapes)
    assert not conforms
    found = {(sev, msg, focus) for sev, msg, focus in results}
    assert (SH.Violation,
            "A post holding needs exactly one td:holder (the person who holds the post).",
            ID["holding/bai-1/h1"]) in found
    assert (SH.Violation,
            'td:ordinal must be at least 1; 0 or a negative number means the "N năm" was misread.',
            ID["anniversary/bai-1/a1"]) in found
    assert len(results) == 2, results


@pytest.mark.parametrize("edits, message", [
    ((("td:startChar 120 ; td:endChar 186", "td:startChar 190 ; td:endChar 186"),),
     "td:startChar must not be greater than td:endChar"),
    ((('"2024-01-05T08:30:00"^^xsd:dateTime', '"05/01/2024"^^xsd:date'),),
     "td:published must be a well-formed xsd:date"),
    ((('"2024-01-05T08:30:00"^^xsd:dateTime', '"2024"^^xsd:gYear'),),
     "td:published must be a well-formed xsd:date"),
    ((('td:date "2024-01"^^xsd:gYearMonth', 'td:date "2024-1"^^xsd:gYearMonth'),),
     "An event has at most one td:date"),
    ((('td:date "2024-01"^^xsd:gYearMonth', 'td:date "2024-01-05T08:00:00"^^xsd:dateTime'),),
     "An event has at most one td:date"),
    ((("td:postIn id:org/ubnd-dam-ha ;", "td:postIn id:person/tran-thi-b ;"),),
     "A post needs exactly one td:postIn"),
    ((('td:unitType "huyện" ;', ""),),
     "An administrative unit needs exactly one td:unitType"),
    ((('td:eventKind "Hội nghị"@vi ; td:reportedIn id:article/bai-1 ;', 'td:eventKind "Hội nghị"@vi ;'),),
     "An event needs a td:reportedIn link"),
    ((('td:articleId "bai-1" ;', 'td:articleId "bai-1" , "bai-2" ;'),),
     "An article needs exactly one td:articleId"),
    ((('td:name "Trần Thị B" ;', ""),),
     "A person needs a td:name"),
    ((("td:sentence ", "td:sentence 42 , "),),
     "A mention needs exactly one td:sentence"),
    ((("td:title ", "td:title 2023 ; rdfs:comment "),),
     "An article needs exactly one td:title"),
    ((('td:bodyName "Ủy ban nhân dân"@vi', 'td:bodyName id:unit/22'),),
     "td:bodyName is at most one string"),
    ((('td:name "Đầm Hà"@vi', 'td:name "2024-01-01"^^xsd:date'),),
     "td:name must be a string"),
])
def test_specific_violations(onto, shapes, edits, message):
    conforms, results = shacl(broken(*edits), onto, shapes)
    assert not conforms
    assert any(sev == SH.Violation and msg.startswith(message) for sev, msg, _ in results), results


def test_soft_problems_are_warnings(onto, shapes):
    data = broken(
        ("td:postIn id:org/ubnd-dam-ha ; td:jurisdiction id:unit/dam-ha .", "td:postIn id:org/ubnd-dam-ha ."),
        ("td:ordinalMismatch false", "td:ordinalMismatch true"),
    )
    conforms, results = shacl(data, onto, shapes)
    assert not conforms
    assert {sev for sev, _, _ in results} == {SH.Warning}
    messages = " ".join(msg for _, msg, _ in results)
    assert "has no td:jurisdiction" in messages
    assert "ordinal does not match" in messages
    conforms, _ = shacl(data, onto, shapes, allow_warnings=True)
    assert conforms


def test_subclass_instances_need_the_ontology(onto, shapes):
    """Without the ontology a td:DistrictLevelUnit is not a td:AdministrativeUnit."""
    import pyshacl

    conforms, _, _ = pyshacl.validate(parse_ttl(CONFORMING), shacl_graph=shapes, inference="none")
    assert not conforms
    assert shacl(parse_ttl(CONFORMING), onto, shapes)[0]


# --------------------------------------------------------------------------
# context.jsonld
# --------------------------------------------------------------------------

ROUND_TRIP = """
id:article/bai-1 a td:Article ;
    td:articleId "bai-1" ;
    td:title "Lễ kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"@vi ;
    td:published "2023-06-11T07:45:00"^^xsd:dateTime ;
    td:about id:unit/dam-ha ;
    td:mentions id:person/nguyen-van-a , id:unit/dam-ha .
id:article/bai-2 a td:Article ; td:published "2023-06-12"^^xsd:date .
id:person/nguyen-van-a a td:Person , td:HistoricalPerson ;
    td:name "Nguyễn Văn A"@vi ;
    rdfs:label "Nguyễn Văn A"@vi , "Nguyen Van A"@en ;
    skos:altLabel "Anh A" .
id:unit/dam-ha a td:DistrictLevelUnit ; td:unitType "huyện" ; td:name "Đầm Hà" ;
    rdfs:label "huyện Đầm Hà"@vi ; td:partOf id:unit/22 ; td:validUntil "2025-07-01"^^xsd:date .
id:event/bai-1/e1 a td:Event , td:Commemoration ; td:eventKind "Lễ kỷ niệm"@vi ;
    td:date "2023-06"^^xsd:gYearMonth ; td:place id:unit/dam-ha ; td:reportedIn id:article/bai-1 .
id:anniversary/bai-1/a1 a td:Anniversary ; td:ordinal 75 ; td:ordinalMismatch false ;
    td:baseDate "1948"^^xsd:gYear ; td:anniversaryDate "2023-06-11"^^xsd:date ;
    td:reportedIn id:article/bai-1 .
id:award/bai-1/w1 a td:Award ; td:collectiveCount "3"^^xsd:integer .
id:mention/bai-1/m1 a td:Mention ; td:inArticle id:article/bai-1 ;
    td:sentence "Nguyễn Văn A"@vi ; td:startChar 0 ; td:endChar 12 ; td:mentionOf id:person/nguyen-van-a .
id:org/ubnd a td:PeoplesCommittee ; td:bodyName "Ủy ban nhân dân"@vi ; td:name "UBND" .
"""


def test_context_is_json_ld_1_1_with_prefixes(context):
    assert context["@version"] == 1.1
    for prefix, ns in PREFIXES.items():
        assert context[prefix] == ns
    assert "@vocab" not in context and "@language" not in context


def expand_term(context: dict, value) -> str:
    iri = value["@id"] if isinstance(value, dict) else value
    prefix, _, local = iri.partition(":")
    return context[prefix] + local if prefix in context and isinstance(context[prefix], str) else iri


def test_context_has_a_key_for_every_td_term(onto, context):
    keyed = {expand_term(context, v): k for k, v in context.items() if not k.startswith("@")}
    for name, kinds in declared_td_terms(onto).items():
        assert str(TD[name]) in keyed, f"no context key for td:{name}"
        definition = context[keyed[str(TD[name])]]
        assert keyed[str(TD[name])] == name
        if OWL.ObjectProperty in kinds:
            assert definition.get("@type") == "@id", f"{name} should be @type @id"
        if name in DATE_PROPERTIES - {"validUntil"}:
            assert isinstance(definition, str), f"{name} takes several datatypes: do not coerce"
    assert context["label"] == {"@id": "rdfs:label", "@language": "vi"}
    for name in TEXT_PROPERTIES:
        assert context[name] == {"@id": f"td:{name}", "@language": "vi"}
    assert context["ordinal"]["@type"] == "xsd:integer"
    assert context["startChar"]["@type"] == "xsd:integer"


def test_rdflib_json_ld_round_trips_through_pyld(context):
    from pyld import jsonld

    g = parse_ttl(ROUND_TRIP)
    compacted = json.loads(g.serialize(format="json-ld", context=context))
    # the readable keys are used
    text = json.dumps(compacted, ensure_ascii=False)
    for key in ('"published"', '"label": "Nguyễn Văn A"', '"name": "Nguyễn Văn A"', '"ordinal"',
                '"inArticle"', '"Article"', '"bodyName": "Ủy ban nhân dân"'):
        assert key in text
    nquads = jsonld.to_rdf(compacted, {"format": "application/n-quads"})
    back = Graph().parse(data=nquads, format="nt")
    assert_isomorphic(g, back)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pyld_compaction_round_trips(context):
    from pyld import jsonld

    g = parse_ttl(ROUND_TRIP)
    expanded = jsonld.from_rdf(g.serialize(format="nt"), {"format": "application/n-quads"})
    compacted = jsonld.compact(expanded, {"@context": context})
    assert any(node.get("label") == "Nguyễn Văn A" for node in compacted["@graph"])
    nquads = jsonld.to_rdf(compacted, {"format": "application/n-quads"})
    assert_isomorphic(g, Graph().parse(data=nquads, format="nt"))
    # and rdflib reads the pyld-compacted document back too
    assert_isomorphic(g, Graph().parse(data=json.dumps(compacted), format="json-ld"))
