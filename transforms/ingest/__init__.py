"""Landing JSONL → validated, typed raw Parquet, with quarantine and reconciliation."""

from transforms.ingest.landing_to_raw import IngestSummary, ingest_partition, pending_ingest_dates

__all__ = ["IngestSummary", "ingest_partition", "pending_ingest_dates"]
