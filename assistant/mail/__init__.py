"""The person's own mailbox (opt-in): ``client`` reads it over IMAP with TLS, ``messages`` takes
Meta's e-mails apart (no network), ``check`` files late confirmation e-mails with the proof."""
