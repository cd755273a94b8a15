"""The reference frameworks shipped as ``builtin:`` names: listing them, starting from one."""
