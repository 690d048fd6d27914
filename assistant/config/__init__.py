"""What a run is set up from: ``settings`` (the environment and ``.env``), ``accounts`` (the
person's ``accounts.toml``), ``flows`` (the flow files: schema and loader) and ``home`` (the
on-disk layout of an objector home, spelled once)."""
