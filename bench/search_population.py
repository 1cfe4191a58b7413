"""Surname frequencies for the search benchmark's synthetic population.

Faker's US surname list is the 1,000 most common census surnames with their
shares renormalized to sum to one, so its Smith is 2.17 % of people; the 2010
Census counts 828 Smiths per 100,000 (0.83 %): the top 1,000 names are about
38 % of people and the rest carry one of millions of rarer surnames. Drawn
from Faker's list alone, a 100,000-person file holds about seven times as many
exact namesakes (same given name and surname) as a real one.

``CensusSurnames`` keeps Faker's list at its census shares and draws the other
62 % from a Zipf tail (the share of the surname ranked r falls as 1/r, which is
how census surname counts fall past the head), each tail rank spelled as a
synthetic surname stitched from the start of one listed surname and the end of
another ("Hend" + "erson"), so typos and near neighbours behave as real ones.
"""

from __future__ import annotations

import math
import random
from itertools import accumulate

from faker.providers.person.en_US import Provider as PersonNames

CENSUS_SMITH_SHARE = 0.00828  # 2010 Census: 828.19 Smiths per 100,000 people


class CensusSurnames:
    """Draw surnames with census-like frequencies (head from Faker, Zipf tail)."""

    def __init__(self) -> None:
        listed = dict(PersonNames.last_names)
        self.head = list(listed)
        self.head_cumulative = list(accumulate(listed.values()))
        scale = CENSUS_SMITH_SHARE / listed["Smith"]
        self.head_share = min(1.0, scale * sum(listed.values()))
        last_share = scale * min(listed.values())  # the 1,000th name's census share
        # sum_{r>1000}^{R} last_share * 1000 / r = 1 - head_share  =>  ln(R / 1000)
        self.log_span = (1.0 - self.head_share) / (last_share * len(listed))
        self._tail: dict[int, str] = {}

    def draw(self, rng: random.Random) -> str:
        if rng.random() < self.head_share:
            return rng.choices(self.head, cum_weights=self.head_cumulative)[0]
        rank = int(len(self.head) * math.exp(rng.random() * self.log_span))
        return self.tail_name(rank)

    def tail_name(self, rank: int) -> str:
        """The synthetic surname at a tail rank: the same rank, the same name."""
        name = self._tail.get(rank)
        if name is None:
            spell = random.Random(rank)
            start = spell.choice(self.head)[:spell.randint(2, 4)]
            end = spell.choice(self.head)
            end = end[max(1, len(end) - spell.randint(3, 5)):]
            name = self._tail[rank] = (start + end).capitalize()
        return name
