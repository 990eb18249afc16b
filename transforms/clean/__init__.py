"""Raw → clean: de-identified text, keyed pseudonyms, generalised attributes."""
