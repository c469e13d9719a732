"""Optional components run only when installed, and the output says which ran."""

import spacy

import rankfile
from rankfile.extract import optional


def test_without_a_spacy_model_nothing_optional_is_listed(monkeypatch):
    monkeypatch.setattr(optional, "spacy_model", lambda language: None)
    result = rankfile.extract("A soldier was beaten by his commander near Bakhmut in May 2023.")
    assert not any(c.startswith("spacy:") for c in result.components)


def test_a_model_adds_person_names_and_is_named(monkeypatch):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Kuzma Tikhonravov"}])
    nlp.meta["name"] = "test_ner"
    monkeypatch.setattr(optional, "spacy_model", lambda language: nlp)
    text = "Kuzma Tikhonravov was handcuffed to a tree by his commander for two days."
    result = rankfile.extract(text)
    assert any(c.startswith("spacy:en_test_ner") for c in result.components)
    assert "Kuzma Tikhonravov" in result.incidents[0].victims.names
