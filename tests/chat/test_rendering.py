"""Whatever a conversation returns renders into messages the platforms accept.

The stand-ins' validators (tests/chat/standins.py) are the judge: they count with plain
`regex` \\X and UTF-16, independently of webapp.channels.text_limits.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.channels.events import Call, ChatReply, Choice, Link
from webapp.channels.line.outbound import line_batches
from webapp.channels.messenger.outbound import international_number, messenger_messages

from .standins import _line_messages_errors, _meta_message_problem, clusters

WORDS = [
    "Tiếng Việt",
    "ငါ့ပတ်စ်ပို့",
    "ကုမ္ပဏီ",
    "ក្រុមហ៊ុនរបស់ខ្ញុំ",
    "ស្រី",
    "パスポート",
    "給料",
    "🍎",
    "👋🏻",
    "🇯🇵",
    "a",
    "passport",
    "\n",
    "\n\n",
    " ",
]
text = (
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=1500)
    .map("".join)
    .filter(lambda t: t.strip())
)
label = st.lists(st.sampled_from(WORDS[:10]), min_size=1, max_size=12).map("".join)
data = st.text(alphabet="abcdefghijklmnopqrstuvwxyz:-_0123456789", min_size=1, max_size=300)
reply = st.builds(
    ChatReply,
    text,
    quick_replies=st.lists(st.tuples(label, data), max_size=13).map(tuple),
    calls=st.lists(
        st.tuples(label, st.sampled_from(["tel:0120-250-168", "tel:110", "tel:+81 3 1234 5678"])),
        max_size=5,
    ).map(tuple),
    links=st.lists(st.tuples(label, st.just("https://kenri.example/s/x")), max_size=3).map(tuple),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(reply, min_size=1, max_size=9))
def test_line_accepts_every_rendered_batch(replies):
    batches = line_batches(replies)
    for batch in batches:
        assert _line_messages_errors(batch) == []
    messages = [m for batch in batches for m in batch]
    if replies[-1].quick_replies:
        assert len(messages[-1]["quickReply"]["items"]) == len(replies[-1].quick_replies)


@settings(max_examples=40, deadline=None)
@given(st.lists(reply, min_size=1, max_size=9))
def test_messenger_accepts_every_rendered_message(replies):
    for message in messenger_messages(replies):
        assert _meta_message_problem(message) is None


def test_thirteen_long_burmese_labels_are_fitted_not_dropped():
    long = "ကျွန်ုပ်၏နိုင်ငံကူးလက်မှတ်ကိုကုမ္ပဏီကသိမ်းထားသည်"
    reply = ChatReply(
        "?", quick_replies=tuple(Choice(long + str(n), f"opt:{n}") for n in range(13))
    )
    [[line]] = line_batches([reply])
    labels = [item["action"]["label"] for item in line["quickReply"]["items"]]
    assert len(labels) == 13 and all(clusters(x) <= 20 and x.endswith("…") for x in labels)
    [messenger] = messenger_messages([reply])
    assert [q["payload"] for q in messenger["quick_replies"]] == [f"opt:{n}" for n in range(13)]


def test_a_long_result_is_split_and_still_fits_five_messages_when_it_can():
    findings = [
        ChatReply("Finding " + str(n) + ": " + "給料が最低賃金より低い。" * 30) for n in range(4)
    ]
    batches = line_batches(findings)
    assert len(batches) == 1 and len(batches[0]) <= 5


def test_more_than_five_unmergeable_messages_make_a_second_batch():
    replies = [ChatReply("x" * 4000) for _ in range(7)]
    batches = line_batches(replies)
    assert [len(b) for b in batches] == [5, 2]


def test_six_calls_make_two_line_templates_and_two_messenger_templates():
    calls = tuple(Call(f"Line {n}", f"tel:0120-000-00{n}") for n in range(6))
    [[first, second]] = line_batches([ChatReply("Call someone", calls=calls)])
    assert len(first["template"]["actions"]) == 4 and len(second["template"]["actions"]) == 2
    assert first["template"]["text"] == "Call someone"
    assert second["template"]["text"] == "Line 4 / Line 5"
    templates = messenger_messages([ChatReply("Call someone", calls=calls)])
    assert [len(t["attachment"]["payload"]["buttons"]) for t in templates] == [3, 3]


@pytest.mark.parametrize(
    "tel,number",
    [
        ("tel:0120-250-168", "+81120250168"),
        ("tel:+81 3-1234-5678", "+81312345678"),
        ("tel:03-1234-5678", "+81312345678"),
        ("tel:110", None),
        ("tel:#9110", None),
    ],
)
def test_international_numbers_for_messenger(tel, number):
    assert international_number(tel) == number


@pytest.mark.parametrize(
    "make",
    [
        lambda: ChatReply(""),
        lambda: ChatReply("  "),
        lambda: ChatReply("x", quick_replies=tuple(Choice(str(n), str(n)) for n in range(14))),
        lambda: ChatReply("x", quick_replies=(Choice("a", "d" * 301),)),
        lambda: ChatReply("x", quick_replies=(Choice("", "d"),)),
        lambda: ChatReply("x", calls=(Call("Police", "110"),)),
        lambda: ChatReply("x", links=(Link("Summary", "javascript:alert(1)"),)),
        lambda: ChatReply("x", links=(Link("Summary", "https://k.example/" + "s" * 1000),)),
    ],
    ids=[
        "empty",
        "blank",
        "14-quick-replies",
        "data-too-long",
        "no-label",
        "not-tel",
        "not-http",
        "url-too-long",
    ],
)
def test_structural_mistakes_raise_at_once(make):
    with pytest.raises(ValueError):
        make()


def test_replies_accept_plain_tuples():
    reply = ChatReply("x", quick_replies=[("Yes", "y")], calls=[("OTIT", "tel:0120-250-168")])
    assert reply.quick_replies == (Choice("Yes", "y"),) and reply.calls[0].tel.startswith("tel:")
