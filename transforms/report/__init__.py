"""The privacy officer's report: an internal HTML page with plots, never part of a drop."""
