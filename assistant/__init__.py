"""objector: object to AI-at-Meta training for each of your accounts, and keep proof."""

__version__ = "0.1.0"
