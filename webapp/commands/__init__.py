"""Groups of `kenri` subcommands, each attached to the group in webapp/cli.py."""
