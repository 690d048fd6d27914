"""The person: ``human`` (the interface the engine asks through, and the terminal), ``asks`` (what
is asked, as data), ``ui`` (how progress and summaries look), ``wizard`` and ``answers``
(adding accounts from what the person types)."""
