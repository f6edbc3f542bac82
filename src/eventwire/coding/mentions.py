"""Readings of a mention that the sentence rules out: names that only look like actors.

The actor data matches words, and some words are two things at once: "Christians" folds to
the surname of a president named Christian. The parser's entity tagger sees the whole
phrase and says what kind of name it is, so a reading that contradicts it is dropped
(:func:`coincidental`): a group of people by religion, nationality or party (entity NORP,
"Christians", "Shia") is never one person -- unless the word is the person's very surname,
which the tagger takes for a people now and then ("Putin met Erdogan and Rouhani"); and a
town that only modifies a noun ("the **Geneva** agreement", "the **Salisbury** attack")
says where, not who; and a word the parser reads as a determiner, pronoun or other
function word is no surname ("**No** one claimed responsibility" names no minister No). (A
first name that is a country, "Jordan Peterson", is the resolver's to refuse:
``ActorResolver._whole_names``.) The tagger of the small model is not trusted
further: it tags "Sri Lanka" a person now and then. But a country or town that is only
a word of a person's name the tagger saw ("Jim **Jordan**", "Mr **Jordan**", "**George**
Washington") is no actor of that state or town.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp import entity_of
from ..records import Actor

#: parts of speech of words that are never a name, though a name may be spelled like one
FUNCTION_TAGS = frozenset({"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})


def coincidental(head: Token, actor: Actor) -> bool:
    """Whether ``actor``, resolved from the phrase headed by ``head``, is a coincidence of
    spelling that the entity tagger contradicts (see the module's docstring)."""
    if actor.kind in ("place", "country") and _part_of_a_persons_name(head, actor):
        return True  # "Jim Jordan", "Mr Jordan", "George Washington": no state, no town
    if actor.kind == "place":
        return head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN"
    if actor.kind == "person" and any(w.text in (actor.name or "").split() and
                                      w.pos_ in FUNCTION_TAGS for w in head.subtree):
        return True  # "No one claimed responsibility": no minister named No
    if head.ent_type_ != "NORP" or actor.kind != "person":
        return False
    # the tagger also mistakes a surname for a people now and then ("Putin met Erdogan and
    # Rouhani"): the person's own surname, written as such, is no coincidence
    surname = (actor.name or "").split()[-1:]
    return head.text not in surname


def _part_of_a_persons_name(head: Token, actor: Actor) -> bool:
    """Whether the country or town ``actor`` names is only a word of a person's name the
    tagger saw: the person entity (with a title before it) has words beyond it."""
    if head.ent_type_ != "PERSON" or not actor.name:
        return False
    ent = entity_of(head)
    words = {t.text for t in ent} | {c.text for t in ent for c in t.children
                                     if c.dep_ == "compound" and c.pos_ == "PROPN"}
    return set(actor.name.split()) < words
