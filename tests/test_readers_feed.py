"""The feed reader: RSS and Atom entries become documents; dates, outlets and HTML content."""
from pathlib import Path

from importers.extract import extract
from importers.readers import read_file

FEEDS = Path(__file__).parent / "fixtures" / "mixed" / "feeds"


def test_rss_entries_with_html_content_missing_and_garbage_dates():
    reader, result = read_file(FEEDS / "lantern_courier.rss")
    assert reader.name == "feed"
    docs = {d.title: d for d in result.documents}
    assert set(docs) == {"Valley council votes to keep the night bus",
                         "Orchard growers count the cost of a late frost", "Footbridge to close for painting"}
    bus = docs["Valley council votes to keep the night bus"]
    assert bus.outlet == "The Lantern Courier" and bus.author == "Ines Marquardt" and bus.section == "Politics"
    assert bus.published == "2023-07-07"  # 23:40 at -04:00: the local day, not the UTC one
    assert "<p>" not in bus.text and "<strong>" not in bus.text
    assert "Petra Hallgren" in bus.text and len(bus.text.splitlines()) == 3
    ex = extract(bus)
    assert any("without it they would have to give up their jobs" in s.text for s in ex.statements)
    # A garbage date: imported, undated, with a warning naming the entry.
    assert docs["Orchard growers count the cost of a late frost"].published is None
    assert any("entry 2" in w and "not understood" in w for w in result.warnings)
    # A missing date is no warning; an entry without any text is skipped with one.
    assert docs["Footbridge to close for painting"].published is None
    assert any("entry 4" in w and "no text" in w for w in result.warnings)


def test_atom_entries_prefer_published_then_updated():
    reader, result = read_file(FEEDS / "harbour_post.atom")
    assert reader.name == "feed"
    rosters, cranes, timetable = result.documents
    assert rosters.title == "Tug crews agree new rosters"  # HTML in the title is flattened
    assert rosters.published == "2024-05-03"  # the entry's own date outranks the 05/02 in its URL
    assert rosters.author == "Kiri Waititi-Holm" and rosters.outlet == "Harbour Post"
    assert cranes.published == "2024-04-29"  # only <updated>
    assert timetable.published is None and timetable.text.startswith("The winter timetable")
    assert not result.warnings
