"""The taxonomy is data: loaded, validated, and its documentation is generated from it."""

from pathlib import Path

from rankfile.taxonomy import load_taxonomy

DOCS = Path(__file__).resolve().parent.parent / "docs" / "taxonomy.md"


def test_codes_of_the_design_brief_are_present():
    tax = load_taxonomy()
    assert {"physical_assault", "restraint_exposure", "fratricide_order", "hazing"} <= set(tax.abuse_types)
    assert set(tax.context_types) == {"desertion", "self_harm", "surrender", "complaint", "prosecution"}
    assert set(tax.perpetrator_roles) == {"commander", "military_police", "fellow_soldiers",
                                          "punishment_squad", "unknown"}


def test_generated_docs_are_current():
    assert DOCS.read_text("utf-8") == load_taxonomy().to_markdown(), (
        "docs/taxonomy.md is stale: run `rankfile taxonomy --markdown > docs/taxonomy.md`")


def test_every_incident_lexicon_type_is_a_taxonomy_code():
    from rankfile.extract.incidents import incident_lexicon

    tax = load_taxonomy()
    assert set(incident_lexicon("en").types) <= set(tax.incident_types)
