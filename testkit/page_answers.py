"""Giving one answer on a question page in Chromium, from the fields testkit.form_steps lists
(shared by the page-weight benchmarks)."""


def give_answer(page, fields: dict) -> None:
    """Type the number or month, choose the prefecture, or tick the option(s) by id."""
    if "value" in fields:
        page.fill("#value", fields["value"])
    elif page.locator("select#answer").count():
        page.select_option("select#answer", fields["answer"])
    else:
        chosen = fields["answer"]
        for option in chosen if isinstance(chosen, (list, tuple)) else [chosen]:
            page.locator(f"input[name=answer][value='{option}']").check()
