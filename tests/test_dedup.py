"""Near-duplicate detection: the same wire story lightly edited is a duplicate; another story on the topic is not."""
import pytest

from tacitus.dedup import NearDuplicateIndex, shingles

# Written for these tests about the Hualien earthquake of April 3, 2024.
HEADLINE = "Strong earthquake strikes eastern Taiwan, killing at least nine\n\n"
WIRE = (
    "HUALIEN, Taiwan, April 3 (Tacitus Wire) - The strongest earthquake to hit Taiwan in a quarter of a "
    "century struck off its eastern coast on Wednesday morning, killing at least nine people, injuring "
    "more than 900 and trapping dozens of workers in quarries and tunnels, officials said. The quake, "
    "which the island's weather agency put at magnitude 7.2, hit just before 8 a.m. as people were "
    "heading to work and school. Buildings in the city of Hualien, close to the epicentre, leaned at "
    "sharp angles, and rock slides blocked roads along the mountainous coast. Rescue teams used ladders "
    "to bring residents out of damaged apartment blocks. In the capital Taipei, about 150 km away, "
    "buildings shook for more than a minute and the metro was briefly halted. The central weather "
    "administration warned that aftershocks as strong as magnitude 7 could follow over the next few "
    "days. Tsunami warnings were issued for southern Japan and the Philippines but were later lifted. "
    "Taiwan's premier said the government would provide emergency funds to the county, and the main "
    "chip maker said most of its equipment had been restored within hours."
)
REUTERS_TAIL = "\n\nReporting by the Taipei newsroom; Editing by the Asia desk."
OTHER_TAIL = "\n\nCopyright 2024 Example Media Group. All rights reserved. This material may not be redistributed."

DIFFERENT_SAME_TOPIC = (
    "TAIPEI, April 4 (Tacitus Wire) - Rescuers in Taiwan on Thursday searched for people still missing a "
    "day after the island's most powerful earthquake in twenty-five years, as the number of confirmed "
    "deaths rose and hundreds of aftershocks rattled the eastern county of Hualien. Soldiers and "
    "firefighters used drones and search dogs to reach hikers stranded in a national park gorge, where "
    "falling rocks had cut off a popular trail. Experts credited strict building codes introduced after a "
    "deadly 1999 quake for limiting the damage, saying most modern structures had withstood the shaking. "
    "Officials estimated the cost of repairs to roads and railways at several billion Taiwan dollars."
)


@pytest.fixture()
def index():
    idx = NearDuplicateIndex(threshold=0.8, num_perm=128)
    assert idx.add("wire-original", REUTERS_TAIL.join([HEADLINE + WIRE, ""])) is None
    return idx


def test_changed_headline_is_a_duplicate(index):
    edited = "Quake of magnitude 7.2 hits Taiwan; nine dead, hundreds hurt\n\n" + WIRE + REUTERS_TAIL
    assert index.add("headline-changed", edited) == "wire-original"


def test_sentence_added_at_the_end_is_a_duplicate(index):
    edited = HEADLINE + WIRE + " Officials said the death toll could rise as rescuers reached remote areas." + REUTERS_TAIL
    assert index.add("updated", edited) == "wire-original"


def test_different_boilerplate_is_a_duplicate(index):
    assert index.add("other-site", HEADLINE + WIRE + OTHER_TAIL) == "wire-original"


def test_case_and_punctuation_do_not_matter(index):
    assert index.find(HEADLINE.upper() + WIRE.replace(",", "").upper() + REUTERS_TAIL) == "wire-original"


def test_different_story_on_the_same_topic_is_not_a_duplicate(index):
    assert index.add("follow-up", DIFFERENT_SAME_TOPIC) is None
    assert "follow-up" in index and len(index) == 2


def test_half_rewritten_story_is_not_a_duplicate(index):
    sentences = WIRE.split(". ")
    half = ". ".join(sentences[: len(sentences) // 2]) + ". " + DIFFERENT_SAME_TOPIC
    assert index.add("mixed", half) is None


def test_signatures_persist_and_rebuild_the_index():
    first = NearDuplicateIndex()
    stored = [("a", first.signature(WIRE)), ("b", first.signature(DIFFERENT_SAME_TOPIC))]
    assert all(isinstance(sig, bytes) and len(sig) == 8 * 128 for _, sig in stored)
    rebuilt = NearDuplicateIndex()
    assert rebuilt.load(stored) == 2
    assert rebuilt.add("c", rebuilt.signature(WIRE + OTHER_TAIL)) == "a"
    assert rebuilt.add("d", WIRE + " One more closing line about the chip maker.") == "a"
    assert rebuilt.add("e", "A story about something else entirely: the Paris Olympics opened on the Seine.") is None


def test_signature_is_stable_across_instances():
    assert NearDuplicateIndex().signature(WIRE) == NearDuplicateIndex().signature(WIRE)


def test_wrong_signature_size_is_a_clear_error():
    small = NearDuplicateIndex(num_perm=64)
    with pytest.raises(ValueError, match="expects 1024"):
        NearDuplicateIndex().add("x", small.signature(WIRE))


def test_empty_texts_are_never_duplicates():
    idx = NearDuplicateIndex()
    assert idx.signature("  ...  ") == b""
    assert idx.add("a", "") is None and idx.add("b", "!!!") is None
    assert len(idx) == 0


def test_re_adding_an_indexed_id_changes_nothing(index):
    assert index.add("wire-original", WIRE) is None
    assert len(index) == 1


def test_shingles_are_word_five_grams_of_normalised_text():
    assert shingles("The  QUICK, brown fox jumps over") == {b"the quick brown fox jumps", b"quick brown fox jumps over"}
    assert shingles("Too short") == {b"too short"}


def test_read_inputs_can_reject_near_duplicates(tmp_path):
    from tacitus.sources import Rejected, read_inputs

    (tmp_path / "a.txt").write_text(HEADLINE + WIRE + REUTERS_TAIL)
    (tmp_path / "b.txt").write_text(HEADLINE + WIRE + OTHER_TAIL)
    (tmp_path / "c.txt").write_text(DIFFERENT_SAME_TOPIC)
    items = list(read_inputs([str(tmp_path)], near_duplicates=NearDuplicateIndex()))
    assert isinstance(items[1], Rejected) and items[1].status == "skipped"
    assert items[1].reason == f"near-duplicate of {items[0].doc_id!r}"
    assert not isinstance(items[2], Rejected)
