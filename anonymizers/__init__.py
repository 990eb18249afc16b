"""Presidio-based de-identification for AIMate (Chinese-first)."""
