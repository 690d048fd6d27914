"""The proof: how an attempt ended (``outcome``), its record (``record``, the format defined once),
its folder (``evidence``), the hash-chained ledger (``ledger``), and what reads them back:
``verify``, ``recovery`` (an attempt a crash cut short), ``report`` (+ ``report_page``), ``export``."""
