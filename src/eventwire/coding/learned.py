"""The coder's learned parts (issue 12, item 9), each switched on or off: the veto on the
rules' events (:mod:`.veto`), the proposer of events the rules miss (:mod:`.proposer`) and the
counterpart model for a side the sentence leaves unnamed (:mod:`.counterpart`); and the
version the coder stamps on its events, which says which bundled models it used
("0.5.49+veto+proposer+counterpart"; the rules alone: "0.5.49")."""

from __future__ import annotations

import dataclasses

from .counterpart import Counterpart, Inferrer
from .counterpart import versioned as with_counterpart
from .proposer import LearnedProposer, Proposer
from .proposer import versioned as proposed
from .veto import Reviewer, Veto, versioned

#: Whether a coder proposes events with the learned proposer unless told (benchmarks/RESULTS.md)
PROPOSER_DEFAULT = True
#: Whether a coder infers an unnamed side's country with the learned counterpart model unless
#: told (benchmarks/RESULTS.md)
COUNTERPART_DEFAULT = True


@dataclasses.dataclass(frozen=True)
class Learned:
    """The learned parts a coder runs (None: that part is off)."""

    veto: Reviewer | None
    proposer: Proposer | None
    counterpart: Inferrer | None

    @classmethod
    def chosen(cls, veto: Reviewer | bool, proposer: Proposer | bool,
               counterpart: Inferrer | bool) -> Learned:
        """True for the bundled model, False for none, or a part given as it is."""
        return cls(Veto() if veto is True else (veto or None),
                   LearnedProposer() if proposer is True else (proposer or None),
                   Counterpart() if counterpart is True else (counterpart or None))

    def version(self, rules: str) -> str:
        """The coder's version: that of the rules, with a suffix for each bundled model."""
        out = versioned(rules) if isinstance(self.veto, Veto) else rules
        out = proposed(out) if isinstance(self.proposer, LearnedProposer) else out
        return with_counterpart(out) if isinstance(self.counterpart, Counterpart) else out
