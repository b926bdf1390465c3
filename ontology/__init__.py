"""The thidua-kg ontology: namespaces and the paths of its files.

Every IRI the project mints lives under ``BASE``: ontology terms under
``TD`` (``https://w3id.org/thidua/ontology#``) and data resources under
``ID`` (``https://w3id.org/thidua/id/``).
"""
from importlib import resources
from pathlib import Path

from rdflib import Namespace

BASE = "https://w3id.org/thidua/"
TD = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")


def _path(name: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(name)))


ONTOLOGY_TTL = _path("thidua.ttl")
SHAPES_TTL = _path("shapes.ttl")
CONTEXT_JSONLD = _path("context.jsonld")
