"""Typed records that flow from the loaders to the graph.

Extraction is a pure function from a :class:`Document` to an
:class:`ArticleFacts`; nothing here knows about RDF.  All text is NFC.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Where a fact was read: the sentence and its character offsets in the body."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One article after reading and cleaning, before extraction."""

    article_id: str  # file name without extension
    source: str  # path as given
    title: str
    published: str | None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    body: str  # cleaned article text, NFC, paragraphs separated by "\n"
    encoding: str  # the encoding the bytes were decoded from
    site_lines: tuple[str, ...] = ()  # banner/chrome lines kept for context (e.g. site's unit)

    @property
    def text(self) -> str:
        """What extraction reads and spans index: the headline, a newline, the body."""
        return f"{self.title}\n{self.body}"


@dataclass(frozen=True)
class Place:
    """An administrative unit: ``unit_type`` in lower case ("huyện") and its name ("Đầm Hà")."""

    unit_type: str
    name: str
    code: str | None = None  # official code from the gazetteer
    parent: Place | None = None
    level: str | None = None  # country | province | district | commune
    valid_from: str | None = None  # ISO date the unit came into being, if known
    valid_until: str | None = None  # ISO date the unit ceased to exist, if it did

    @property
    def label(self) -> str:
        """The ANNOTATION.md form: "huyện Đầm Hà"; the country is just "Việt Nam"."""
        return self.name if self.unit_type == "quốc gia" else f"{self.unit_type} {self.name}"


@dataclass(frozen=True)
class PersonMention:
    name: str  # full name, title case
    span: Span
    historical: bool = False
    written: str | None = None  # the name as the text wrote it, where that differs ("trần Việt Dũng")


@dataclass(frozen=True)
class PostHolding:
    """The article says ``person`` held ``role`` in ``organization`` for ``jurisdiction``."""

    person: str
    role: str  # "Chủ tịch"
    organization: str  # "Ủy ban nhân dân" (expanded, without its place)
    jurisdiction: Place | None
    span: Span


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    span: Span
    written: str | None = None  # the label as the text spells the name, where the gazetteer spells it otherwise


@dataclass(frozen=True)
class Participation:
    person: str
    part: str  # chaired | spoke | attended


@dataclass(frozen=True)
class Event:
    kind: str  # head noun, expanded: "Hội nghị", "Lễ phát động", …
    date: str | None  # ISO, possibly "YYYY-MM" or "YYYY"
    place: Place | None
    label: str
    span: Span
    organizer: str | None = None
    participants: tuple[Participation, ...] = ()
    reviews_period: str | None = None  # "2021", "2015-2020"


@dataclass(frozen=True)
class Anniversary:
    ordinal: int
    subject: str
    base_date: str | None
    date: str | None
    span: Span
    ordinal_mismatch: bool = False  # both dates given and their difference is not the ordinal


@dataclass(frozen=True)
class Award:
    kind: str  # "Bằng khen", "Cờ thi đua", "Huân chương Lao động hạng Ba", …
    span: Span
    conferred_by: str | None = None
    recipient: str | None = None  # a named person or body
    collectives: int | None = None
    individuals: int | None = None
    at_event: int | None = None  # index into ArticleFacts.events


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    document: Document
    subject_unit: Place | None = None  # the unit the article is about
    # Entity-resolution scope: people of the same name are one person within one province
    # (the gazetteer code of the article's province); "" where the province is unknown.
    person_scope: str = ""
    people: list[PersonMention] = field(default_factory=list)
    posts: list[PostHolding] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    anniversaries: list[Anniversary] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.people or self.posts or self.places or self.events
                    or self.anniversaries or self.awards or self.authors)
