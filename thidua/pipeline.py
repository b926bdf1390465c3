"""The main job: article files -> facts -> the store.  Library code; the CLI only calls it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .graph.iri import article_iri
from .graph.mapping import article_quads
from .graph.store import GraphStore
from .loaders.extract import extract_facts
from .loaders.model import ArticleFacts
from .loaders.reading import ArticleError, InputProblem, find_articles, read_article


@dataclass
class BuildReport:
    articles: int = 0
    triples: int = 0  # quads written for the articles of this build
    people: set[str] = field(default_factory=set)
    posts: set[tuple] = field(default_factory=set)
    events: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    without_facts: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def facts_from_file(path: str | Path) -> ArticleFacts:
    """Read and extract one file (a pure function of the file's bytes); raises ArticleError."""
    return extract_facts(read_article(path))


def build(paths: Iterable[str | Path], store: GraphStore, *,
          progress: Callable[[Path], None] | None = None,
          files: list[Path] | None = None) -> BuildReport:
    """Load every article under ``paths`` into ``store``, one named graph each; keep going past bad files."""
    report = BuildReport()
    if files is None:
        files, problems = find_articles(list(paths))
        report.problems.extend(problems)
    seen_ids: dict[str, Path] = {}
    for path in files:
        try:
            facts = facts_from_file(path)
        except ArticleError as exc:
            report.problems.append(InputProblem(str(path), str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - an extractor bug must not cost the other articles
            report.problems.append(InputProblem(str(path), f"internal error while extracting ({type(exc).__name__}: {exc}); please report it"))
            continue
        finally:
            if progress:
                progress(path)
        article_id = facts.document.article_id
        if article_id in seen_ids:
            report.duplicates.append(f"{path}: same article id as {seen_ids[article_id]}; it replaces it")
        seen_ids[article_id] = path
        quads = article_quads(facts)
        store.replace_graph(article_iri(article_id), quads)
        report.articles += 1
        report.triples += len(quads)
        report.people.update(p.name for p in facts.people)
        report.people.update(a.name for a in facts.authors)
        report.posts.update((h.person, h.role, h.organization, h.jurisdiction.label if h.jurisdiction else "")
                            for h in facts.posts)
        report.events += len(facts.events)
        if facts.is_empty:
            report.without_facts.append(str(path))
    store.flush()
    return report
