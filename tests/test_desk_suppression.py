"""Small-count suppression: the edge cases, and a brute-force reader who knows every published
figure, every sum and what "<5" and "–" mean, and still cannot pin down a suppressed figure."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.desk.charts import bar_chart
from webapp.desk.statistics import TOTAL, build_statistics
from webapp.desk.suppression import HIDDEN, SHOWN, SMALL, WITHHELD, Relation, display, suppress

T = 5


def feasible_values(values, marks, relations, positive=frozenset(), limit=None):
    """Every value each unknown figure can take in some assignment consistent with what is
    published (exhaustive search with the sums as constraints). Withheld rows are not
    published at all: the reader knows neither them nor the sums they belong to."""
    limit = limit or (max(values.values()) + T)  # every figure is at most the largest total
    relations = [r for r in relations if all(marks[k] != WITHHELD for k in (*r.parts, r.whole))]
    marks = {k: m for k, m in marks.items() if m != WITHHELD}
    domains = {}
    for key, mark in marks.items():
        if mark == SHOWN:
            domains[key] = [values[key]]
        elif mark == SMALL:
            domains[key] = list(range(1 if key in positive else 0, T))
        else:
            domains[key] = list(range(T, limit + 1))
    order = sorted((k for k in marks if marks[k] != SHOWN), key=lambda k: len(domains[k]))
    seen = {key: set() for key in order}
    assignment = {k: values[k] for k in marks if marks[k] == SHOWN}

    def consistent():
        for relation in relations:
            items = (*relation.parts, relation.whole)
            if all(i in assignment for i in items):
                if sum(assignment[p] for p in relation.parts) != assignment[relation.whole]:
                    return False
            elif all(i in assignment for i in relation.parts):
                if sum(assignment[p] for p in relation.parts) > max(domains[relation.whole]):
                    return False
        return True

    def search(index):
        if index == len(order):
            for key in order:
                seen[key].add(assignment[key])
            return
        key = order[index]
        for value in domains[key]:
            assignment[key] = value
            if consistent():
                search(index + 1)
            del assignment[key]

    search(0)
    return seen


def assert_protected(values, relations, positive=frozenset()):
    marks = suppress(values, relations, T, positive)
    for key, value in values.items():
        if marks[key] != WITHHELD:
            assert (marks[key] == SMALL) == (value < T), (key, value, marks[key])
    possible = feasible_values(values, marks, relations, positive)
    for key, found in possible.items():
        assert values[key] in found
        assert len(found) >= 2, f"{key} is pinned to {found} by {marks}"
    return marks


# --- edge cases -----------------------------------------------------------------------------------


def test_nothing_is_suppressed_when_every_count_is_five_or_more():
    values = {"vi": 12, "id": 5, TOTAL: 17}
    assert suppress(values, [Relation(("vi", "id"), TOTAL)]) == {
        "vi": SHOWN,
        "id": SHOWN,
        TOTAL: SHOWN,
    }


def test_a_lone_small_cell_hides_its_total_when_the_total_is_shown_nowhere_else():
    values = {"nov": 12, "dec": 3, "row": 15}
    marks = assert_protected(values, [Relation(("nov", "dec"), "row")])
    assert marks == {"nov": SHOWN, "dec": SMALL, "row": HIDDEN}


def test_a_total_shared_by_several_tables_stays_and_a_cell_is_hidden_instead():
    values = {"vi": 30, "my": 1, "nov": 20, "dec": 11, TOTAL: 31}
    relations = [Relation(("vi", "my"), TOTAL), Relation(("nov", "dec"), TOTAL)]
    marks = assert_protected(values, relations, frozenset(values) - {TOTAL})
    assert marks[TOTAL] == SHOWN and marks["my"] == SMALL and marks["vi"] == HIDDEN
    assert marks["nov"] == marks["dec"] == SHOWN


def test_the_smallest_other_cell_is_the_one_hidden():
    values = {"a": 40, "b": 9, "c": 2, TOTAL: 51}
    relations = [Relation(("a", "b", "c"), TOTAL), Relation(("x",), TOTAL)]
    values["x"] = 51
    marks = assert_protected(values, relations)
    assert marks == {"a": SHOWN, "b": HIDDEN, "c": SMALL, TOTAL: SHOWN, "x": SHOWN}


def test_two_small_cells_that_add_up_to_their_maximum_are_still_protected():
    # 4 + 4 = 8 would give both away ("<5" means at most 4)
    values = {"a": 4, "b": 4, "c": 20, "row": 28}
    marks = assert_protected(values, [Relation(("a", "b", "c"), "row")])
    assert marks["row"] == HIDDEN


def test_zero_cells_are_suppressed_and_cannot_be_read_from_the_total():
    values = {"jan": 0, "feb": 0, "mar": 12, "row": 12}
    marks = assert_protected(values, [Relation(("jan", "feb", "mar"), "row")])
    assert marks["jan"] == marks["feb"] == SMALL and marks["row"] == HIDDEN


def test_a_small_total_suppresses_the_whole_table():
    values = {"vi": 2, "id": 1, TOTAL: 3}
    marks = assert_protected(values, [Relation(("vi", "id"), TOTAL)], frozenset({"vi", "id"}))
    assert set(marks.values()) == {SMALL}


def test_a_single_category_equal_to_a_small_total_is_shown_as_small_only():
    values = {"vi": 3, TOTAL: 3}
    assert suppress(values, [Relation(("vi",), TOTAL)]) == {"vi": SMALL, TOTAL: SMALL}


def test_rows_that_would_give_each_other_away_are_withheld():
    # four languages listed under a total of "<5" would each be exactly one case
    values = {"vi": 1, "id": 1, "my": 1, "km": 1, TOTAL: 4}
    marks = assert_protected(
        values, [Relation(("vi", "id", "my", "km"), TOTAL)], frozenset(values) - {TOTAL}
    )
    assert {marks[k] for k in ("vi", "id", "my", "km")} == {WITHHELD}
    assert marks[TOTAL] == SMALL


def test_display():
    assert [display(7, SHOWN), display(3, SMALL), display(9, HIDDEN)] == ["7", "<5", "–"]


def test_an_empty_table_is_fine():
    assert suppress({TOTAL: 0}, []) == {TOTAL: SMALL}


# --- the whole statistics page --------------------------------------------------------------------


def counts_for(cases):
    """Counter as webapp.store.case_statistics builds it, from (month, language, findings)."""
    counts = Counter()
    for month, language, findings in cases:
        counts.update(
            [
                TOTAL,
                ("month", month),
                ("language", language),
                ("regime", "titp"),
                ("prefecture", "tokyo"),
            ]
        )
        for finding in findings:
            counts.update([("finding", finding), ("finding-month", f"{finding}|{month}")])
    return counts


def test_statistics_suppress_across_all_tables_and_keep_the_number_of_cases():
    cases = (
        [("2026-11", "vi", ["passport"])] * 9
        + [("2026-12", "vi", ["passport", "wage"])] * 6
        + [("2026-12", "my", ["violence"])]
    )
    stats = build_statistics(counts_for(cases))

    assert stats.total.text == "16"
    languages = dict(stats.cases[2].rows)
    assert languages["my"].text == "<5" and languages["vi"].text == "–"
    findings = {f: (cells, total) for f, cells, total in stats.findings.rows}
    assert stats.findings.months == ("2026-11", "2026-12")
    assert [c.text for c in findings["passport"][0]] + [findings["passport"][1].text] == [
        "9",
        "6",
        "15",
    ]
    assert [c.text for c in findings["violence"][0]] == ["<5", "<5"]
    assert [c.text for c in findings["wage"][0]] + [findings["wage"][1].text] == ["<5", "6", "–"]


def test_more_than_twelve_months_are_gathered_into_earlier():
    cases = [(f"2025-{m:02d}", "vi", ["passport"]) for m in range(1, 13)] * 5 + [
        ("2026-01", "vi", ["passport"])
    ] * 5
    stats = build_statistics(counts_for(cases))
    assert stats.findings.months[0] == "earlier" and len(stats.findings.months) == 13
    [(_, cells, total)] = stats.findings.rows
    assert cells[0].value == 5 and total.value == 65


# --- the brute-force reader -----------------------------------------------------------------------

small_counts = st.integers(min_value=1, max_value=12)


@settings(max_examples=120, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=4), st.data())
def test_no_suppressed_figure_of_two_tables_sharing_a_total_can_be_worked_out(first, data):
    total = sum(first)
    cuts = sorted(data.draw(st.lists(st.integers(1, max(total - 1, 1)), max_size=2, unique=True)))
    cuts = [c for c in cuts if 0 < c < total]
    second = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=False)]
    values = {TOTAL: total}
    values.update({("a", i): v for i, v in enumerate(first)})
    values.update({("b", i): v for i, v in enumerate(second)})
    relations = [
        Relation(tuple(("a", i) for i in range(len(first))), TOTAL),
        Relation(tuple(("b", i) for i in range(len(second))), TOTAL),
    ]
    assert_protected(values, relations, frozenset(values) - {TOTAL})


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=4).filter(any))
def test_no_suppressed_figure_of_a_findings_row_can_be_worked_out(cells):
    values = {("cell", i): v for i, v in enumerate(cells)}
    values["row"] = sum(cells)
    assert_protected(
        values, [Relation(tuple(("cell", i) for i in range(len(cells))), "row")], frozenset({"row"})
    )


# --- charts ---------------------------------------------------------------------------------------


def test_a_chart_never_shows_more_than_its_table():
    stats = build_statistics(
        counts_for([("2026-12", "vi", ["a"])] * 20 + [("2026-12", "km", ["a"])] * 2)
    )
    chart = bar_chart("Cases by language", [(code, figure) for code, figure in stats.cases[2].rows])
    bars = {bar.label: bar for bar in chart.bars}
    assert bars["km"].kind == SMALL and bars["km"].text == "<5"
    assert bars["vi"].kind == HIDDEN and bars["vi"].width == 0 and bars["vi"].text == "–"


def test_a_withheld_table_lists_no_rows():
    cases = [("2026-12", language, ["a"]) for language in ("vi", "id", "my", "km")]
    stats = build_statistics(counts_for(cases))
    languages = stats.cases[2]
    assert languages.withheld and languages.rows == ()
    assert stats.total.text == "<5"
