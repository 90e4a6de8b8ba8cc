"""Every tuning knob (thresholds, weights) in one frozen object, passed as `settings=`.

The report footer shows the values used, so a reader can reproduce a result.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from compare.records import fast_pickled


@fast_pickled
@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Tuning knobs with their defaults; scores run 0-100."""

    # --- ingest
    max_input_bytes: int = 50 * 1024 * 1024  # larger inputs are refused

    # --- align: sections
    heading_weight: float = 0.35  # share of the section score from heading similarity
    content_weight: float = 0.55  # share from content similarity
    position_weight: float = 0.10  # share from relative position
    section_cutoff: float = 30.0  # pairs scoring below this are not matched
    split_cutoff: float = 20.0  # share of content (IDF-weighted) found in a matched section
    # that makes an unmatched section split from / merged into it (unrelated text: < 10)
    split_tolerance: float = 10.0  # a subsection this close to its parent's share is named instead
    heading_noise: float = 30.0  # heading similarity below this counts as 0 (shared stock words)
    similar_heading: float = 50.0  # heading similarity that counts as "similar heading" evidence
    similar_content: float = 25.0  # content similarity that counts as "similar content" evidence
    content_scale: float = 30.0  # content similarity (IDF cosine of n-grams) that counts as 100
    sole_content: float = 15.0  # content similarity that pairs the only subsection left
    # unmatched under each of a matched pair (unrelated ones in that place: 10 at most)
    leftover_rounds: int = 2  # passes matching leftover sections anywhere (changed parent)
    window: int = 200  # big documents: look for a counterpart only among this many sections (or
    # section pairs, for moved sentences) around its expected place, so cost stays linear

    # --- align: sentences
    sentence_cutoff: float = 55.0  # sentences below this similarity are added + removed
    moved_cutoff: float = 85.0  # an unmatched sentence this similar elsewhere is "moved"
    sole_sentence_cutoff: float = 40.0  # similarity that pairs the only old and the only new
    # sentence left between the same two pairs in order
    sentence_move_penalty: float = 5.0  # taken off a sentence pair's score that breaks the order
    sentence_content_check: float = 70.0  # Chinese sentences less alike than this pair only
    # when they share sentence_content_cutoff of their content
    sentence_content_cutoff: float = 22.0  # IDF-weighted cosine of character bigrams (0-100):
    # sentences sharing stock words only (加强…工作) are unrelated (corpus: wrong pairs 18.5
    # at most, right ones 28 at least)

    # --- metrics
    metric_cutoff: float = 51.0  # label similarity needed to match two metrics
    metric_latin_cutoff: float = 60.0  # ... of labels in ASCII letters outside aligned sentences:
    # English phrases are alike by their common words alone (the Company, in the amount of):
    # 1.9% of pairs of a 10-K's labels drawn at random reach 51, 1.0% 60 (Chinese: 1.2%, 1.1%)
    # Match score of two figures (0-100): label similarity times this weight, plus the bonuses
    # below. Position weighs heavily: a figure in the sentence aligned with the old one's
    # sentence is very likely the same figure, whatever its label says.
    metric_label_weight: float = 0.5
    metric_sentence_weight: float = 30.0  # both figures in an aligned sentence pair
    metric_ordinal_weight: float = 10.0  # ... and at the same place among its comparable figures
    metric_value_weight: float = 10.0  # same value
    metric_position_weight: float = 1.0  # squared penalty for figures at opposite ends (tie-break)
    metric_global_cutoff: float = 95.0  # label similarity for figures that left their section
    metric_magnitude_limit: float = 10.0  # figures paired by a similar (not near-identical)
    # label alone are not the same figure when one is this many times the other, or more

    def as_dict(self) -> dict[str, Any]:
        """Return the settings as a plain dict (for JSON and the report footer)."""
        return asdict(self)
