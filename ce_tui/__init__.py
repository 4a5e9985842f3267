"""ce-tui: where each Cisco certification stands on its way to recertification."""

__version__ = "0.1.0"
