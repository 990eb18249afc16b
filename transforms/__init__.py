"""AIMate sharing pipeline: ingestion, validation, cleaning, publishing and rights handling."""
