"""The dictionary, the suggestions and the gazetteer, measured on real word lists."""

from __future__ import annotations

import json
import random

from editor_app.checks.gazetteer import gazetteer
from editor_app.checks.lexicon import speller, suggester
from tests.helpers.shared import shared_path


def test_recall_on_the_common_misspellings_list() -> None:
    """Share of the Wikipedia common misspellings flagged, and share whose first suggestion is right."""
    data: dict[str, str] = json.loads(
        shared_path("fixtures", "wordlists", "wikipedia-common-misspellings.json").read_text(encoding="utf-8")
    )
    sp, sg = speller(), suggester()
    flagged = first = top5 = 0
    for wrong, right in data.items():
        if sp.ok(wrong):
            continue
        flagged += 1
        corrections = right.split(",")
        suggestions = sg.suggest(wrong)
        first += bool(suggestions) and suggestions[0] in corrections
        top5 += any(s in corrections for s in suggestions[:5])
    n = len(data)
    print(f"\nflagged {flagged / n:.3f}, first suggestion right {first / n:.3f}, in top five {top5 / n:.3f}")
    assert flagged / n >= 0.98
    assert first / n >= 0.80
    assert top5 / n >= 0.88


def test_the_fast_word_set_holds_only_words_hunspell_accepts() -> None:
    sp = speller()
    sample = random.Random(1).sample(sorted(sp.words), 3000)
    assert len(sp.words) > 100_000
    assert all(sp.hunspell_ok(w) for w in sample)


def test_case_rules() -> None:
    sp = speller()
    assert sp.ok("space")
    assert sp.ok("Space")
    assert sp.ok("SPACE")
    assert sp.ok("Kazakhstan")
    assert not sp.ok("kazakhstan")
    assert sp.ok("it's")
    assert sp.ok("it’s")
    assert not sp.ok("Kazahkstan")


def test_accepted_words_from_the_desk_list() -> None:
    assert speller().ok("livestream")
    assert speller().ok("Livestream")


def test_gazetteer_finds_slips_of_known_names_only() -> None:
    g = gazetteer()
    assert g.closest("Kazahkstan")[0] == "Kazakhstan"
    assert g.closest("Moskow")[0] == "Moscow"
    assert g.knows("Roscosmos")
    assert g.knows("Baikonur")
    for name in ("Peresild", "Shipenko", "Shkaplerov", "Yulia", "Rogozin", "Dmitry"):
        assert g.closest(name) == [], name


def test_capitalised_suggestions_keep_their_case() -> None:
    assert suggester().suggest("Febuary")[0] == "February"
    assert suggester().suggest("definately")[0] == "definitely"
