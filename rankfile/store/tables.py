"""The store's tables (SQLAlchemy 2 Core), one schema for SQLite and PostgreSQL.

Designed for the whole data model of DESIGN.md even where later stages fill the
tables. Ids are stable strings derived from natural keys (``doc-`` + sha256[:16],
``inc-`` + hash of document id and the extractor's id), so a re-run writes the same
ids. Lists and nested values are ``JSON`` so both backends store them unchanged.
Migrations live in ``rankfile/store/migrations``; change both together.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


# --------------------------------------------------------------------------- bookkeeping

meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

blobs = Table(  # original bytes kept in the database (PostgreSQL, or when configured)
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("part", Text, nullable=False, default=""),  # "" = the whole file
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    UniqueConstraint("path", "part"),
)

ingested_files = Table(  # files whose every document landed (lets a re-run skip them unread)
    "ingested_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("extractor_version", String(100), nullable=False, default=""),
    Column("at", DateTime(timezone=True), nullable=False),
)

# --------------------------------------------------------------------------- documents

documents = Table(
    "documents",
    metadata,
    # integer key: the rowid FTS5 indexes by (stable across VACUUM on SQLite)
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("text_sha256", String(64), nullable=False, index=True),
    Column("duplicate_of", String(40), ForeignKey("documents.id"), nullable=True, index=True),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("publisher", Text, index=True),  # migration 0004
    Column("author", Text),
    Column("published", Date, index=True),
    Column("retrieved", DateTime(timezone=True)),
    Column("language", String(16)),
    Column("kind", String(40), index=True),
    Column("source_format", String(40), nullable=False),
    Column("path", Text),
    Column("part", Text),
    Column("text", Text, nullable=False),
    Column("original_size", Integer, nullable=False),
    Column("archive_key", String(64), nullable=False, index=True),  # sha256 of original bytes
    Column("tool_version", String(40), nullable=False),
    Column("extractor_version", String(100)),  # None: not extracted yet
    Column("attachments", JSON, nullable=False, default=list),
    Column("cited", JSON, nullable=False, default=list),
    Column("metadata", JSON, nullable=False, default=dict),
    Column("extraction", JSON, nullable=False, default=dict),  # components, language used
    Column("reliability", String(40)),
    Column("created", DateTime(timezone=True), nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("record_kind", String(20), nullable=False),  # incident, claim, cited_source
    Column("record_id", String(40), nullable=False),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Index("ix_evidence_record", "record_kind", "record_id"),
)

mentions = Table(  # dates and places the extractor found (what incidents were resolved from)
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # date, place
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", JSON, nullable=False),
    Column("rule", String(100), nullable=False),
    Column("role", String(40)),
)

incidents = Table(  # per-document incident mentions
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("local_id", Text, nullable=False),  # the id the extractor gave
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("kind", String(20), nullable=False),
    Column("types", JSON, nullable=False, default=list),
    Column("date_text", Text),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("date_precision", String(20)),
    Column("date_month", Integer),
    Column("date_day", Integer),
    Column("date_year", Integer),
    Column("date_modifier", String(20)),
    Column("date_anchor", String(20)),
    Column("location_text", Text),
    Column("location_name", Text),
    Column("location_country", String(2), index=True),
    Column("location_admin1", Text),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_precision", String(20)),
    Column("location_geonameid", Integer),
    Column("victims_count", Integer),
    Column("victims_names", JSON, nullable=False, default=list),
    Column("victims_description", Text),
    Column("perpetrator_roles", JSON, nullable=False, default=list),
    Column("perpetrator_names", JSON, nullable=False, default=list),
    Column("perpetrator_units", JSON, nullable=False, default=list),
    Column("triggers", JSON, nullable=False, default=list),
    Column("harms", JSON, nullable=False, default=list),
    Column("duration", Text),
    Column("evidence_kinds", JSON, nullable=False, default=list),
    Column("caveats", JSON, nullable=False, default=list),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("rules", JSON, nullable=False, default=list),
    Column("status", String(20), nullable=False, default="extracted"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("local_id", Text, nullable=False),
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("unit", String(20)),
    Column("qualifier", String(40)),
    Column("measure", String(60), index=True),
    Column("party", Text),
    Column("time_scope", Text),
    Column("attributed_to", Text),
    Column("rules", JSON, nullable=False, default=list),
    Column("status", String(20), nullable=False, default="extracted"),
)

cited_sources = Table(
    "cited_sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("name", Text, nullable=False),
    Column("kind", String(40)),
    Column("relation", String(40)),
    Column("rules", JSON, nullable=False, default=list),
)

# --------------------------------------------------------------------------- corpus level

incident_clusters = Table(  # a corpus-level incident: a group of per-document mentions
    "incident_clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("kind", String(20)),
    Column("types", JSON, nullable=False, default=list),
    Column("summary", JSON, nullable=False, default=dict),  # merged date, place, victims...
    Column("status", String(20), nullable=False, default="proposed"),
    Column("version", Integer, nullable=False, default=1),  # optimistic locking
    Column("note", Text),
    Column("sensitive", Boolean, nullable=False, default=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    # copies of summary values the incident list sorts/filters by (migration 0002)
    Column("date_start", String(32)),
    Column("date_end", String(32)),
    Column("country", String(8)),
    Column("origins", Integer),
    Column("mentions", Integer),
    Index("ix_incident_clusters_status", "status"),
    Index("ix_incident_clusters_updated", "updated", "id", "status"),
)
_ic = incident_clusters.c
# the incident list's exact ORDER BY, then status, so a deep page skips rows in the index
# alone (migration 0003)
Index("ix_incident_clusters_date_desc", _ic.date_start.is_(None), _ic.date_start.desc(), _ic.id.desc(), _ic.status)
Index("ix_incident_clusters_date_asc", _ic.date_start.is_(None), _ic.date_start, _ic.id, _ic.status)
Index("ix_incident_clusters_mentions_desc", _ic.mentions.is_(None), _ic.mentions.desc(), _ic.id.desc(), _ic.status)
Index("ix_incident_clusters_mentions_asc", _ic.mentions.is_(None), _ic.mentions, _ic.id, _ic.status)
Index("ix_incident_clusters_title_asc", _ic.title.is_(None), _ic.title, _ic.id, _ic.status)
Index("ix_incident_clusters_title_desc", _ic.title.is_(None), _ic.title.desc(), _ic.id.desc(), _ic.status)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("cluster_id", String(40), ForeignKey("incident_clusters.id", ondelete="CASCADE"),
           primary_key=True),
    Column("incident_id", String(40), primary_key=True, index=True),  # not a FK: survives
    # re-extraction; indexed on its own by migration 0005 (from a quoted mention to its incident)
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("score", Float),
    Column("status", String(20), nullable=False, default="proposed"),
    Column("added_by", Text),
)

claim_groups = Table(  # the same figure across documents (aligned claims)
    "claim_groups",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("measure", String(60)),
    Column("party", Text),
    Column("summary", JSON, nullable=False, default=dict),
    Column("status", String(20), nullable=False, default="proposed"),
    Column("version", Integer, nullable=False, default=1),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

claim_group_members = Table(
    "claim_group_members",
    metadata,
    Column("group_id", String(40), ForeignKey("claim_groups.id", ondelete="CASCADE"),
           primary_key=True),
    Column("claim_id", String(40), primary_key=True),
    Column("document_id", String(40), _doc_fk(), nullable=False, index=True),
    Column("score", Float),
)

stories = Table(  # documents that are copies or rewrites of one another
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("origin_document_id", String(40), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("summary", JSON, nullable=False, default=dict),
    Column("status", String(20), nullable=False, default="proposed"),
    Column("version", Integer, nullable=False, default=1),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String(40), _doc_fk(), primary_key=True),
    Column("role", String(20)),  # origin, copy, rewrite
    Column("similarity", Float),
)

links = Table(  # pairwise links proposed by a linker, confirmed or rejected by a reviewer
    "links",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(40), nullable=False, index=True),  # same_text, copy, same_incident, same_claim, cites
    Column("source_kind", String(20), nullable=False),
    Column("source_id", String(40), nullable=False),
    Column("target_kind", String(20), nullable=False),
    Column("target_id", String(40), nullable=False),
    Column("status", String(20), nullable=False, default="proposed"),
    Column("score", Float),
    Column("features", JSON, nullable=False, default=dict),
    Column("rule", String(100)),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Index("ix_links_source", "source_kind", "source_id"),
    Index("ix_links_target", "target_kind", "target_id"),
)

conflicts = Table(  # contradictions between claims or incident facts
    "conflicts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(40), nullable=False),  # figure, date, place, ...
    Column("group_kind", String(20)),
    Column("group_id", String(40), index=True),
    Column("a_kind", String(20), nullable=False),
    Column("a_id", String(40), nullable=False),
    Column("b_kind", String(20), nullable=False),
    Column("b_id", String(40), nullable=False),
    Column("description", Text),
    Column("details", JSON, nullable=False, default=dict),
    Column("status", String(20), nullable=False, default="open"),
    Column("created", DateTime(timezone=True), nullable=False),
)

review_events = Table(  # append-only, hash-chained: never updated, never deleted
    "review_events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(40), nullable=False),
    Column("target_kind", String(20), nullable=False),
    Column("target_id", String(40), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("note", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_review_events_target", "target_kind", "target_id"),
)

# Tables holding what extraction produced for one document; replaced on re-extraction.
EXTRACTED_TABLES = (evidence, mentions, incidents, claims, cited_sources)
