"""The prefecture question in chat: 47 options do not fit 13 buttons, so region first, then
prefecture; typed names work too (questions.py, answers.py).

The eight regions every school map of Japan shows. A prefecture the knowledge lists but this
table does not (there is none today; a test checks) still gets its own group at the end, so no
option is ever unreachable.
"""

from dataclasses import dataclass

from webapp.knowledge.model import Option, Question


def N_(message: str) -> str:
    return message


@dataclass(frozen=True)
class Region:
    id: str
    label: str  # an English msgid, with the Japanese name trainees see on maps and signs
    options: tuple[Option, ...]


REGIONS = (
    ("hokkaido", N_("Hokkaido (北海道)"), ("hokkaido",)),
    (
        "tohoku",
        N_("Tohoku (東北)"),
        ("aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima"),
    ),
    (
        "kanto",
        N_("Kanto (関東)"),
        ("ibaraki", "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa"),
    ),
    (
        "chubu",
        N_("Chubu (中部)"),
        (
            "niigata",
            "toyama",
            "ishikawa",
            "fukui",
            "yamanashi",
            "nagano",
            "gifu",
            "shizuoka",
            "aichi",
        ),
    ),
    ("kinki", N_("Kinki (近畿)"), ("mie", "shiga", "kyoto", "osaka", "hyogo", "nara", "wakayama")),
    (
        "chugoku",
        N_("Chugoku (中国地方)"),
        ("tottori", "shimane", "okayama", "hiroshima", "yamaguchi"),
    ),
    ("shikoku", N_("Shikoku (四国)"), ("tokushima", "kagawa", "ehime", "kochi")),
    (
        "kyushu",
        N_("Kyushu, Okinawa (九州・沖縄)"),
        ("fukuoka", "saga", "nagasaki", "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa"),
    ),
)
OTHER = ("other", N_("Other prefectures"))


def regions(question: Question) -> tuple[Region, ...]:
    """The question's options grouped by region, in map order; empty regions left out."""
    by_id = {option.id: option for option in question.options}
    grouped, placed = [], set()
    for region_id, label, members in REGIONS:
        options = tuple(by_id[m] for m in members if m in by_id)
        placed.update(o.id for o in options)
        if options:
            grouped.append(Region(region_id, label, options))
    rest = tuple(o for o in question.options if o.id not in placed)
    if rest:
        grouped.append(Region(OTHER[0], OTHER[1], rest))
    return tuple(grouped)


def region(question: Question, region_id: str) -> Region | None:
    return next((r for r in regions(question) if r.id == region_id), None)
