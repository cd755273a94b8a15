"""Run the command line as ``python -m pmframework``."""

from pmframework.cli import main

main()
