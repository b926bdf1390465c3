"""Deterministic IRIs from NFC-normalised names.

``{kind}/{slug}-{hash}``: the slug folds the name to readable ASCII; the hash
(first 8 hex digits of SHA-1 of the NFC, case-folded, canonical-tone key) is
the collision rule, so "Hà" and "Hạ" (both slug ``ha``) get two IRIs, and a
name gets the same IRI whatever the build order, with no registry to keep.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from ..loaders.text import fold_key
from ..ontology import ID

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ID = str(ID)
_SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9._~-]+")


@lru_cache(maxsize=65536)
def slugify(text: str, max_len: int = 60) -> str:
    """ "Trần Việt Dũng" -> "tran-viet-dung"."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    return slug[:max_len].rstrip("-") or "x"


@lru_cache(maxsize=65536)
def short_hash(*parts: str) -> str:
    key = "\x1f".join(fold_key(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def safe_segment(text: str) -> str:
    """An article id as a path segment: kept as is when it is all unreserved characters; otherwise
    folded, with a hash of the exact NFC id appended, so "dup_Hà" and "dup_Hạ" stay two articles."""
    if text and not _SAFE_SEGMENT.search(text):
        return text
    folded = _SAFE_SEGMENT.sub("-", slugify(text, 120)).strip("-") or "x"
    exact = hashlib.sha1(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:8]
    return f"{folded}-{exact}"


def article_iri(article_id: str) -> str:
    return _ID + f"article/{safe_segment(article_id)}"


@lru_cache(maxsize=65536)
def person_iri(name: str, scope: str = "") -> str:
    """One person per normalised name within a scope (a province code; "" for national or unknown)."""
    key = (name,) if not scope else (name, scope)
    return _ID + f"person/{slugify(name)}-{short_hash(*key)}"


@lru_cache(maxsize=65536)
def unit_iri(unit_type: str, name: str, code: str | None = None) -> str:
    if code:
        return _ID + f"unit/{safe_segment(code)}"
    return _ID + f"unit/{slugify(unit_type + ' ' + name)}-{short_hash(unit_type, name)}"


@lru_cache(maxsize=65536)
def org_iri(body: str, jurisdiction_key: str) -> str:
    return _ID + f"org/{slugify(body)}-{short_hash(body, jurisdiction_key)}"


@lru_cache(maxsize=65536)
def role_iri(role: str) -> str:
    return _ID + f"role/{slugify(role)}-{short_hash(role)}"


@lru_cache(maxsize=65536)
def post_iri(role: str, body: str, jurisdiction_key: str) -> str:
    return _ID + f"post/{slugify(role, 30)}--{slugify(body, 40)}-{short_hash(role, body, jurisdiction_key)}"


def fact_iri(kind: str, article_id: str, *key: str) -> str:
    """A fact node of one article (holding, event, anniversary, award, mention)."""
    return _ID + f"{kind}/{safe_segment(article_id)}/{short_hash(*key)}"
