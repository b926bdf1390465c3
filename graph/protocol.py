"""The SPARQL 1.1 Protocol without the HTTP server: check a query, run it with caps, negotiate a format.

Pure functions over a pyoxigraph ``Store``; :mod:`.query_pool` runs :func:`answer` in worker
processes and :mod:`.endpoint` puts HTTP around it. The refusals are the endpoint's contract
(docs/serving.md): updates and federated ``SERVICE`` calls are refused before anything runs.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from .store import PREFIXES, SERIALIZATION_PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SERVICE_DESCRIPTION = "http://www.w3.org/ns/sparql-service-description#"

# Bare words that only occur in SPARQL Update; a query never contains them outside strings and IRIs.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"})


@dataclass(frozen=True)
class Limits:
    """What one query may cost: evaluation time, rows (or triples) returned, query length."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_query_length: int = 10_000
    max_memory_mb: int = 2048  # address space of one query worker; 0: no limit


@dataclass(frozen=True)
class QueryRequest:
    """A query as the protocol delivers it: the text, what the client accepts, the dataset it names."""

    query: str
    accept: str = ""
    format_params: tuple[str, ...] = ()  # ?format= / ?output= / ?results= values, in order
    default_graphs: tuple[str, ...] = ()  # default-graph-uri
    named_graphs: tuple[str, ...] = ()  # named-graph-uri


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


class ProtocolError(Exception):
    """A request the endpoint refuses; ``status`` is the HTTP status, the message says why and what to do."""

    def __init__(self, status: int, message: str, headers: tuple[tuple[str, str], ...] = ()):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers

    def response(self) -> Response:
        return Response(self.status, "text/plain; charset=utf-8", (self.message + "\n").encode("utf-8"), self.headers)


# --- checking a query before it runs ----------------------------------------------------------------

_TOKENS = re.compile(r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\W]+)
    | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w.:%-]|\\.)*)
    | (?P<word>[^\W\d][\w-]*)
    | (?P<other>.)
    """, re.X | re.S)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape_codepoints(text: str) -> str:
    def one(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)
    return _UCHAR.sub(one, text)


def keywords(text: str) -> set[str]:
    """The bare words of a SPARQL text (upper-cased), skipping comments, strings, IRIs, variables and prefixed names."""
    return {m.group().upper() for m in _TOKENS.finditer(text) if m.lastgroup == "word"}


def check_query(text: str, limits: Limits) -> set[str]:
    """Refuse, before evaluation, a query that is too long, is an update, or calls a remote ``SERVICE``.

    SPARQL allows ``\\uXXXX`` escapes anywhere in a query; the words are read both with and
    without them unescaped, so an escaped keyword cannot slip past. Returns the query's keywords.
    """
    if len(text) > limits.max_query_length:
        raise ProtocolError(413, f"query too long: {len(text):,} characters, the limit is "
                                 f"{limits.max_query_length:,} (thidua serve --max-query-length)")
    if not text.strip():
        raise ProtocolError(400, "empty query: send a SPARQL query in the `query` parameter")
    words = keywords(text) | keywords(_unescape_codepoints(text))
    if "SERVICE" in words:
        raise ProtocolError(403, "federated queries are disabled: this endpoint makes no SERVICE calls "
                                 "to other endpoints; query them yourself and combine the results")
    update = sorted(words & UPDATE_KEYWORDS)
    if update:
        raise ProtocolError(403, f"this endpoint is read-only: SPARQL Update ({update[0]}) is refused")
    return words


# --- content negotiation ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Format:
    name: str
    content_type: str
    media_types: tuple[str, ...]  # what an Accept header may ask for, first is canonical
    aliases: tuple[str, ...]  # values of the format= parameter


SOLUTION_FORMATS = (
    Format("json", "application/sparql-results+json",
           ("application/sparql-results+json", "application/json"), ("json", "srj")),
    Format("xml", "application/sparql-results+xml",
           ("application/sparql-results+xml", "application/xml", "text/xml"), ("xml", "srx")),
    Format("csv", "text/csv; charset=utf-8", ("text/csv",), ("csv",)),
    Format("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",), ("tsv",)),
    Format("html", "text/html; charset=utf-8", ("text/html", "application/xhtml+xml"), ("html",)),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle; charset=utf-8",
           ("text/turtle", "application/turtle", "application/x-turtle"), ("turtle", "ttl")),
    Format("jsonld", "application/ld+json",
           ("application/ld+json", "application/x-json+ld", "application/json"), ("json-ld", "jsonld", "json")),
    Format("ntriples", "application/n-triples", ("application/n-triples", "text/plain"),
           ("nt", "ntriples", "n-triples")),
    Format("rdfxml", "application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml"),
           ("rdfxml", "rdf+xml", "rdf", "xml")),
    Format("html", "text/html; charset=utf-8", ("text/html", "application/xhtml+xml"), ("html",)),
)


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]], *, wildcards: bool = True) -> float:
    """The q of the most specific range matching ``media_type`` (RFC 9110 §12.5.1)."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for pattern, q in ranges:
        level = 2 if pattern == media_type else -1
        if wildcards and level < 0:
            level = 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
        if level > specificity:
            best, specificity = q, level
    return best if specificity >= 0 else 0.0


def negotiate(formats: tuple[Format, ...], accept: str, format_params: tuple[str, ...]) -> Format:
    """Pick a format: a recognised ``format=`` value wins, then the Accept header, then the first format."""
    for value in format_params:
        wanted = value.strip().lower()
        for fmt in formats:
            if wanted in fmt.aliases or wanted in fmt.media_types:
                return fmt
    ranges = _accept_ranges(accept)
    if not ranges:
        return formats[0]
    # Wildcards match the type actually sent (the first); other names of the format only match exactly.
    scored = [(max(_quality(m, ranges, wildcards=j == 0) for j, m in enumerate(fmt.media_types)), -i, fmt)
              for i, fmt in enumerate(formats)]
    q, _, fmt = max(scored, key=lambda item: item[:2])
    if q <= 0:
        offered = ", ".join(f.media_types[0] for f in formats)
        raise ProtocolError(406, f"none of the accepted types ({accept}) can be produced for this query; "
                                 f"ask for one of: {offered}")
    return fmt


# --- answering ----------------------------------------------------------------------------------------

def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
        if term.direction is not None:
            out["its:dir"] = str(term.direction)
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _capped(iterable, limits: Limits, what: str) -> list:
    items = []
    for item in iterable:
        items.append(item)
        if len(items) > limits.max_rows:
            raise ProtocolError(422, f"the result has more than {limits.max_rows:,} {what}, the limit of this "
                                     "endpoint; add LIMIT/OFFSET to page through it, or narrow the query")
    return items


def _results_json(variables: list[str], rows: list[dict]) -> bytes:
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_RESULTS_FORMATS = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
                    "tsv": ox.QueryResultsFormat.TSV}
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}


def _solutions(result: ox.QuerySolutions, request: QueryRequest, limits: Limits) -> Response:
    fmt = negotiate(SOLUTION_FORMATS, request.accept, request.format_params)
    variables = [v.value for v in result.variables]
    solutions = _capped(result, limits, "rows")
    if fmt.name == "html":
        return Response(200, fmt.content_type, html_solutions(request.query, variables, solutions))
    rows = [{name: _term_json(term) for name in variables if (term := solution[name]) is not None}
            for solution in solutions]
    body = _results_json(variables, rows)
    if fmt.name != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=_RESULTS_FORMATS[fmt.name])
    return Response(200, fmt.content_type, body)


def _boolean(result: ox.QueryBoolean, request: QueryRequest) -> Response:
    fmt = negotiate(SOLUTION_FORMATS, request.accept, request.format_params)
    value = bool(result)
    if fmt.name == "html":
        return Response(200, fmt.content_type, html_boolean(request.query, value))
    body = json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.name != "json":
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
            format=_RESULTS_FORMATS[fmt.name])
    return Response(200, fmt.content_type, body)


def _triples(result: ox.QueryTriples, request: QueryRequest, limits: Limits) -> Response:
    fmt = negotiate(GRAPH_FORMATS, request.accept, request.format_params)
    triples = _capped(result, limits, "triples")
    if fmt.name == "html":
        return Response(200, fmt.content_type, html_triples(request.query, triples))
    prefixes = None if fmt.name in ("ntriples", "jsonld") else SERIALIZATION_PREFIXES
    body = ox.serialize(triples, format=_RDF_FORMATS[fmt.name], prefixes=prefixes)
    return Response(200, fmt.content_type, body)


def answer(store: ox.Store, request: QueryRequest, limits: Limits) -> Response:
    """Run a checked query over ``store`` and serialise the answer; refusals come back as error responses.

    The default graph is the union of the store's graphs unless the request names
    ``default-graph-uri`` or the query ``FROM``; the project prefixes (td:, id:, …) are declared. Graphs named in
    ``FROM`` or ``default-graph-uri`` are graphs of this store: nothing is fetched.
    """
    try:
        words = check_query(request.query, limits)
        options: dict = {"prefixes": PREFIXES}
        try:
            if request.default_graphs:
                options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
            elif "FROM" not in words:  # the union option would override FROM / FROM NAMED
                options["use_default_graph_as_union"] = True
            if request.named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
        except ValueError as exc:
            raise ProtocolError(400, f"bad graph IRI in default-graph-uri/named-graph-uri: {exc}") from None
        try:
            result = store.query(request.query, **options)
            if isinstance(result, ox.QuerySolutions):
                return _solutions(result, request, limits)
            if isinstance(result, ox.QueryTriples):
                return _triples(result, request, limits)
            return _boolean(result, request)
        except SyntaxError as exc:
            raise ProtocolError(400, f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise ProtocolError(500, f"query failed: {exc}") from None
    except ProtocolError as exc:
        return exc.response()


# --- service description and HTML -------------------------------------------------------------------

def service_description(endpoint_url: str, request: QueryRequest) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, as RDF."""
    sd = SERVICE_DESCRIPTION
    service = ox.NamedNode(endpoint_url)
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [ox.Triple(service, a, ox.NamedNode(sd + "Service")),
               ox.Triple(service, ox.NamedNode(sd + "endpoint"), service),
               ox.Triple(service, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
               ox.Triple(service, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph"))]
    formats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "JSON-LD", "N-Triples", "RDF_XML"]
    triples += [ox.Triple(service, ox.NamedNode(sd + "resultFormat"), ox.NamedNode("http://www.w3.org/ns/formats/" + f))
                for f in formats]
    fmt = negotiate(GRAPH_FORMATS[:-1], request.accept, request.format_params)
    prefixes = None if fmt.name in ("ntriples", "jsonld") else {"sd": sd}
    return Response(200, fmt.content_type, ox.serialize(triples, format=_RDF_FORMATS[fmt.name], prefixes=prefixes))


PAGE_STYLE = ("body{font-family:system-ui,sans-serif;margin:1.5em;max-width:80em}"
              "textarea{width:100%;font-family:monospace;font-size:0.95em}"
              "table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ccc;padding:0.2em 0.5em;"
              "text-align:left;vertical-align:top}th{background:#f3f3f3}code{background:#f6f6f6}")
# No scripts, no remote resources: the pages load nothing but themselves.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'"


def element(tag: str, attrs: dict | None = None, *children) -> ET.Element:
    """An element with attributes (None values dropped) and children: elements, or text (escaped on output)."""
    node = ET.Element(tag, {k: v for k, v in (attrs or {}).items() if v is not None})
    last = None
    for child in children:
        if isinstance(child, ET.Element):
            node.append(child)
            last = child
        elif child:
            if last is None:
                node.text = (node.text or "") + str(child)
            else:
                last.tail = (last.tail or "") + str(child)
    return node


def html_page(title: str, *body: ET.Element) -> bytes:
    """An HTML document built with ElementTree, so every text and attribute is escaped."""
    head = element("head", None, element("meta", {"charset": "utf-8"}), element("title", None, title),
                   element("style", None, PAGE_STYLE))
    html = element("html", {"lang": "vi"}, head, element("body", None, *body))
    return b"<!DOCTYPE html>\n" + ET.tostring(html, encoding="utf-8", method="html", xml_declaration=False)


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(SERIALIZATION_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _describe_link(iri: str) -> str:
    return "sparql?" + urlencode({"query": f"DESCRIBE <{iri}>", "format": "html"})


def _term_cell(term) -> ET.Element:
    if term is None:
        return element("td")
    if isinstance(term, ox.NamedNode):
        link = element("a", {"href": _describe_link(term.value), "title": term.value}, _compact(term.value))
        return element("td", None, link)
    if isinstance(term, ox.Literal):
        suffix = f"@{term.language}" if term.language else (
            "" if term.datatype.value == XSD_STRING else f"^^{_compact(term.datatype.value)}")
        return element("td", None, term.value, element("small", None, suffix) if suffix else None)
    return element("td", None, str(term))


def _result_page(query: str, summary: str, table: ET.Element | None) -> bytes:
    back = "./?" + urlencode({"query": query})
    header = element("p", None, element("a", {"href": back}, "← edit the query"), " · ", summary)
    return html_page("SPARQL results", header, *([table] if table is not None else []))


def html_solutions(query: str, variables: list[str], solutions: list) -> bytes:
    head = element("tr", None, *[element("th", None, v) for v in variables])
    rows = [element("tr", None, *[_term_cell(s[v]) for v in variables]) for s in solutions]
    summary = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    return _result_page(query, summary, element("table", None, head, *rows))


def html_triples(query: str, triples: list) -> bytes:
    head = element("tr", None, *[element("th", None, name) for name in ("subject", "predicate", "object")])
    rows = [element("tr", None, _term_cell(t.subject), _term_cell(t.predicate), _term_cell(t.object)) for t in triples]
    summary = f"{len(rows)} triple{'s' if len(rows) != 1 else ''}"
    return _result_page(query, summary, element("table", None, head, *rows))


def html_boolean(query: str, value: bool) -> bytes:
    return _result_page(query, f"answer: {str(value).lower()}", None)
