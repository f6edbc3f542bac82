"""Clutter cleaning: the rules as data, each clutter kind, real paragraphs kept, offsets exact."""

from __future__ import annotations

import collections
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import DataError
from eventwire.ingest import clean_article, clean_lines, compile_rules, default_rules
from eventwire.records import Article


def joined(article: Article) -> str:
    return "\n".join(article.text[s.start : s.end] for s in article.kept)


# --- the rules file ---------------------------------------------------------------------------


def test_bundled_rules_are_valid_and_commented():
    rules = default_rules()
    assert len(rules.rules) >= 15
    assert all(rule.comment for rule in rules.rules)
    assert len({rule.name for rule in rules.rules}) == len(rules.rules)
    assert rules.headline is not None and rules.headline.name == "related_headline"


GOOD_RULE = {"name": "ad", "comment": "ads", "pattern": "Advertisement"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "expected a mapping"),
        ({"rules": [GOOD_RULE], "extra": 1}, "unknown keys"),
        ({"rules": ["Advertisement"]}, "expected a mapping"),
        ({"rules": [{**GOOD_RULE, "comment": ""}]}, "needs a 'comment'"),
        ({"rules": [{**GOOD_RULE, "name": "Bad Name"}]}, "snake_case"),
        ({"rules": [GOOD_RULE, GOOD_RULE]}, "duplicate rule name"),
        ({"rules": [{**GOOD_RULE, "pattern": "(unclosed"}]}, "not a valid regular expression"),
        ({"rules": [{**GOOD_RULE, "pattern": ".*"}]}, "matches the empty line"),
        ({"rules": [{**GOOD_RULE, "max_length": 0}]}, "'max_length' must be a positive integer"),
        ({"rules": [{**GOOD_RULE, "flags": "i"}]}, "unknown keys ['flags']"),
        ({"rules": [], "headline": {"minor_words": [True]}}, "'minor_words' must be a list"),
        ({"rules": [], "headline": {"min_capitalised": 2}}, "'min_capitalised' must be"),
    ],
)
def test_malformed_rules_are_rejected(raw, message):
    with pytest.raises(DataError, match="clutter.yaml") as info:
        compile_rules(raw)
    assert message in str(info.value)


def test_custom_rules_are_used():
    rules = compile_rules({"rules": [GOOD_RULE]})
    lines = clean_lines("Story.\nAdvertisement\nShare", rules=rules)
    assert [(line.text, line.reason) for line in lines] == [
        ("Story.", None),
        ("Advertisement", "ad"),
        ("Share", None),
    ]


# --- each kind of clutter ---------------------------------------------------------------------

CLUTTER = [
    ("© Sputnik / Ivan Ivanov / Go to the mediabank", "credit_line"),
    ("© AP Photo / Hassan Ammar", "credit_line"),
    ("Copyright 2017 Example News", "credit_line"),
    ("Photo: Reuters", "photo_label"),
    ("File photo: Syrian soldiers near Aleppo", "photo_label"),
    ("Smoke over the base (Photo by John Doe/AFP via Getty Images)", "photo_by"),
    ("(Photo by Jane Roe /AFP via Getty Images)", "photo_by"),
    ("REUTERS/Omar Sanadiki", "agency_credit"),
    ("Image caption Rescue workers at the site of the strike", "image_caption"),
    ("Image copyright Getty Images", "image_caption"),
    ("Share", "share_prompt"),
    ("Share this article", "share_prompt"),
    ("Share on Facebook", "share_prompt"),
    ("Facebook Twitter Email", "social_buttons"),
    ("Tweet | WhatsApp | Telegram", "social_buttons"),
    ("Advertisement", "advertisement"),
    ("ADVERTISING", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("3 min read", "reading_time"),
    ("Reading time: 4 minutes", "reading_time"),
    ("Updated at: 27 May 2019, 16:20", "timestamp_line"),
    ("Published: March 06, 2020 08:45", "timestamp_line"),
    ("Last updated on April 7, 2017", "timestamp_line"),
    ("All news", "navigation"),
    ("Most read", "navigation"),
    ("Read more: Russia and Turkey agree to joint patrols", "read_more"),
    ("Related: Trump weighs options on Syria", "read_more"),
    ("READ ALSO", "read_more"),
    ("Tags: Syria, Russia, US", "tags_line"),
    ("Comments on this article are moderated. Please be civil.", "comment_policy"),
    ("We reserve the right to remove comments that break our rules.", "comment_policy"),
    ("Comments are closed.", "comment_policy"),
    ("Your trusted source of Gulf and world news", "site_slogan"),
    ("News you can trust", "site_slogan"),
    ("Subscribe to our daily newsletter", "subscription_prompt"),
    ("Sign up for the morning briefing", "subscription_prompt"),
    ("Follow us on Telegram", "subscription_prompt"),
    ("We use cookies to improve your experience on our site.", "cookie_notice"),
    ("Accept all", "cookie_notice"),
    ("Manage preferences", "cookie_notice"),
    ("All rights reserved.", "rights_footer"),
    ("Terms of use | Privacy policy", "rights_footer"),
    ("(Reporting by Jane Roe; Editing by John Doe)", "wire_signoff"),
    ("Associated Press writer John Doe in Rome contributed to this report.", "contributor_note"),
    ("___", "separator"),
    ("By Anna Petrova", "byline"),
]


@pytest.mark.parametrize(("line", "rule"), CLUTTER)
def test_clutter_line_is_dropped(line, rule):
    text = f"The ministers met in Moscow on Tuesday.\n  {line}  \nThey agreed to meet again."
    lines = clean_lines(text)
    assert [(cl.text, cl.kept, cl.reason) for cl in lines][1] == (line, False, rule)
    assert [cl.kept for cl in lines] == [True, False, True]


STORY_LINES = [
    "He declined to comment.",
    "Talks will resume on Monday.",
    "Share prices fell sharply in Moscow on Tuesday after the announcement.",
    "Published reports said the talks in Geneva had failed.",
    "Advertisements for the rally appeared across the capital on Friday.",
    "Read more carefully, the statement left room for compromise, diplomats said.",
    "By Tuesday, Russian forces had withdrawn from the town, the ministry said.",
    "Related talks in Vienna ended without agreement.",
    "Comments by the minister drew a sharp response from Ankara.",
    "Photographs of the meeting were released by the Kremlin.",
    "Copyright law was not discussed at the summit, officials said.",
    "Iran said it would not accept new conditions.",
    '"We will respond," he said.',
    'The Syrian army said six people were killed and described the strike as "blatant aggression". '
    "A military source quoted by state media said the base had been evacuated in advance. " * 3,
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_story_line_is_kept(line):
    text = f"The ministers met in Moscow on Tuesday.\n{line}\nThey agreed to meet again."
    assert [cl.kept for cl in clean_lines(text)] == [True, True, True]


# --- related headlines ------------------------------------------------------------------------


def test_related_headline_between_paragraphs_is_dropped():
    text = (
        "Russia and Turkey agreed a ceasefire on Thursday.\n"
        "Turkey Vows Response After Idlib Attack\n"
        "Kremlin Says Talks Will Continue in March\n"
        "The ceasefire took effect at midnight."
    )
    lines = clean_lines(text)
    assert [cl.reason for cl in lines] == [None, "related_headline", "related_headline", None]


@pytest.mark.parametrize(
    "text",
    [
        # the first line (a title) is never a related headline
        "Turkey Vows Response After Idlib Attack\nThe ceasefire took effect at midnight.\nMore.",
        # nor the last line
        "The ceasefire took effect at midnight.\nTurkey Vows Response After Idlib Attack",
        # a short real paragraph ends in punctuation
        "The ceasefire took effect.\nTurkey Vows a Response.\nThe talks went on.",
        # the line before is not a finished paragraph (a subheading run or a list)
        "Intro line without a stop\nTurkey Vows Response After Idlib Attack\nThe talks went on.",
        # sentence case is not title case
        "The ceasefire took effect.\nTurkey vows response after the attack in Idlib\nThe talks.",
        # two words are too few
        "The ceasefire took effect.\nIdlib Truce\nThe talks went on.",
    ],
)
def test_related_headline_rule_spares_real_lines(text):
    assert all(cl.kept for cl in clean_lines(text))


def test_the_title_repeated_in_the_body_is_kept():
    text = "Intro paragraph.\nRussia Turkey Agree Idlib Ceasefire\nThe ceasefire took effect."
    assert all(cl.kept for cl in clean_lines(text, title="Russia Turkey Agree Idlib Ceasefire"))


# --- the examples -----------------------------------------------------------------------------

DROPPED_IN_EXAMPLES = [
    ("tass-2017-04-11-lavrov-tillerson", "Updated at: 11 APR 2017, 14:32", "timestamp_line"),
    ("tass-2017-04-11-lavrov-tillerson", "Read also", "read_more"),
    ("tass-2017-04-11-lavrov-tillerson",
     "Kremlin Says No Decision Yet on Putin Meeting With US Envoy", "related_headline"),
    ("tass-2017-04-11-lavrov-tillerson", "All news", "navigation"),
    ("reuters-2017-04-07-shayrat-strike",
     "(Reporting by Laila Haddad in Beirut and Tom Reeves in Washington; Editing by Mark Hollis)",
     "wire_signoff"),
    ("sputnik-2017-04-07-shayrat-strike", "© Sputnik / Ivan Ivanov / Go to the mediabank",
     "credit_line"),
    ("sputnik-2017-04-07-shayrat-strike", "Advertisement", "advertisement"),
    ("sputnik-2017-04-07-shayrat-strike", "Join our Telegram channel", "subscription_prompt"),
    ("worlddispatch-2017-04-07-shayrat-strike", "3 min read", "reading_time"),
    ("worlddispatch-2017-04-07-shayrat-strike", "Share this article", "share_prompt"),
    ("worlddispatch-2017-04-07-shayrat-strike",
     "A US Navy destroyer in the Mediterranean Sea (Photo by Ellen Ward/AFP via Getty Images)",
     "photo_by"),
    ("worlddispatch-2017-04-07-shayrat-strike",
     "Related: Trump weighs options on Syria after gas attack", "read_more"),
    ("worlddispatch-2017-04-07-shayrat-strike",
     "Comments on this article are moderated. Please keep the discussion civil and on topic.",
     "comment_policy"),
    ("worlddispatch-2017-04-07-shayrat-strike", "Your trusted source of world news since 1998",
     "site_slogan"),
    ("ap-2017-04-11-g7-lucca",
     "Associated Press writer Paolo Rinaldi in Rome contributed to this report.",
     "contributor_note"),
    ("euroaffairs-2021-06-24-eu-sanctions-belarus", "Facebook Twitter Email", "social_buttons"),
    ("euroaffairs-2021-06-24-eu-sanctions-belarus", "Tags: EU, Belarus, sanctions", "tags_line"),
    ("gulfmonitor-2020-03-06-idlib-ceasefire", "Your trusted source of Gulf and world news",
     "site_slogan"),
    ("gulfmonitor-2020-03-06-idlib-ceasefire", "Turkey Vows Response After Idlib Attack",
     "related_headline"),
    ("afp-2018-03-03-le-drian-tehran", "© 2018 AFP", "credit_line"),
    ("tass-2019-05-27-lavrov-idlib",
     "Russian Military Reports New Drone Attacks on Hmeymim Airbase", "related_headline"),
    ("tass-2018-02-13-bogdanov-de-mistura", "Moscow Checks Reports of Casualties Near Deir ez-Zor",
     "related_headline"),
    ("ap-2024-01-04-blinken-trip", "___", "separator"),
    ("reuters-2019-01-05-ankara-manbij",
     "(Reporting by Ece Demir; Writing by Daniel Marsh; Editing by Helen Park)", "wire_signoff"),
]  # fmt: skip


@pytest.mark.parametrize(("article_id", "line", "rule"), DROPPED_IN_EXAMPLES)
def test_example_clutter_is_dropped(ingest_example_articles, article_id, line, rule):
    article = clean_article(ingest_example_articles[article_id])
    assert (line, rule) in [(d.text, d.reason) for d in article.dropped]
    assert line not in (article.clean_text or "").split("\n")


KEPT_IN_EXAMPLES = [
    ("tass-2017-04-11-lavrov-tillerson", "Lavrov added that Moscow did not reject the proposal"),
    ("sputnik-2017-04-07-shayrat-strike", "Damascus reportedly handed over its chemical weapons"),
    ("worlddispatch-2017-04-07-shayrat-strike", "The US launched dozens of cruise missiles"),
    ("ap-2017-04-11-g7-lucca", "LUCCA, Italy (AP) — Foreign ministers from the Group of Seven"),
    ("euroaffairs-2021-06-24-eu-sanctions-belarus", "BRUSSELS — The European Union on Thursday"),
    ("gulfmonitor-2020-03-06-idlib-ceasefire", "Putin said he hoped the deal would serve"),
    (
        "ap-2024-01-04-blinken-trip",
        '"It is not in anyone\'s interest for this conflict to spread,"',
    ),
]


@pytest.mark.parametrize(("article_id", "start"), KEPT_IN_EXAMPLES)
def test_example_story_paragraphs_are_kept(ingest_example_articles, article_id, start):
    article = clean_article(ingest_example_articles[article_id])
    assert any(line.startswith(start) for line in (article.clean_text or "").split("\n"))


def test_every_example_keeps_only_story_paragraphs(ingest_example_articles):
    """In the examples every story paragraph is a sentence of 12+ words; all else is clutter."""
    for article in map(clean_article, ingest_example_articles.values()):
        story = [ln.strip() for ln in article.text.split("\n") if len(ln.split()) >= 12]
        story = [ln for ln in story if ln[-1] in '."”' and not ln.startswith(("Comments", "We "))]
        assert (article.clean_text or "").split("\n") == story, article.id
        assert joined(article) == article.clean_text


def test_clean_article_returns_a_filled_copy(ingest_example_articles):
    original = ingest_example_articles["sputnik-2017-04-07-shayrat-strike"]
    cleaned = clean_article(original)
    assert original.clean_text is None and original.kept == () and original.dropped == ()
    assert cleaned.text == original.text and cleaned.id == original.id
    assert cleaned.body == cleaned.clean_text
    assert all(not d.kept and d.reason for d in cleaned.dropped)
    assert (
        dataclasses.replace(cleaned, clean_text=None, kept=(), dropped=(), dateline=None)
        == original
    )


def test_blank_lines_are_neither_kept_nor_reported():
    article = clean_article(Article(id="x", text="\n\n  One.  \n\t\n\nTwo.\n"))
    assert article.clean_text == "One.\nTwo."
    assert article.dropped == ()
    assert joined(article) == article.clean_text


# --- offsets: a property over random text with clutter ----------------------------------------

CLUTTER_SAMPLES = [line for line, _ in CLUTTER]
noise = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=60
)
padding = st.sampled_from(["", " ", "\t", "  ", "\u00a0", "\r"])


@st.composite
def texts_with_clutter(draw: st.DrawFn) -> tuple[str, list[str]]:
    lines: list[str] = []
    clutter: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            line = draw(st.sampled_from(CLUTTER_SAMPLES))
            clutter.append(line)
            lines.append(draw(padding) + line + draw(padding))
        else:
            lines.append(draw(noise))
    return "\n".join(lines), clutter


@settings(max_examples=200, deadline=None)
@given(texts_with_clutter())
def test_kept_spans_rebuild_clean_text(case):
    text, clutter = case
    article = clean_article(Article(id="h", text=text))
    assert joined(article) == article.clean_text
    dropped = [d.text for d in article.dropped]
    assert not collections.Counter(clutter) - collections.Counter(dropped)  # all clutter dropped
    for line in article.dropped:
        assert text[line.span.start : line.span.end] == line.text
    kept_and_dropped = sorted(
        [*article.kept, *(d.span for d in article.dropped)], key=lambda s: s.start
    )
    assert all(
        a.end < b.start for a, b in zip(kept_and_dropped, kept_and_dropped[1:], strict=False)
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_kept_spans_rebuild_clean_text_on_any_text(text):
    article = clean_article(Article(id="h", text=text))
    assert joined(article) == article.clean_text
    assert all(text[s.start : s.end] == text[s.start : s.end].strip() != "" for s in article.kept)
