"""`python -m transforms.cli` — the same as the `aimate-share` console script."""

from transforms.cli import main

main()
