"""The whole flow for one article or a stream: clean, check language, parse, code.

``extract(text)`` codes one text; ``extract_many(articles)`` streams many through
``nlp.pipe`` in batches. Both return :class:`~eventwire.records.Event` records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .coding import EventCoder
from .coding.case import Truecaser, case_of, lexicon_of
from .coding.coder import COUNTERPART_DEFAULT, MAX_SENTENCE_TOKENS, PROPOSER_DEFAULT
from .ingest import clean_article
from .ingest.limits import (
    MAX_ARTICLE_CHARS,
    MAX_ARTICLE_TOKENS,
    MAX_RUN_CHARS,
    MAX_TITLE_CHARS,
    blank_long_runs,
    cut,
    one_line,
    sanitise,
    token_cut,
)
from .nlp import load_nlp
from .records import Actor, Article, Event

log = logging.getLogger("eventwire")

_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_ENGLISH = frozenset("the of and to in a is that for on with said was by as at from has it "
                     "its be are were an have will not this which over near after into "
                     "against but or who would could had been their his her they he she "
                     "about than also".split())
#: below this many words a text is too short to judge: "Nato allies expressed concern over
#: Russia's troop build-up near Ukraine" has few function words and is English
_JUDGED_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """A cheap check on function words: False for text that is clearly not English."""
    words = _WORD.findall(text[:3000].lower())
    if len(words) < _JUDGED_WORDS:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.08


class Extractor:
    """Holds the parser and the coder; one per process is enough.

    ``truecase=False`` parses lower-case and all-capitals text as it is (for measuring
    what case repair does); ``veto=False`` codes with the rules alone, without the learned
    veto of :mod:`eventwire.coding.veto` (for measuring what it does); ``proposer`` switches
    the learned proposer of :mod:`eventwire.coding.proposer` (events the rules miss) on or
    off, ``counterpart`` the learned counterpart model of :mod:`eventwire.coding.counterpart`
    (the country of a side the sentence leaves unnamed). A given ``coder`` keeps its own
    settings."""

    def __init__(self, nlp: Language | None = None, coder: EventCoder | None = None, *,
                 truecase: bool = True, veto: bool = True,
                 proposer: bool = PROPOSER_DEFAULT,
                 counterpart: bool = COUNTERPART_DEFAULT) -> None:
        self._nlp = nlp
        self.coder = coder or EventCoder(veto=veto, proposer=proposer, counterpart=counterpart)
        self.truecase = truecase

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (the bundled model is loaded on first use)."""
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def prepare(self, article: Article) -> Article | None:
        """Clean an article and check its language; None (with a warning) to skip it.

        The work is bounded first (see :mod:`eventwire.ingest.limits`): text and title
        are cut to their caps (one warning), and in the text to parse, every run of more
        than ``MAX_RUN_CHARS`` non-space characters is blanked to spaces, which keeps
        every offset.
        """
        article = bounded(article)
        if article.clean_text is None:
            article = clean_article(article)
        body, runs = blank_long_runs(article.body)
        if not body.strip():
            return None
        if not looks_english(body):
            log.warning("%s: skipped: text does not look like English", _name(article))
            return None
        title, title_runs = blank_long_runs(article.title) if article.title else (None, 0)
        if runs or title_runs:
            log.warning("%s: blanked %d run(s) of over %d characters without a space "
                        "before parsing", _name(article), runs + title_runs, MAX_RUN_CHARS)
        end = token_cut(body)
        if end is not None:  # the rest is blanked: offsets stay as they are
            body = body[:end] + " " * (len(body) - end)
            log.warning("%s: parsed only the first %d tokens (words and punctuation marks, "
                        "%d characters); the rest is not coded", _name(article),
                        MAX_ARTICLE_TOKENS, end)
        return dataclasses.replace(article, language="en", clean_text=body, title=title)

    def cased(self, text: str) -> str:
        """The text the parser reads: text set wholly in lower case or in capitals gets its
        capitals back first (:mod:`eventwire.coding.case`; same length, same offsets)."""
        return self.truecaser(text) if self.truecase and case_of(text) else text

    @functools.cached_property
    def truecaser(self) -> Truecaser:
        gazetteer = self.coder.resolver.gazetteer

        def towns(name: str) -> int:
            return max((p.population for p in gazetteer.candidates(name)), default=0)

        return Truecaser(self.coder.resolver.kb, towns, lexicon_of(self.nlp))

    def _parsed(self, articles: Iterable[Article], batch_size: int = 32
                ) -> Iterator[tuple[Article, Article | None, Doc | None]]:
        """Each article as read, prepared (None when skipped) and parsed, in order."""
        prepared = ((a, self.prepare(a)) for a in articles)
        texts = (((self.cased(article.body) if article else ""), (original, article))
                 for original, article in prepared)
        for doc, (original, article) in self.nlp.pipe(texts, as_tuples=True,
                                                      batch_size=batch_size):
            yield original, article, (doc if article is not None else None)

    def actor_mentions(self, articles: Iterable[Article]
                       ) -> Iterator[tuple[Article, list[Actor]]]:
        """The named actors of each article (people, organizations, places, nationalities),
        resolved with the article's date and context; unknown names are left out."""
        for original, article, doc in self._parsed(articles):
            if article is None or doc is None:
                yield original, []
                continue
            ctx = self.coder.context_for(article)
            found: list[Actor] = []
            for ent in doc.ents:
                if ent.label_ not in _ACTOR_ENTS or (ctx.skip and ent.start_char in ctx.skip):
                    continue
                actor = self.coder.resolver.resolve(ent.text, date=ctx.published,
                                                    background=ctx.context, memory=ctx.memory)
                if actor is not None:
                    found.append(actor)
            yield article, found

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles; yields each article with its events, in order."""
        for original, article, doc in self._parsed(articles, batch_size):
            if article is None or doc is None:
                yield original, []
                continue
            long = [len(sent) for sent in doc.sents if len(sent) > MAX_SENTENCE_TOKENS]
            if long:
                log.warning("%s: skipped %d sentence(s) of over %d tokens (the longest: %d)",
                            _name(article), len(long), MAX_SENTENCE_TOKENS, max(long))
            ctx = self.coder.context_for(article)
            events = []
            if article.title:
                events.extend(self.coder.code_doc(self.nlp(self.cased(article.title)), ctx,
                                                  headline=True))
            events.extend(self.coder.code_doc(doc, ctx))
            yield article, events


def bounded(article: Article) -> Article:
    """``article`` with text and title sanitised and cut to their caps (one warning)."""
    text, text_cut = cut(sanitise(article.text), MAX_ARTICLE_CHARS)
    title, title_cut = cut(sanitise(article.title), MAX_TITLE_CHARS) if article.title \
        else (article.title, False)
    if text == article.text and title == article.title:
        return article
    cuts = [f"the {name} to {limit} characters" for name, done, limit in (
        ("text", text_cut, MAX_ARTICLE_CHARS), ("title", title_cut, MAX_TITLE_CHARS)) if done]
    if cuts:
        log.warning("%s: cut %s (the cap on one article); the rest is not coded",
                    _name(article), " and ".join(cuts))
    clean = article.clean_text
    if clean is not None and text != article.text:
        clean = None  # cleaned again from the text as cut
    return dataclasses.replace(article, text=text, title=title, clean_text=clean,
                               kept=() if clean is None else article.kept,
                               dropped=() if clean is None else article.dropped,
                               dateline=None if clean is None else article.dateline)


def _name(article: Article) -> str:
    """The article in a message: its file and record when it came from one, else its id."""
    if article.source_path:
        where = article.source_path
        if article.source_record:
            where += f":{article.source_record}"
    else:
        where = article.id
    return one_line(where, 300)


@functools.cache
def default_extractor() -> Extractor:
    """The process-wide extractor (the model loads once, on first use)."""
    return Extractor()


def extract(text: str, *, published: dt.date | str | None = None, outlet: str | None = None,
            id: str = "text", title: str | None = None) -> list[Event]:
    """Code one text: the events it reports, each with its evidence."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = Article(id=id, text=text, title=title, outlet=outlet, published=published)
    return list(extract_many([article]))


def extract_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Event]:
    """Code a stream of articles with batched parsing; yields events in article order."""
    for _, events in default_extractor().extract_many(articles, batch_size=batch_size):
        yield from events
