from rankfile.link.citations import chains, outlet_key, resolve_citations
from rankfile.records import CitedSource


def test_outlet_names_and_domains_meet():
    assert outlet_key("The Harbour Gazette") == outlet_key("example-harbourgazette.org")


def test_citation_resolves_to_earlier_document_and_chain(corpus):
    corpus[1].sources_cited = [CitedSource(name="Harbour Gazette", evidence=[], relation="citing")]
    cites = resolve_citations(corpus)
    assert [(c.document_id, c.target) for c in cites] == [("doc-b", "doc-a")]
    assert chains(cites) == {"doc-b": [["doc-b", "doc-a"]]}
