"""New years: a report copied, drafted by the extractor and registered (``register``)."""
