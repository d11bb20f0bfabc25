"""The printable bilingual summary: two sides on screen, one A4 page on paper."""

import re
import subprocess

import pytest

from .steps import path_of

pytestmark = pytest.mark.browser


@pytest.fixture
def summary_page(finished, live_server):
    """A typical trainee with three findings (passport kept, pay below the minimum, overtime at
    the normal rate), JavaScript off, following the result's link to /summary."""
    page = finished("problems", js=False).context.new_page()
    try:
        page.goto(live_server + "/result")
        page.get_by_role("link", name="Printable summary to show an office").click()
        page.wait_for_url(re.compile(r"/summary$"))
        yield page
    finally:
        page.close()


@pytest.mark.browser
def test_summary_has_a_trainee_side_and_a_japanese_side(summary_page, screenshot):
    page = summary_page
    # Given a trainee with three findings
    # When they open the printable summary
    assert path_of(page) == "/summary"
    # Then it has two sides, in the trainee's language and in Japanese
    sides = page.locator("section.summary-side")
    assert sides.count() == 2
    assert [sides.nth(i).get_attribute("lang") for i in range(2)] == ["en", "ja"]
    # And each side lists the same three findings, each with the laws that apply in Japan
    counts = [side.locator("ol.summary-findings > li").count() for side in sides.all()]
    assert counts[0] == counts[1] and 3 <= counts[0] <= 4, counts
    left = sides.nth(0).inner_text()
    assert "Summary of my situation" in left
    assert "Minimum Wage Act" in left
    assert "Evidence I can bring:" in left
    right = sides.nth(1).inner_text()
    assert "私の状況のまとめ" in right and "最低賃金法" in right
    screenshot(page)


@pytest.mark.browser
def test_summary_prints_on_one_a4_page(summary_page, tmp_path, screenshot):
    page = summary_page
    # Given the summary of a typical case (three findings)
    # When it is printed to PDF on A4
    pdf = tmp_path / "summary.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    # Then it fits on one page
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    # And page 1 is kept as a PNG to look at
    png = screenshot.path_for("pdf-page-1").with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
        check=True,
    )
    assert pages == 1, f"the summary printed on {pages} A4 pages"
    # And the quick exit, header and back link are not printed; both sides are
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Quick exit" not in text
    # Both sides are printed: the trainee's English and the Japanese for the office
    assert text.count("Summary of my situation") == 1
    assert text.count("私の状況のまとめ") == 1
    assert "最低賃金法" in text
