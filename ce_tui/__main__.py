"""`python -m ce_tui` runs the command line."""

from ce_tui.cli import main

raise SystemExit(main())
