"""AIMate recognizers, laid out like presidio_analyzer.predefined_recognizers."""
